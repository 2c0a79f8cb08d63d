package io.bnsweep.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the binary CIFAR files: fixed-size records of label bytes followed by a 32x32 colour image
 * as its red, then green, then blue plane, each row-major (already the planar layout of {@link
 * LabeledImages}). Memory is bounded by the bytes present; a file that is not a whole number of
 * records, or a label outside the class count, is refused with the file, the record and the
 * problem.
 */
final class CifarReader {
  static final int SIDE = 32;
  static final int IMAGE = 3 * SIDE * SIDE;

  private CifarReader() {}

  /**
   * The records of {@code files}, in file order and record order.
   *
   * @param labelBytes label bytes before each image (1 for CIFAR-10, 2 for CIFAR-100)
   * @param labelIndex which of them is the label used
   * @param classes the class count of every label byte, checked for each
   */
  static LabeledImages read(List<Path> files, int labelBytes, int labelIndex, int[] classes) {
    int record = labelBytes + IMAGE;
    List<byte[]> contents = new ArrayList<>();
    long total = 0;
    for (Path file : files) {
      byte[] bytes = readAll(file);
      if (bytes.length == 0) {
        throw new DatasetException(
            file + ": empty; a CIFAR file holds " + record + "-byte records");
      }
      if (bytes.length % record != 0) {
        throw new DatasetException(
            file
                + ": truncated record: "
                + bytes.length
                + " bytes is not a whole number of "
                + record
                + "-byte records (the last of "
                + (bytes.length / record + 1)
                + " has "
                + bytes.length % record
                + " bytes)");
      }
      for (int r = 0; r < bytes.length / record; r++) {
        for (int b = 0; b < labelBytes; b++) {
          int label = bytes[r * record + b] & 0xff;
          if (label >= classes[b]) {
            throw new DatasetException(
                file
                    + ": record "
                    + r
                    + (labelBytes > 1 ? " label byte " + b : "")
                    + " has label "
                    + label
                    + ", outside 0.."
                    + (classes[b] - 1));
          }
        }
      }
      contents.add(bytes);
      total += bytes.length / record;
      if (total * IMAGE > Integer.MAX_VALUE) {
        throw new DatasetException(file + ": the files hold more than 2^31 pixel bytes");
      }
    }
    int count = (int) total;
    byte[] pixels = new byte[count * IMAGE];
    int[] labels = new int[count];
    int at = 0;
    for (byte[] bytes : contents) {
      for (int r = 0; r < bytes.length / record; r++, at++) {
        labels[at] = bytes[r * record + labelIndex] & 0xff;
        System.arraycopy(bytes, r * record + labelBytes, pixels, at * IMAGE, IMAGE);
      }
    }
    return new LabeledImages(
        new InputShape(3, SIDE, SIDE, classes[labelIndex]), count, pixels, labels);
  }

  /** The lines of an optional names file, or the label numbers if it is absent. */
  static List<String> names(Path file, int classes) {
    if (!Files.isRegularFile(file)) {
      return Dataset.numbers(classes);
    }
    List<String> names;
    try {
      names =
          Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot read (" + e.getMessage() + ")");
    }
    if (names.size() != classes) {
      throw new DatasetException(
          file + ": names " + names.size() + " classes, expected " + classes);
    }
    return names;
  }

  static Path require(Path dir, String name) {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new DatasetException(dir + ": missing CIFAR file " + name);
    }
    return file;
  }

  private static byte[] readAll(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DatasetException(file + ": no such file");
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot read (" + e + ")");
    }
  }
}
