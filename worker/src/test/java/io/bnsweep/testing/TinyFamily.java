package io.bnsweep.testing;

import io.bnsweep.axis.Axis;
import io.bnsweep.axis.Values;
import io.bnsweep.network.Architecture;
import io.bnsweep.network.NetworkFamily;
import io.bnsweep.network.NetworkRequest;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * A network family declared only in test code and found through {@code META-INF/services}, as a
 * user's plugin would be: one dense layer of {@code network.units}, the placement's block, and the
 * output. The README's plugin example is this class.
 */
public final class TinyFamily implements NetworkFamily {
  /** Units of the hidden layer. */
  public static final Axis<Integer> UNITS =
      Axis.of("network.units", Values.positiveInt(), List.of(16)).labelled("units");

  @Override
  public String name() {
    return "tiny";
  }

  @Override
  public List<Axis<?>> settings() {
    return List.of(UNITS);
  }

  @Override
  public Architecture build(NetworkRequest request) {
    NeuralNetConfiguration.ListBuilder layers = request.builder().list();
    layers.layer(
        new DenseLayer.Builder()
            .nOut(request.variant().get(UNITS))
            .activation(Activation.IDENTITY)
            .regularization(request.weightDecay())
            .build());
    request.layers(placement(request.variant().placement()).block()).forEach(layers::layer);
    layers.layer(request.output());
    return Architecture.of(layers.setInputType(request.inputType()).build());
  }
}
