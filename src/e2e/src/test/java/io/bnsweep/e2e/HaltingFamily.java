package io.bnsweep.e2e;

import io.bnsweep.axis.Axis;
import io.bnsweep.axis.Values;
import io.bnsweep.network.Architecture;
import io.bnsweep.network.NetworkFamily;
import io.bnsweep.network.NetworkRequest;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * A plugin family (test code, shipped to the launcher and to a cluster's executors in a jar that
 * {@link PluginJar} writes) whose network kills its JVM: with {@code network.halt: C} above 0, the
 * variants with placement {@code before} get an activation layer whose forward pass calls {@code
 * Runtime.getRuntime().halt(C)} ({@link HaltActivation}), as a native crash or the OS's
 * out-of-memory killer would end the JVM: no exception, no shutdown hook, no result. Other variants
 * are a dense layer, the placement's block and the output, as {@code TinyFamily}.
 */
public final class HaltingFamily implements NetworkFamily {
  /** The exit code the JVM halts with in {@code before} variants; 0: never halts. */
  public static final Axis<Integer> HALT =
      Axis.of("network.halt", Values.nonNegativeInt(), List.of(0)).labelled("halt");

  /** The placement whose variants halt. */
  public static final String HALTING_PLACEMENT = "before";

  @Override
  public String name() {
    return "halting";
  }

  @Override
  public List<Axis<?>> settings() {
    return List.of(HALT);
  }

  @Override
  public Architecture build(NetworkRequest request) {
    NeuralNetConfiguration.ListBuilder layers = request.builder().list();
    layers.layer(
        new DenseLayer.Builder()
            .nOut(8)
            .activation(Activation.IDENTITY)
            .regularization(request.weightDecay())
            .build());
    int halt = request.variant().get(HALT);
    if (halt > 0 && request.variant().placement().id().equals(HALTING_PLACEMENT)) {
      layers.layer(new ActivationLayer.Builder().activation(new HaltActivation(halt)).build());
    }
    request.layers(placement(request.variant().placement()).block()).forEach(layers::layer);
    layers.layer(request.output());
    return Architecture.of(layers.setInputType(request.inputType()).build());
  }
}
