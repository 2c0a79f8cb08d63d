package io.bnsweep.diagnostics;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Measures what a trained network costs at inference, with BatchNorm folded into the preceding
 * convolution where the network allows it ({@link BatchNormFolding}).
 *
 * <p>The folded network is checked against the trained one on the given images (the trial's test
 * subset) before it is timed, and the largest difference is recorded, so a wrong fold shows in the
 * results instead of a misleadingly fast figure. The trained network is not changed.
 */
public final class InferenceCosts {
  /** Images per forward pass when comparing outputs, to bound memory. */
  private static final int CHUNK = 500;

  private InferenceCosts() {}

  /**
   * The inference cost of {@code net} on {@code images} (NCHW, at least one).
   *
   * @param images where outputs are compared and latency is timed: the trial's test subset
   */
  public static InferenceCost measure(MultiLayerNetwork net, INDArray images) {
    MultiLayerNetwork timed = net;
    Double maxAbsDiff = null;
    if (BatchNormFolding.canFold(net)) {
      timed = BatchNormFolding.fold(net);
      maxAbsDiff = maxAbsDiff(net, timed, images);
    }
    return new InferenceCost(
        maxAbsDiff != null,
        maxAbsDiff,
        Latency.singleImage(timed, images),
        Latency.batched(timed, images));
  }

  /**
   * The largest absolute difference between the inference-mode outputs of {@code a} and {@code b}.
   */
  static double maxAbsDiff(MultiLayerNetwork a, MultiLayerNetwork b, INDArray images) {
    double max = 0;
    long n = images.size(0);
    for (long from = 0; from < n; from += CHUNK) {
      INDArray chunk = images.get(NDArrayIndex.interval(from, Math.min(n, from + CHUNK)));
      INDArray diff = a.output(chunk, false).sub(b.output(chunk, false));
      max = Math.max(max, diff.amaxNumber().doubleValue());
    }
    return max;
  }
}
