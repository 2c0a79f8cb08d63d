package io.bnsweep.network;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * An initialised DL4J network of either kind, with what bnsweep does to one: fit a minibatch, read
 * the loss, predict, walk the layers, copy. Not thread-safe, like the network it holds.
 */
public sealed interface Network {
  /** The DL4J network. */
  Model model();

  /** The network's layers in the order the input flows through them. */
  List<Layer> layers();

  /** One training step on {@code batch}. */
  void fit(DataSet batch);

  /** The loss of the last minibatch fitted. */
  double score();

  /** Class probabilities for {@code features}, in inference mode (BatchNorm's running stats). */
  INDArray output(INDArray features);

  /** A copy with the same parameters and state, and DL4J's own helpers. */
  Network copy();

  /** A stack of layers. */
  record Stack(MultiLayerNetwork net) implements Network {
    @Override
    public Model model() {
      return net;
    }

    @Override
    public List<Layer> layers() {
      return List.of(net.getLayers());
    }

    @Override
    public void fit(DataSet batch) {
      net.fit(batch);
    }

    @Override
    public double score() {
      return net.score();
    }

    @Override
    public INDArray output(INDArray features) {
      return net.output(features, false);
    }

    @Override
    public Network copy() {
      return new Stack(net.clone());
    }
  }

  /** A graph of layers with one input and one output. */
  record Graph(ComputationGraph graph) implements Network {
    @Override
    public Model model() {
      return graph;
    }

    @Override
    public List<Layer> layers() {
      List<Layer> layers = new ArrayList<>();
      GraphVertex[] vertices = graph.getVertices();
      for (int index : graph.topologicalSortOrder()) {
        if (vertices[index].hasLayer()) {
          layers.add(vertices[index].getLayer());
        }
      }
      return layers;
    }

    @Override
    public void fit(DataSet batch) {
      graph.fit(batch);
    }

    @Override
    public double score() {
      return graph.score();
    }

    @Override
    public INDArray output(INDArray features) {
      return graph.outputSingle(false, features);
    }

    @Override
    public Network copy() {
      return new Graph(graph.clone());
    }
  }
}
