package io.bnsweep.diagnostics;

import io.bnsweep.diagnostics.EpochDiagnostics.ActivationStats;
import io.bnsweep.diagnostics.EpochDiagnostics.LayerInput;
import io.bnsweep.diagnostics.EpochDiagnostics.ResidualNorm;
import io.bnsweep.network.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The diagnostics of a network that is a graph (a residual network), per residual unit: the input
 * of every conv layer, the health of every activation layer, every layer's gradient norm,
 * BatchNorm's scale sign flips, and, at every addition, the size of the residual branch against the
 * shortcut.
 *
 * <p>Layers are numbered in the order of {@link Network#layers()} and grouped by unit ({@link
 * GraphLayers}: 0 the stem, 1, 2, ... the residual units, then the head). As for a stack, layer
 * outputs come from one forward pass in inference mode ({@link GraphForward}, which keeps every
 * output intact) and gradients from one forward and backward pass in training mode ({@link
 * GradientNorms}). A conv layer fed by the network's input (the stem's) is left out of the conv
 * inputs, as a stack's first conv is: its input is the data.
 */
final class GraphDiagnostics {
  private GraphDiagnostics() {}

  /** The diagnostics of {@code network} on {@code batch} at the end of {@code epoch}. */
  static EpochDiagnostics measure(int epoch, Network.Graph network, DataSet batch) {
    ComputationGraph graph = network.graph();
    GraphLayers layers = new GraphLayers(graph);
    Map<String, INDArray> outputs = GraphForward.inference(graph, batch.getFeatures());
    List<LayerInput> convInputs = new ArrayList<>();
    List<ActivationStats> activations = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      String name = layers.name(i);
      int unit = layers.unit(name);
      if (layers.isConv(i)) {
        String input = layers.inputs(name).get(0);
        if (!layers.isNetworkInput(input)) {
          double[] moments = ConvInputs.moments(Values.of(outputs.get(input)));
          convInputs.add(new LayerInput(i, unit, moments[0], moments[1]));
        }
      } else if (layers.layer(i) instanceof ActivationLayer act) {
        activations.add(
            ActivationHealth.measure(i, unit, act.getActivationFn(), outputs.get(name)));
      }
    }
    List<ResidualNorm> residuals = residuals(layers, outputs, batch.getFeatures().size(0));
    BatchNormScales scales = BatchNormScales.of(network.layers());
    return new EpochDiagnostics(
        epoch,
        convInputs,
        activations,
        GradientNorms.measure(graph, layers, batch),
        scales.flipped(),
        scales.count(),
        residuals);
  }

  /**
   * Branch and shortcut at every two-input addition, in flow order: the first input is the branch
   * and the second the shortcut, as {@link io.bnsweep.network.ResNetFamily} adds them.
   */
  private static List<ResidualNorm> residuals(
      GraphLayers layers, Map<String, INDArray> outputs, long examples) {
    List<ResidualNorm> residuals = new ArrayList<>();
    for (String name : layers.vertices()) {
      List<String> inputs = layers.inputs(name);
      if (layers.vertex(name) instanceof ElementWiseVertex add
          && add.getOp() == ElementWiseVertex.Op.Add
          && inputs.size() == 2) {
        residuals.add(
            new ResidualNorm(
                layers.unit(name),
                name,
                rmsNorm(outputs.get(inputs.get(0)), examples),
                rmsNorm(outputs.get(inputs.get(1)), examples)));
      }
    }
    return residuals;
  }

  /** The root mean square over examples of each example's L2 norm: sqrt(sum of squares / n). */
  private static double rmsNorm(INDArray batch, long examples) {
    double squares = 0;
    for (float v : Values.of(batch)) {
      squares += (double) v * v;
    }
    return Math.sqrt(squares / examples);
  }
}
