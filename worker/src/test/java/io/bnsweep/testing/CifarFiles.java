package io.bnsweep.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Tiny CIFAR binary files, written by tests from seeded pixels they keep to compare against. */
public final class CifarFiles {
  /** Pixel bytes of one 32x32 colour image. */
  public static final int IMAGE = 3 * 32 * 32;

  private CifarFiles() {}

  /**
   * Records of {@code labelBytes} labels and {@code IMAGE} pixels: the labels of record {@code r}
   * are {@code labels[r]}, its pixels {@code pixels[r * IMAGE ..]} (red plane, green, blue).
   */
  public record Records(int[][] labels, byte[] pixels) {
    public int count() {
      return labels.length;
    }

    /** The file's bytes. */
    public byte[] encode() {
      int labelBytes = labels[0].length;
      byte[] out = new byte[count() * (labelBytes + IMAGE)];
      for (int r = 0; r < count(); r++) {
        int at = r * (labelBytes + IMAGE);
        for (int b = 0; b < labelBytes; b++) {
          out[at + b] = (byte) labels[r][b];
        }
        System.arraycopy(pixels, r * IMAGE, out, at + labelBytes, IMAGE);
      }
      return out;
    }

    public Path write(Path file) throws IOException {
      Files.createDirectories(file.getParent());
      return Files.write(file, encode());
    }
  }

  /** {@code count} seeded records whose label byte {@code b} is below {@code classes[b]}. */
  public static Records generate(int count, int[] classes, long seed) {
    Random random = new Random(seed);
    int[][] labels = new int[count][classes.length];
    for (int r = 0; r < count; r++) {
      for (int b = 0; b < classes.length; b++) {
        labels[r][b] = random.nextInt(classes[b]);
      }
    }
    byte[] pixels = new byte[count * IMAGE];
    random.nextBytes(pixels);
    return new Records(labels, pixels);
  }
}
