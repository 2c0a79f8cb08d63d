package io.bnsweep.diagnostics;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Wall-clock inference latency per image, in microseconds, after a warm-up.
 *
 * <p>Latency depends on the machine, its load and the native thread count; compare variants
 * measured in the same conditions (a sweep's trials share them), not absolute figures.
 */
final class Latency {
  /** Single-image calls timed. */
  static final int SINGLE_CALLS = 200;

  /** Single-image calls run before timing, so JIT and native allocations have settled. */
  static final int SINGLE_WARM_UP = 20;

  /** Images in a batched call (fewer if the images are fewer). */
  static final int BATCH = 256;

  /** Batched calls timed, after one untimed call. */
  static final int BATCH_CALLS = 3;

  private Latency() {}

  /** Mean time per call of {@code net.output} on one image, cycling through {@code images}. */
  static double singleImage(MultiLayerNetwork net, INDArray images) {
    int count = (int) Math.min(images.size(0), SINGLE_CALLS);
    INDArray[] singles = new INDArray[count];
    for (int i = 0; i < count; i++) {
      singles[i] = images.get(NDArrayIndex.interval(i, i + 1)).dup();
    }
    for (int i = 0; i < SINGLE_WARM_UP; i++) {
      net.output(singles[i % count], false);
    }
    long start = System.nanoTime();
    for (int i = 0; i < SINGLE_CALLS; i++) {
      net.output(singles[i % count], false);
    }
    return (System.nanoTime() - start) / 1e3 / SINGLE_CALLS;
  }

  /** Mean time per image of {@code net.output} on a batch of the first {@link #BATCH} images. */
  static double batched(MultiLayerNetwork net, INDArray images) {
    int size = (int) Math.min(images.size(0), BATCH);
    INDArray batch = images.get(NDArrayIndex.interval(0, size)).dup();
    net.output(batch, false);
    long start = System.nanoTime();
    for (int i = 0; i < BATCH_CALLS; i++) {
      net.output(batch, false);
    }
    return (System.nanoTime() - start) / 1e3 / BATCH_CALLS / size;
  }
}
