package io.bnsweep.data;

/**
 * Labelled images as decoded from disk: one unsigned byte per pixel, held once per JVM.
 *
 * <p>Kept as bytes (a quarter of the memory of floats); trials convert the rows they batch. Every
 * format decodes to the same layout, planar as ND4J's NCHW: for each example, each channel's {@code
 * height x width} plane, row-major, channel after channel.
 *
 * @param shape channels, image size and classes
 * @param count number of examples
 * @param pixels {@code count * shape.imageSize()} unsigned bytes, example-major, channels planar
 * @param labels {@code count} labels in {@code 0..shape.classes()-1}
 */
public record LabeledImages(InputShape shape, int count, byte[] pixels, int[] labels) {
  public LabeledImages {
    if ((long) count * shape.imageSize() != pixels.length || labels.length != count) {
      throw new IllegalArgumentException(
          count
              + " examples of "
              + shape.images()
              + " need "
              + (long) count * shape.imageSize()
              + " pixel bytes and "
              + count
              + " labels, got "
              + pixels.length
              + " and "
              + labels.length);
    }
  }

  /** Images from bytes: labels given as unsigned bytes, as IDX and CIFAR files store them. */
  public static LabeledImages of(InputShape shape, byte[] pixels, byte[] labels) {
    int[] ints = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      ints[i] = labels[i] & 0xff;
    }
    return new LabeledImages(shape, labels.length, pixels, ints);
  }

  /** Bytes per image. */
  public int imageSize() {
    return shape.imageSize();
  }

  /** The label of example {@code row}. */
  public int label(int row) {
    return labels[row];
  }

  /** How many examples each class has. */
  public int[] classCounts() {
    int[] counts = new int[shape.classes()];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /**
   * Checks that every label is a class of {@code shape}.
   *
   * @throws DatasetException naming {@code source}, the label and its index
   */
  static void checkLabels(String source, int[] labels, int classes) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new DatasetException(
            source + ": label " + labels[i] + " at index " + i + " is outside 0.." + (classes - 1));
      }
    }
  }
}
