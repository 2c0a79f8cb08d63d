package io.bnsweep.diagnostics;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Folds BatchNorm into convolutions in a graph, as {@link BatchNormFolding} does in a stack: a
 * BatchNorm vertex whose only input is a linear conv vertex, when that conv feeds nothing else,
 * becomes part of the conv (which gains a bias if it had none), and the BatchNorm's consumers read
 * the conv instead.
 *
 * <p>In a resnet that folds every BatchNorm of the {@code original} unit and the stem, and the
 * projection shortcuts' BatchNorms whatever the unit; a pre-activation unit's first BatchNorm reads
 * an addition (or the stem's conv, which also feeds the first unit's shortcut) and stays, and so
 * does the head's.
 */
final class GraphBatchNormFolding {
  private GraphBatchNormFolding() {}

  /** True if at least one BatchNorm vertex of {@code graph} can be folded. */
  static boolean canFold(ComputationGraph graph) {
    return !foldable(graph.getConfiguration()).isEmpty();
  }

  /**
   * The foldable BatchNorm vertices of {@code conf}, each with the conv vertex it folds into, in
   * the configuration's vertex order.
   */
  static Map<String, String> foldable(ComputationGraphConfiguration conf) {
    Map<String, Integer> consumers = new HashMap<>();
    conf.getVertexInputs()
        .values()
        .forEach(ins -> ins.forEach(n -> consumers.merge(n, 1, Integer::sum)));
    conf.getNetworkOutputs().forEach(n -> consumers.merge(n, 1, Integer::sum));
    Map<String, String> pairs = new LinkedHashMap<>();
    for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
      List<String> inputs = conf.getVertexInputs().getOrDefault(e.getKey(), List.of());
      if (inputs.size() != 1
          || conf.getNetworkOutputs().contains(e.getKey())
          || !(e.getValue() instanceof LayerVertex bn)
          || bn.getPreProcessor() != null
          || !(conf.getVertices().get(inputs.get(0)) instanceof LayerVertex conv)
          || consumers.get(inputs.get(0)) != 1) {
        continue;
      }
      if (BatchNormFolding.foldable(conv.getLayerConf().getLayer(), bn.getLayerConf().getLayer())) {
        pairs.put(e.getKey(), inputs.get(0));
      }
    }
    return pairs;
  }

  /**
   * A new graph equal to {@code graph} in inference mode, with every foldable BatchNorm vertex
   * folded into the conv before it; {@code graph} is not changed.
   */
  static ComputationGraph fold(ComputationGraph graph) {
    ComputationGraphConfiguration conf = graph.getConfiguration().clone();
    Map<String, String> pairs = foldable(conf);
    pairs.forEach(
        (bn, conv) -> {
          conf.getVertices().remove(bn);
          conf.getVertexInputs().remove(bn);
          conf.getVertexInputs()
              .values()
              .forEach(ins -> ins.replaceAll(n -> n.equals(bn) ? conv : n));
          ((ConvolutionLayer)
                  ((LayerVertex) conf.getVertices().get(conv)).getLayerConf().getLayer())
              .setHasBias(true);
        });
    // the order DL4J cached for the unfolded vertices
    conf.setTopologicalOrder(null);
    conf.setTopologicalOrderStr(null);
    ComputationGraph folded = new ComputationGraph(conf);
    folded.init();

    Map<String, INDArray> target = folded.paramTable();
    graph
        .paramTable()
        .forEach(
            (key, value) -> {
              INDArray into = target.get(key);
              if (into != null) {
                into.assign(value);
              }
            });
    pairs.forEach(
        (bn, conv) -> {
          INDArray[] weightsAndBias =
              BatchNormFolding.fold(
                  graph.getLayer(conv).paramTable(),
                  (BatchNormalization) graph.getLayer(bn).conf().getLayer(),
                  graph.getLayer(bn).paramTable());
          target.get(conv + "_" + ConvolutionParamInitializer.WEIGHT_KEY).assign(weightsAndBias[0]);
          INDArray bias = target.get(conv + "_" + ConvolutionParamInitializer.BIAS_KEY);
          bias.assign(weightsAndBias[1].reshape(bias.shape()));
        });
    return folded;
  }
}
