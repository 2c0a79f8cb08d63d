package io.bnsweep.data;

/**
 * The shape of a dataset's examples, as the data says: every network and every minibatch is built
 * from it, so nothing else keeps its own number of channels, image side or classes.
 *
 * @param channels colour channels per image (1 grey, 3 RGB)
 * @param height image height in pixels
 * @param width image width in pixels
 * @param classes number of classes; labels are {@code 0..classes-1}
 */
public record InputShape(int channels, int height, int width, int classes) {
  public InputShape {
    if (channels <= 0 || height <= 0 || width <= 0 || classes <= 0) {
      throw new IllegalArgumentException(
          "an input shape needs positive channels, height, width and classes, got "
              + channels
              + "x"
              + height
              + "x"
              + width
              + ", "
              + classes
              + " classes");
    }
  }

  /** Pixels of one channel of one image. */
  public int planeSize() {
    return height * width;
  }

  /** Bytes of one image: every channel's plane, one after another. */
  public int imageSize() {
    return channels * height * width;
  }

  /** This shape with {@code n} classes. */
  public InputShape withClasses(int n) {
    return new InputShape(channels, height, width, n);
  }

  /** True if the images of {@code other} have the same channels and size as these. */
  public boolean sameImages(InputShape other) {
    return channels == other.channels && height == other.height && width == other.width;
  }

  /** {@code 3x32x32} (channels x height x width). */
  public String images() {
    return channels + "x" + height + "x" + width;
  }

  @Override
  public String toString() {
    return images() + ", " + classes + " classes";
  }
}
