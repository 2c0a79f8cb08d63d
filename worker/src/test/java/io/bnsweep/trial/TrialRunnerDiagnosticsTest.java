package io.bnsweep.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.data.Dataset;
import io.bnsweep.diagnostics.EpochDiagnostics;
import io.bnsweep.diagnostics.EpochDiagnostics.ActivationStats;
import io.bnsweep.diagnostics.EpochDiagnostics.LayerGradient;
import io.bnsweep.diagnostics.EpochDiagnostics.LayerInput;
import io.bnsweep.diagnostics.InferenceCost;
import io.bnsweep.network.Network;
import io.bnsweep.network.NetworkShape;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.testing.Trials;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.dataset.DataSet;

class TrialRunnerDiagnosticsTest {
  private static final Dataset SYNTHETIC = SyntheticImages.dataset(400, 100);
  private static final NetworkShape THREE_BLOCKS = new NetworkShape(List.of(4, 6, 8), 1);

  private static Trial trial(Placement placement, ActivationKind activation, int epochs) {
    return new Trial(
        "d1",
        Trials.settings(
            Variant.of(placement, activation),
            THREE_BLOCKS,
            "synthetic",
            400,
            100,
            epochs,
            32,
            1e-2),
        5);
  }

  @ParameterizedTest
  @CsvSource({
    "none, relu, 0, false",
    "before, sigmoid, 18, true",
    "after, tanh, 18, false",
    "extra, relu, 36, true"
  })
  void everyEpochHasPlausibleDiagnosticsAndTheTrialAnInferenceCost(
      String placement, String activation, int scales, boolean folded) {
    TrialResult result =
        new TrialRunner(name -> SYNTHETIC, 1)
            .run(trial(Placement.parse(placement), ActivationKind.parse(activation), 2));

    assertEquals(TrialState.COMPLETE, result.state(), result.failureReason());
    assertEquals(2, result.diagnostics().size());
    for (int e = 0; e < 2; e++) {
      EpochDiagnostics d = result.diagnostics().get(e);
      assertEquals(e + 1, d.epoch());
      assertEquals(List.of(2, 3), d.convInputs().stream().map(LayerInput::block).toList());
      for (LayerInput in : d.convInputs()) {
        assertTrue(Double.isFinite(in.mean()) && in.std() > 0, in.toString());
      }
      assertEquals(List.of(1, 2, 3), d.activations().stream().map(ActivationStats::block).toList());
      for (ActivationStats a : d.activations()) {
        assertFraction(a.zeroFraction());
        assertFraction(a.deadFraction());
        assertFraction(a.saturatedFraction());
        assertTrue(a.deadFraction() <= a.zeroFraction(), a.toString());
      }
      long convs = d.gradients().stream().filter(g -> g.type().equals("ConvolutionLayer")).count();
      assertEquals(3, convs);
      assertEquals("OutputLayer", d.gradients().get(d.gradients().size() - 1).type());
      for (LayerGradient g : d.gradients()) {
        assertTrue(g.norm() >= 0 && Double.isFinite(g.norm()), g.toString());
      }
      assertEquals(scales, d.bnScaleCount());
      assertTrue(d.bnScaleSignFlips() >= 0 && d.bnScaleSignFlips() <= scales);
    }
    InferenceCost cost = result.inference();
    assertNotNull(cost);
    assertEquals(folded, cost.folded());
    if (folded) {
      assertTrue(cost.foldedMaxAbsDiff() < 1e-4, cost.toString());
    }
    assertTrue(cost.microsPerImage() > 0 && cost.microsPerImageBatched() > 0, cost.toString());
  }

  private static void assertFraction(double f) {
    assertTrue(f >= 0 && f <= 1, "fraction " + f);
  }

  @Test
  void aFailedTrialKeepsTheDiagnosticsOfTheEpochsItFinished() {
    TrialRunner runner =
        new TrialRunner(
            name -> SYNTHETIC,
            1,
            conf ->
                new Fitter() {
                  private final LocalFitter local = new LocalFitter(conf);

                  @Override
                  public Network network() {
                    return local.network();
                  }

                  @Override
                  public double fitEpoch(int epoch, Iterator<DataSet> batches) {
                    if (epoch == 3) {
                      throw new IllegalStateException("executor lost");
                    }
                    return local.fitEpoch(epoch, batches);
                  }
                },
            null);

    TrialResult result = runner.run(trial(Placement.BEFORE, ActivationKind.RELU, 4));

    assertEquals(TrialState.FAILED, result.state());
    assertTrue(result.failureReason().contains("executor lost"), result.failureReason());
    assertEquals(List.of(1, 2), result.diagnostics().stream().map(d -> d.epoch()).toList());
    assertNull(result.inference());
  }
}
