package io.bnsweep.diagnostics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every vertex's output of a one-input graph in inference mode, each as the vertex produced it.
 *
 * <p>DL4J's {@code ComputationGraph.feedForward(input, false)} cannot be used for this: it passes
 * one array to every consumer of a vertex, and in inference mode an {@code ActivationLayer} applies
 * its function to its input in place. The vertex before an activation then reports the activation's
 * output, and where that vertex also feeds another (a unit that starts with its activation, {@code
 * act-preact}, whose input is also its shortcut) the other gets the activated values too, so even
 * the network's output differs from {@code output()} (which keeps each activation in its own
 * workspace, so the activation copies). Here each activation layer gets a copy of its input.
 */
final class GraphForward {
  private GraphForward() {}

  /**
   * The output of every vertex of {@code graph} on {@code features}, by vertex name in flow order
   * (the network input under its own name), without workspaces; the graph's parameters and state
   * are not changed.
   */
  static Map<String, INDArray> inference(ComputationGraph graph, INDArray features) {
    if (graph.getNumInputArrays() != 1) {
      throw new IllegalArgumentException(
          "a graph of one input expected, not " + graph.getNumInputArrays());
    }
    LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces(graph.getHelperWorkspaces());
    GraphVertex[] vertices = graph.getVertices();
    INDArray[] outputs = new INDArray[vertices.length];
    Map<String, INDArray> byName = new LinkedHashMap<>();
    for (int index : graph.topologicalSortOrder()) {
      GraphVertex vertex = vertices[index];
      INDArray out;
      if (vertex.isInputVertex()) {
        out = features;
      } else {
        boolean inPlace = vertex.hasLayer() && vertex.getLayer() instanceof ActivationLayer;
        for (VertexIndices in : vertex.getInputVertices()) {
          INDArray input = outputs[in.getVertexIndex()];
          vertex.setInput(in.getVertexEdgeNumber(), inPlace ? input.dup() : input, workspaces);
        }
        out = vertex.doForward(false, workspaces);
        vertex.clear();
      }
      outputs[index] = out;
      byName.put(vertex.getVertexName(), out);
    }
    return byName;
  }
}
