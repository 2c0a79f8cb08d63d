package io.bnsweep.trial.dl4j;

import io.bnsweep.data.Augment;
import io.bnsweep.data.InputShape;
import io.bnsweep.data.LabeledImages;
import io.bnsweep.data.Preprocessing;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns rows of a {@link LabeledImages} into ND4J minibatches: pixels through the trial's {@link
 * Preprocessing} in NCHW layout ({@link InputShape} channels, height and width), labels one-hot
 * over its classes; training batches optionally augmented. The bytes stay shared; only the rows of
 * one batch are converted to floats at a time.
 */
final class Batches {
  private Batches() {}

  /**
   * Random crops and flips for one epoch: each example draws its crop offsets and its flip from
   * {@code random} in batch order, whichever augmentations are on, so trials with the same seed and
   * data order see the same images in every variant.
   */
  static final class Augmentation {
    private final boolean crop;
    private final boolean flip;
    private final Random random;

    private Augmentation(boolean crop, boolean flip, Random random) {
      this.crop = crop;
      this.flip = flip;
      this.random = random;
    }

    /** The augmentation of epoch {@code epoch} of a trial seeded {@code seed}, or null for none. */
    static Augmentation of(List<Augment> augment, long seed, int epoch) {
      if (augment.isEmpty()) {
        return null;
      }
      long mixed = seed * 0x9E3779B97F4A7C15L + epoch;
      return new Augmentation(
          augment.contains(Augment.CROP), augment.contains(Augment.FLIP), new Random(mixed));
    }
  }

  /** Rows {@code order[from..to)} of {@code images} as one minibatch, not augmented. */
  static DataSet of(LabeledImages images, int[] order, int from, int to, Preprocessing pre) {
    return of(images, order, from, to, pre, null);
  }

  /** Rows {@code order[from..to)} of {@code images} as one minibatch, augmented by {@code aug}. */
  static DataSet of(
      LabeledImages images, int[] order, int from, int to, Preprocessing pre, Augmentation aug) {
    InputShape shape = images.shape();
    int n = to - from;
    int size = shape.imageSize();
    int plane = shape.planeSize();
    int classes = shape.classes();
    float[] features = new float[n * size];
    float[] labels = new float[n * classes];
    byte[] pixels = images.pixels();
    for (int i = 0; i < n; i++) {
      int row = order[from + i];
      int src = row * size;
      int dst = i * size;
      if (aug == null) {
        for (int c = 0; c < shape.channels(); c++) {
          float[] table = pre.table(c);
          int s = src + c * plane;
          int d = dst + c * plane;
          for (int p = 0; p < plane; p++) {
            features[d + p] = table[pixels[s + p] & 0xff];
          }
        }
      } else {
        augment(shape, pixels, src, features, dst, pre, aug);
      }
      labels[i * classes + images.label(row)] = 1f;
    }
    INDArray x =
        Nd4j.create(
            features,
            new long[] {n, shape.channels(), shape.height(), shape.width()},
            DataType.FLOAT);
    INDArray y = Nd4j.create(labels, new long[] {n, classes}, DataType.FLOAT);
    return new DataSet(x, y);
  }

  /**
   * One image cropped from its {@link Augment#PAD}-pixel zero padding and flipped, as drawn: pixel
   * {@code (y, x)} of the output is source pixel {@code (y + dy, x' + dx)}, {@code x'} being {@code
   * x} or, flipped, {@code width - 1 - x}; outside the image it is a zero byte.
   */
  private static void augment(
      InputShape shape,
      byte[] pixels,
      int src,
      float[] features,
      int dst,
      Preprocessing pre,
      Augmentation aug) {
    int dy = aug.random.nextInt(2 * Augment.PAD + 1) - Augment.PAD;
    int dx = aug.random.nextInt(2 * Augment.PAD + 1) - Augment.PAD;
    boolean flipped = aug.random.nextBoolean();
    if (!aug.crop) {
      dy = 0;
      dx = 0;
    }
    flipped &= aug.flip;
    int h = shape.height();
    int w = shape.width();
    int plane = shape.planeSize();
    for (int c = 0; c < shape.channels(); c++) {
      float[] table = pre.table(c);
      float zero = table[0];
      int s = src + c * plane;
      int d = dst + c * plane;
      for (int y = 0; y < h; y++) {
        int sy = y + dy;
        for (int x = 0; x < w; x++) {
          int sx = (flipped ? w - 1 - x : x) + dx;
          features[d + y * w + x] =
              sy < 0 || sy >= h || sx < 0 || sx >= w ? zero : table[pixels[s + sy * w + sx] & 0xff];
        }
      }
    }
  }

  /**
   * The rows of {@code images} in {@code order}, as consecutive minibatches of {@code size}, each
   * augmented by {@code aug} (null for none).
   */
  static Iterator<DataSet> iterate(
      LabeledImages images, int[] order, int size, Preprocessing pre, Augmentation aug) {
    return new Iterator<>() {
      private int from;

      @Override
      public boolean hasNext() {
        return from < order.length;
      }

      @Override
      public DataSet next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int to = Math.min(order.length, from + size);
        DataSet batch = of(images, order, from, to, pre, aug);
        from = to;
        return batch;
      }
    };
  }
}
