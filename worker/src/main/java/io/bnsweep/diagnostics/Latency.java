package io.bnsweep.diagnostics;

import io.bnsweep.network.Network;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Wall-clock inference latency per image, in microseconds.
 *
 * <p>Latency depends on the machine, its load and the native thread count; compare variants
 * measured in the same conditions (a sweep's trials share them), not absolute figures. The counts
 * are small on purpose: a trial's whole inference measurement stays well under a second.
 */
final class Latency {
  /** Single-image calls timed. */
  static final int SINGLE_CALLS = 50;

  /** Single-image calls run before timing, so JIT and native allocations have settled. */
  static final int SINGLE_WARM_UP = 10;

  /** Images in a batched call (fewer if the images are fewer). */
  static final int BATCH = 128;

  /** Batched calls timed. */
  static final int BATCH_CALLS = 2;

  private Latency() {}

  /** Mean time of {@code net.output} on one image, cycling through the first of {@code images}. */
  static double singleImage(Network net, INDArray images) {
    int count = (int) Math.min(images.size(0), SINGLE_CALLS);
    INDArray[] singles = new INDArray[count];
    for (int i = 0; i < count; i++) {
      singles[i] = images.get(NDArrayIndex.interval(i, i + 1)).dup();
    }
    for (int i = 0; i < SINGLE_WARM_UP; i++) {
      net.output(singles[i % count]);
    }
    long start = System.nanoTime();
    for (int i = 0; i < SINGLE_CALLS; i++) {
      net.output(singles[i % count]);
    }
    return (System.nanoTime() - start) / 1e3 / SINGLE_CALLS;
  }

  /**
   * Mean time per image of {@code net.output} on {@code batch}; the caller has already run {@code
   * net} once on a batch of that size, so the warm-up is not timed.
   */
  static double batched(Network net, INDArray batch) {
    long start = System.nanoTime();
    for (int i = 0; i < BATCH_CALLS; i++) {
      net.output(batch);
    }
    return (System.nanoTime() - start) / 1e3 / BATCH_CALLS / batch.size(0);
  }

  /** The first {@link #BATCH} of {@code images} (all if fewer), as a contiguous array. */
  static INDArray batchOf(INDArray images) {
    return images.get(NDArrayIndex.interval(0, Math.min(images.size(0), BATCH))).dup();
  }
}
