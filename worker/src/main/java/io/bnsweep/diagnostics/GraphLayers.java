package io.bnsweep.diagnostics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;

/**
 * The vertices of a graph in flow (topological) order: which are layers, their index among the
 * layers in the order of {@link io.bnsweep.network.Network#layers()}, their inputs, and the
 * residual unit each belongs to.
 *
 * <p>Units are read from the vertex names {@link io.bnsweep.network.ResNetFamily} gives: {@code
 * stem.*} is unit 0, each {@code s<stage>.u<unit>.*} the next unit in flow order from 1, and {@code
 * head.*} the one after the last; other vertices ({@code input}, {@code pool}, {@code output})
 * belong to none (-1).
 */
final class GraphLayers {
  /** The unit of a vertex outside the stem, the residual units and the head. */
  static final int NO_UNIT = -1;

  private final ComputationGraphConfiguration conf;
  private final List<String> vertices = new ArrayList<>();
  private final List<String> layers = new ArrayList<>();
  private final Map<String, Integer> layerIndex = new HashMap<>();
  private final Map<String, Integer> units = new HashMap<>();

  GraphLayers(ComputationGraph graph) {
    this.conf = graph.getConfiguration();
    GraphVertex[] all = graph.getVertices();
    Map<String, Integer> unitOfKey = new HashMap<>();
    unitOfKey.put("stem", 0);
    for (int index : graph.topologicalSortOrder()) {
      String name = all[index].getVertexName();
      vertices.add(name);
      if (all[index].hasLayer()) {
        layerIndex.put(name, layers.size());
        layers.add(name);
      }
      String key = unitKey(name);
      units.put(
          name, key == null ? NO_UNIT : unitOfKey.computeIfAbsent(key, k -> unitOfKey.size()));
    }
  }

  /** {@code stem}, {@code head}, {@code s<i>.u<j>}, or null for a vertex outside any unit. */
  private static String unitKey(String name) {
    String[] parts = name.split("\\.");
    if (parts.length >= 2 && (parts[0].equals("stem") || parts[0].equals("head"))) {
      return parts[0];
    }
    if (parts.length >= 3 && parts[0].matches("s\\d+") && parts[1].matches("u\\d+")) {
      return parts[0] + "." + parts[1];
    }
    return null;
  }

  /** Every vertex's name, inputs included, in flow order. */
  List<String> vertices() {
    return vertices;
  }

  /** Number of layers. */
  int size() {
    return layers.size();
  }

  /** The vertex name of layer {@code i}. */
  String name(int i) {
    return layers.get(i);
  }

  /** The index of layer vertex {@code name}. */
  int index(String name) {
    Integer i = layerIndex.get(name);
    if (i == null) {
      throw new IllegalArgumentException("no layer vertex '" + name + "'");
    }
    return i;
  }

  /** The configuration of layer {@code i}. */
  Layer layer(int i) {
    return ((LayerVertex) conf.getVertices().get(name(i))).getLayerConf().getLayer();
  }

  /** The configuration of vertex {@code name}. */
  org.deeplearning4j.nn.conf.graph.GraphVertex vertex(String name) {
    return conf.getVertices().get(name);
  }

  /** The names of the vertices {@code name} reads, in order; empty for a network input. */
  List<String> inputs(String name) {
    return conf.getVertexInputs().getOrDefault(name, List.of());
  }

  /** True if {@code name} is one of the network's inputs. */
  boolean isNetworkInput(String name) {
    return conf.getNetworkInputs().contains(name);
  }

  /** True if layer {@code i} is a plain 2D convolution. */
  boolean isConv(int i) {
    return layer(i).getClass() == ConvolutionLayer.class;
  }

  /** True if layer {@code i} is a BatchNorm layer. */
  boolean isBatchNorm(int i) {
    return layer(i) instanceof BatchNormalization;
  }

  /** True if layer {@code i} is a stand-alone activation layer. */
  boolean isActivation(int i) {
    return layer(i) instanceof ActivationLayer;
  }

  /** The unit vertex {@code name} belongs to: 0 the stem, 1.. the residual units, then the head. */
  int unit(String name) {
    return units.getOrDefault(name, NO_UNIT);
  }
}
