package io.bnsweep.trial.dl4j;

import io.bnsweep.network.Network;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J network's training state as bytes, and back: what a trial needs to continue training
 * exactly where it stopped.
 *
 * <p>The bytes: this thread's ND4J random state ({@code rootState}, {@code nodeState}: dropout
 * draws from it) and the network as {@link ModelSerializer} writes it with its updater, a zip of
 * the configuration (which carries the iteration and epoch counters Adam's bias correction reads),
 * the parameters (BatchNorm's running mean and variance are parameters in DL4J) and the updater's
 * state (Adam's moments).
 *
 * <p>{@link #restore} copies the state into a network of the same architecture that the trial built
 * as usual, so that the network keeps the kernels and helpers its fitter installed; it sets the
 * random state last, since building a network (the trial's, and the one read from the bytes)
 * reseeds the generator.
 */
public final class ModelState {
  private ModelState() {}

  /** The state of {@code net} and of this thread's ND4J generator. */
  public static byte[] save(Network net) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      Random random = Nd4j.getRandom();
      out.writeLong(random.rootState());
      out.writeLong(random.nodeState());
      out.flush();
      ModelSerializer.writeModel(net.model(), bytes, true);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("could not serialise the network", e);
    }
  }

  /**
   * Sets {@code into}, and this thread's ND4J generator, to the state {@code state} holds.
   *
   * @throws IOException if {@code state} is not the state of a network like {@code into}; {@code
   *     into} is then unchanged
   */
  public static void restore(byte[] state, Network into) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(state));
    long root = in.readLong();
    long node = in.readLong();
    if (into instanceof Network.Stack s) {
      MultiLayerNetwork saved = ModelSerializer.restoreMultiLayerNetwork(in, true);
      INDArray updater = updaterState(saved.getUpdater());
      INDArray toUpdater = updaterState(s.net().getUpdater());
      check(saved.params(), s.net().params(), updater, toUpdater);
      s.net().setParams(saved.params());
      copy(updater, toUpdater);
      s.net().setIterationCount(saved.getIterationCount());
      s.net().setEpochCount(saved.getEpochCount());
    } else {
      ComputationGraph graph = ((Network.Graph) into).graph();
      ComputationGraph saved = ModelSerializer.restoreComputationGraph(in, true);
      INDArray updater = updaterState(saved.getUpdater());
      INDArray toUpdater = updaterState(graph.getUpdater());
      check(saved.params(), graph.params(), updater, toUpdater);
      graph.setParams(saved.params());
      copy(updater, toUpdater);
      graph.getConfiguration().setIterationCount(saved.getIterationCount());
      graph.getConfiguration().setEpochCount(saved.getEpochCount());
    }
    Nd4j.getRandom().setStates(root, node);
  }

  private static INDArray updaterState(Updater updater) {
    return updater == null ? null : updater.getStateViewArray();
  }

  /** Checks that parameters and updater state both fit before anything is changed. */
  private static void check(
      INDArray params, INDArray toParams, INDArray updater, INDArray toUpdater) throws IOException {
    check(params, toParams, "parameters");
    check(updater, toUpdater, "updater state");
  }

  private static void copy(INDArray from, INDArray to) {
    if (from != null) {
      to.assign(from);
    }
  }

  private static void check(INDArray from, INDArray to, String what) throws IOException {
    long have = from == null ? 0 : from.length();
    long want = to == null ? 0 : to.length();
    if (have != want) {
      throw new IOException(
          "the checkpoint's "
              + what
              + " ("
              + have
              + " values) do not fit the network ("
              + want
              + ")");
    }
  }
}
