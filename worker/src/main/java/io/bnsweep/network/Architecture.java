package io.bnsweep.network;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The configuration of a network, as a family builds it: a stack of layers or a graph of them.
 * Seeded and immutable once built; {@link #init()} makes the network, the same weights every time.
 */
public sealed interface Architecture {
  /** A new network of this configuration, initialised. */
  Network init();

  /** DL4J's JSON form of the configuration. */
  String toJson();

  /** A {@code MultiLayerConfiguration}: one layer after another. */
  static Architecture of(MultiLayerConfiguration conf) {
    return new Stack(conf);
  }

  /** A {@code ComputationGraphConfiguration}: layers and vertices with named inputs. */
  static Architecture of(ComputationGraphConfiguration conf) {
    return new Graph(conf);
  }

  /** A stack of layers. */
  record Stack(MultiLayerConfiguration conf) implements Architecture {
    @Override
    public Network init() {
      MultiLayerNetwork net = new MultiLayerNetwork(conf);
      net.init();
      return new Network.Stack(net);
    }

    @Override
    public String toJson() {
      return conf.toJson();
    }
  }

  /** A graph of layers. */
  record Graph(ComputationGraphConfiguration conf) implements Architecture {
    @Override
    public Network init() {
      ComputationGraph graph = new ComputationGraph(conf);
      graph.init();
      return new Network.Graph(graph);
    }

    @Override
    public String toJson() {
      return conf.toJson();
    }
  }
}
