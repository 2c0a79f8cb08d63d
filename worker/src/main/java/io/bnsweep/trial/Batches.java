package io.bnsweep.trial;

import io.bnsweep.data.LabeledImages;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns rows of a {@link LabeledImages} into ND4J minibatches: pixels scaled to [0, 1] in NCHW
 * layout, labels one-hot.
 */
final class Batches {
  private Batches() {}

  /** Rows {@code order[from..to)} of {@code images} as one minibatch. */
  static DataSet of(LabeledImages images, int[] order, int from, int to) {
    int n = to - from;
    int size = images.imageSize();
    float[] features = new float[n * size];
    float[] labels = new float[n * LabeledImages.CLASSES];
    byte[] pixels = images.pixels();
    for (int i = 0; i < n; i++) {
      int row = order[from + i];
      int src = row * size;
      int dst = i * size;
      for (int p = 0; p < size; p++) {
        features[dst + p] = (pixels[src + p] & 0xff) / 255f;
      }
      labels[i * LabeledImages.CLASSES + (images.labels()[row] & 0xff)] = 1f;
    }
    INDArray x =
        Nd4j.create(features, new long[] {n, 1, images.rows(), images.cols()}, DataType.FLOAT);
    INDArray y = Nd4j.create(labels, new long[] {n, LabeledImages.CLASSES}, DataType.FLOAT);
    return new DataSet(x, y);
  }

  /** The first {@code n} rows of {@code images} (all of them if fewer) as one minibatch. */
  static DataSet first(LabeledImages images, int n) {
    int size = Math.min(n, images.count());
    return of(images, firstRows(size), 0, size);
  }

  /** The rows of {@code images} in {@code order}, as consecutive minibatches of {@code size}. */
  static Iterator<DataSet> iterate(LabeledImages images, int[] order, int size) {
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
        DataSet batch = of(images, order, from, to);
        from = to;
        return batch;
      }
    };
  }

  /** The identity order {@code 0..n-1}. */
  static int[] firstRows(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  /** Shuffles {@code order} in place (Fisher-Yates) with {@code random}. */
  static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
}
