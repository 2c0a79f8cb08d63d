package io.bnsweep.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.data.Dataset;
import io.bnsweep.kernel.KernelUse;
import io.bnsweep.network.Network;
import io.bnsweep.network.NetworkShape;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.testing.Trials;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/**
 * A kernel that throws fails its trial, with the kernel's error in the reason, instead of DL4J
 * quietly switching to its built-in layer; and a trial records how many calls each kernel served.
 */
class KernelFailureTest {
  private static final Dataset SYNTHETIC = SyntheticImages.dataset(200, 100);

  private static Trial trial(ActivationKind activation) {
    return new Trial(
        "k1",
        Trials.settings(
            Variant.of(Placement.BEFORE, activation),
            new NetworkShape(List.of(4, 8), 3),
            "synthetic",
            200,
            100,
            1,
            20,
            1e-3),
        1);
  }

  @Test
  void aBatchNormKernelThatThrowsFailsTheTrialSayingWhy() {
    TrialRunner runner =
        new TrialRunner(
            name -> SYNTHETIC,
            1,
            conf -> {
              LocalFitter fitter = new LocalFitter(conf);
              breakFirstBatchNorm(((Network.Stack) fitter.network()).net(), 3);
              return fitter;
            },
            null);

    TrialResult result = runner.run(trial(ActivationKind.RELU));

    assertEquals(TrialState.FAILED, result.state());
    assertTrue(
        result.failureReason().contains("isCudnnAllowFallback() is set to false"),
        result.failureReason());
    assertTrue(
        result.failureReason().contains("Caused by: java.lang.IllegalStateException: forced"),
        result.failureReason());
  }

  @Test
  void aTrialRecordsTheCallsEachKernelServedAndDeclined() {
    TrialResult result = new TrialRunner(name -> SYNTHETIC, 1).run(trial(ActivationKind.TANH));

    assertEquals(TrialState.COMPLETE, result.state(), result.failureReason());
    Map<String, KernelUse> calls = result.provenance().kernelCalls();
    // in order of each kind's first layer: conv 1, its BatchNorm and tanh, the pooling, conv 2
    assertEquals(
        List.of("first-conv", "batch-norm", "tanh", "max-pool", "conv"),
        List.copyOf(calls.keySet()));
    // the first conv's backward pass: 10 minibatches, and the diagnostics' gradient on the probe
    // batch; the two BatchNorm and tanh layers also run forward in evaluation and inference
    assertEquals(new KernelUse(11, 0), calls.get("first-conv"));
    assertTrue(calls.get("batch-norm").served() >= 2 * 2 * 10, calls.toString());
    assertTrue(calls.get("tanh").served() >= 2 * 2 * 10, calls.toString());
    assertTrue(calls.get("conv").served() >= 2 * 10, calls.toString());
    assertTrue(calls.get("max-pool").served() >= 2 * 10, calls.toString());
    assertEquals(
        0,
        calls.get("batch-norm").declined()
            + calls.get("tanh").declined()
            + calls.get("max-pool").declined()
            + calls.get("conv").declined());
  }

  /** Replaces the first BatchNorm layer's kernel by one whose {@code nth} call throws. */
  private static void breakFirstBatchNorm(MultiLayerNetwork net, int nth) {
    for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
      if (layer instanceof BatchNormalization bn) {
        BatchNormalizationHelper kernel = (BatchNormalizationHelper) bn.getHelper();
        int[] calls = {0};
        BatchNormalizationHelper broken =
            (BatchNormalizationHelper)
                java.lang.reflect.Proxy.newProxyInstance(
                    KernelFailureTest.class.getClassLoader(),
                    new Class<?>[] {BatchNormalizationHelper.class},
                    (proxy, method, args) -> {
                      if (method.getName().equals("preOutput") && ++calls[0] == nth) {
                        throw new IllegalStateException("forced kernel failure");
                      }
                      try {
                        return method.invoke(kernel, args);
                      } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                      }
                    });
        try {
          Field helper = BatchNormalization.class.getDeclaredField("helper");
          helper.setAccessible(true);
          helper.set(bn, broken);
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
        return;
      }
    }
    throw new AssertionError("no BatchNorm layer");
  }
}
