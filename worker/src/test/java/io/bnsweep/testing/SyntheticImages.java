package io.bnsweep.testing;

import io.bnsweep.data.Dataset;
import io.bnsweep.data.InputShape;
import io.bnsweep.data.LabeledImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A tiny, seeded, learnable image dataset in the MNIST layout: class {@code k} is a bright
 * horizontal bar whose row and half (left or right) depend on {@code k}, on a noisy background, so
 * a small CNN separates the classes after one short epoch. For testing the machinery, not for
 * measuring accuracy.
 */
public final class SyntheticImages {
  /** Side of every image: small, yet large enough for the default two conv blocks. */
  public static final int SIDE = 14;

  /** Grey {@link #SIDE}-pixel images of 10 classes. */
  public static final InputShape SHAPE = new InputShape(1, SIDE, SIDE, 10);

  private SyntheticImages() {}

  /** {@code count} images and labels, as raw IDX payloads. */
  public static Split generate(int count, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[count * SIDE * SIDE];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      int label = i % 10;
      labels[i] = (byte) label;
      int barRow = 1 + (label % 5) * 2;
      int barStart = label < 5 ? 1 : SIDE / 2;
      for (int r = 0; r < SIDE; r++) {
        for (int c = 0; c < SIDE; c++) {
          int value = random.nextInt(60);
          boolean onBar = (r == barRow || r == barRow + 1) && c >= barStart && c < barStart + 6;
          if (onBar) {
            value = 200 + random.nextInt(56);
          }
          pixels[i * SIDE * SIDE + r * SIDE + c] = (byte) value;
        }
      }
    }
    return new Split(pixels, labels, count);
  }

  /** A dataset named {@code synthetic} with {@code train} and {@code test} examples, in memory. */
  public static Dataset dataset(int train, int test) {
    Split tr = generate(train, 1);
    Split te = generate(test, 2);
    return new Dataset(
        "synthetic",
        LabeledImages.of(SHAPE, tr.pixels(), tr.labels()),
        LabeledImages.of(SHAPE, te.pixels(), te.labels()));
  }

  /**
   * Writes a train and a test split as the four MNIST-style files into {@code dir}, gzipped or not,
   * and returns {@code dir}.
   */
  public static Path writeDataset(Path dir, int train, int test, boolean gzip) throws IOException {
    Files.createDirectories(dir);
    String ext = gzip ? ".gz" : "";
    Split trainSplit = generate(train, 1);
    Split testSplit = generate(test, 2);
    trainSplit.write(dir, "train", ext);
    testSplit.write(dir, "t10k", ext);
    return dir;
  }

  /** Images and labels of one split. */
  public record Split(byte[] pixels, byte[] labels, int count) {
    void write(Path dir, String prefix, String ext) throws IOException {
      IdxFiles.write(
          dir.resolve(prefix + "-images-idx3-ubyte" + ext),
          IdxFiles.encode(new int[] {count, SIDE, SIDE}, pixels));
      IdxFiles.write(
          dir.resolve(prefix + "-labels-idx1-ubyte" + ext),
          IdxFiles.encode(new int[] {count}, labels));
    }
  }
}
