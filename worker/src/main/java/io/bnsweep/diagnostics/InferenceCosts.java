package io.bnsweep.diagnostics;

import io.bnsweep.network.Network;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Measures what a trained network costs at inference, with BatchNorm folded into the preceding
 * convolution where the network allows it ({@link BatchNormFolding} in a stack, {@link
 * GraphBatchNormFolding} in a graph).
 *
 * <p>The folded network is checked against the trained one on the latency batch (the first {@link
 * Latency#BATCH} test images) before it is timed, and the largest difference is recorded, so a
 * wrong fold shows in the results instead of a misleadingly fast figure; comparing on the whole
 * test subset would cost two more passes over it, more than the rest of the measurement. A network
 * with nothing to fold is timed as a copy, so that every timed network has only ever run inference.
 * The trained network is not changed.
 */
public final class InferenceCosts {
  /** Images per forward pass when comparing outputs, to bound memory. */
  private static final int CHUNK = 500;

  private InferenceCosts() {}

  /** Test images {@link #measure} uses: pass at most these (more are not looked at). */
  public static final int IMAGES = Math.max(Latency.BATCH, Latency.SINGLE_CALLS);

  /**
   * The inference cost of {@code net} on {@code images} (NCHW, at least one).
   *
   * @param images the trial's test subset: the first {@link Latency#BATCH} make the batch that is
   *     compared and timed, the first {@link Latency#SINGLE_CALLS} are timed one by one
   */
  public static InferenceCost measure(Network net, INDArray images) {
    INDArray batch = Latency.batchOf(images);
    Network timed = folded(net);
    Double maxAbsDiff = null;
    if (timed != null) {
      maxAbsDiff = maxAbsDiff(net, timed, batch);
    } else {
      timed = net.copy();
      timed.output(batch);
    }
    return new InferenceCost(
        maxAbsDiff != null,
        maxAbsDiff,
        Latency.singleImage(timed, images),
        Latency.batched(timed, batch));
  }

  /** {@code net} with BatchNorm folded into its convolutions, or null if nothing can be folded. */
  private static Network folded(Network net) {
    if (net instanceof Network.Stack stack && BatchNormFolding.canFold(stack.net())) {
      return new Network.Stack(BatchNormFolding.fold(stack.net()));
    }
    if (net instanceof Network.Graph graph && GraphBatchNormFolding.canFold(graph.graph())) {
      return new Network.Graph(GraphBatchNormFolding.fold(graph.graph()));
    }
    return null;
  }

  /**
   * The largest absolute difference between the inference-mode outputs of {@code a} and {@code b}.
   */
  static double maxAbsDiff(Network a, Network b, INDArray images) {
    double max = 0;
    long n = images.size(0);
    for (long from = 0; from < n; from += CHUNK) {
      INDArray chunk = images.get(NDArrayIndex.interval(from, Math.min(n, from + CHUNK)));
      INDArray diff = a.output(chunk).sub(b.output(chunk));
      max = Math.max(max, diff.amaxNumber().doubleValue());
    }
    return max;
  }
}
