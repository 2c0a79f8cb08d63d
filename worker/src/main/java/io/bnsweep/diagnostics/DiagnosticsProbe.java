package io.bnsweep.diagnostics;

import io.bnsweep.diagnostics.EpochDiagnostics.ActivationStats;
import io.bnsweep.network.Network;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Measures a network's {@link EpochDiagnostics} on one fixed probe batch, without changing the
 * network.
 *
 * <p>The probe batch is fixed for a whole trial and, in a sweep, the same for every variant and
 * seed (the trial runner passes the first {@link #SIZE} examples of the training subset, in file
 * order), so differences between epochs and variants come from the networks, not the data.
 *
 * <p>Statistics of layer outputs come from one forward pass in inference mode (BatchNorm uses its
 * running statistics, as at test time); gradient norms from one forward and backward pass in
 * training mode (BatchNorm uses the batch's statistics, as during fitting). Only outputs that DL4J
 * keeps intact are read: in inference mode an {@code ActivationLayer} overwrites its input in
 * place, so the output of the layer before an activation layer is never used.
 *
 * <p>A graph (a residual network) is measured per residual unit by {@link GraphDiagnostics}, with
 * the residual branch against the shortcut at each addition besides.
 *
 * <p>Not thread-safe: one trial uses one probe.
 */
public final class DiagnosticsProbe {
  /**
   * Examples in the probe batch (fewer if the training subset is smaller): two default minibatches.
   * Measuring costs about a forward and backward pass over them per epoch, about 4% of a demo
   * trial's time (4,000 training images); 256 examples cost 8-12%.
   */
  public static final int SIZE = 128;

  private final DataSet batch;

  /** A probe on {@code batch} (features and one-hot labels). */
  public DiagnosticsProbe(DataSet batch) {
    this.batch = batch;
  }

  /** The diagnostics of {@code net} at the end of {@code epoch} (1-based). */
  public EpochDiagnostics measure(int epoch, Network network) {
    if (network instanceof Network.Graph graph) {
      return GraphDiagnostics.measure(epoch, graph, batch);
    }
    Network.Stack stack = (Network.Stack) network;
    MultiLayerNetwork net = stack.net();
    LayerKinds layers = new LayerKinds(net.getLayerWiseConfigurations());
    List<INDArray> activations = net.feedForward(batch.getFeatures(), false);
    List<ActivationStats> health = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      if (layers.layer(i) instanceof ActivationLayer act) {
        health.add(
            ActivationHealth.measure(
                i, layers.block(i), act.getActivationFn(), activations.get(i + 1)));
      }
    }
    BatchNormScales scales = BatchNormScales.of(net, layers);
    return new EpochDiagnostics(
        epoch,
        ConvInputs.measure(layers, activations),
        health,
        GradientNorms.measure(net, layers, batch),
        scales.flipped(),
        scales.count());
  }
}
