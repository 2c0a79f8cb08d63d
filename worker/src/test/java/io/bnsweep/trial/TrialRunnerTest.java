package io.bnsweep.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.data.Dataset;
import io.bnsweep.network.NetworkShape;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.testing.Trials;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import org.junit.jupiter.api.Test;

class TrialRunnerTest {
  private static final Dataset SYNTHETIC = SyntheticImages.dataset(600, 200);

  private static Trial trial(Placement placement, double learningRate, long seed) {
    return new Trial(
        "t1",
        Trials.settings(
            Variant.of(placement, ActivationKind.RELU),
            new NetworkShape(java.util.List.of(8, 16), 3),
            "synthetic",
            600,
            200,
            2,
            32,
            learningRate),
        seed);
  }

  private static TrialResult run(Trial trial) {
    return new TrialRunner(name -> SYNTHETIC, 1).run(trial);
  }

  @Test
  void learnsSyntheticClassesWellAboveChance() {
    TrialResult result = run(trial(Placement.BEFORE, 1e-2, 7));

    assertEquals(TrialState.COMPLETE, result.state(), result.failureReason());
    assertTrue(result.testAccuracy() > 0.8, "accuracy " + result.testAccuracy());
    assertEquals(2, result.epochs().size());
    assertTrue(result.epochs().get(1).trainLoss() < result.epochs().get(0).trainLoss());
    assertEquals(result.testAccuracy(), result.epochs().get(1).testAccuracy());
    assertTrue(result.samplesPerSecond() > 0);
    assertEquals(1, result.provenance().threads());
    assertEquals(
        "first-conv, batch-norm x2, relu x2, max-pool x2, conv", result.provenance().kernels());
  }

  @Test
  void sameSeedGivesTheSameResultAndAnotherSeedDoesNot() {
    TrialResult a = run(trial(Placement.AFTER, 1e-3, 3));
    TrialResult b = run(trial(Placement.AFTER, 1e-3, 3));
    TrialResult c = run(trial(Placement.AFTER, 1e-3, 4));

    assertEquals(a.testLoss(), b.testLoss());
    assertEquals(a.epochs().get(0).trainLoss(), b.epochs().get(0).trainLoss());
    assertTrue(!a.testLoss().equals(c.testLoss()), "seeds 3 and 4 gave identical losses");
  }

  @Test
  void divergingLossIsRecordedAsFailedWithTheReason() {
    TrialResult result = run(trial(Placement.NONE, 1e12, 1));

    assertEquals(TrialState.FAILED, result.state());
    assertNull(result.testAccuracy());
    assertTrue(result.failureReason().startsWith("loss became"), result.failureReason());
  }

  @Test
  void aTrialPastItsTimeLimitFailsWithTheReason() {
    TrialResult result =
        new TrialRunner(name -> SYNTHETIC, 1, LocalFitter::new, java.time.Duration.ZERO)
            .run(trial(Placement.BEFORE, 1e-3, 1));

    assertEquals(TrialState.FAILED, result.state());
    assertEquals("time limit of 0 s exceeded in epoch 1", result.failureReason());
  }

  @Test
  void anExceptionIsRecordedAsFailedAndNotThrown() {
    Trial tooBig =
        new Trial(
            "t2",
            Trials.settings(
                Variant.of(Placement.NONE, ActivationKind.SIGMOID),
                NetworkShape.DEFAULT,
                "synthetic",
                601,
                10,
                1,
                32,
                1e-3),
            1);

    TrialResult result = run(tooBig);

    assertEquals(TrialState.FAILED, result.state());
    assertTrue(
        result.failureReason().contains("trainSize 601 is larger than dataset 'synthetic' (600)"),
        result.failureReason());
  }
}
