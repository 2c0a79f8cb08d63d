package io.bnsweep.data;

import java.nio.file.Path;

/**
 * Grey images with class labels, as stored on disk: one unsigned byte per pixel and per label.
 *
 * <p>Kept as bytes (a quarter of the memory of floats); trials convert the rows they batch.
 *
 * @param count number of examples
 * @param rows image height
 * @param cols image width
 * @param pixels {@code count * rows * cols} unsigned bytes, example-major
 * @param labels {@code count} labels in {@code 0..classes-1}
 */
public record LabeledImages(int count, int rows, int cols, byte[] pixels, byte[] labels) {
  /** Number of classes every dataset here has (the MNIST family). */
  public static final int CLASSES = 10;

  /** Pixels per image. */
  public int imageSize() {
    return rows * cols;
  }

  /**
   * Reads an image file and its label file and checks that they agree.
   *
   * @throws DatasetException naming the file that is wrong
   */
  public static LabeledImages read(Path imageFile, Path labelFile) {
    IdxReader.IdxArray images = IdxReader.read(imageFile, 3);
    IdxReader.IdxArray labels = IdxReader.read(labelFile, 1);
    int count = images.dims()[0];
    if (labels.dims()[0] != count) {
      throw new DatasetException(
          labelFile
              + ": holds "
              + labels.dims()[0]
              + " labels but "
              + imageFile.getFileName()
              + " holds "
              + count
              + " images");
    }
    byte[] labelBytes = labels.data();
    for (int i = 0; i < labelBytes.length; i++) {
      int label = labelBytes[i] & 0xff;
      if (label >= CLASSES) {
        throw new DatasetException(
            labelFile + ": label " + label + " at index " + i + " is outside 0.." + (CLASSES - 1));
      }
    }
    return new LabeledImages(count, images.dims()[1], images.dims()[2], images.data(), labelBytes);
  }
}
