package io.bnsweep.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.axis.Axes;
import io.bnsweep.data.DataSource;
import io.bnsweep.data.Dataset;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.trial.TrialRunner;
import io.bnsweep.trial.TrialState;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A trial of each family beyond cnn learns the synthetic classes well above chance (0.1), through
 * the whole trial runner: kernels, evaluation, diagnostics and inference cost included.
 */
class FamiliesLearnTest {
  private static final Dataset SYNTHETIC = SyntheticImages.dataset(600, 200);

  private static TrialResult run(Variant network, int epochs, double learningRate) {
    Variant v =
        network
            .with(Axes.DATASET, DataSource.of("synthetic"))
            .with(Axes.TRAIN_SIZE, 600)
            .with(Axes.TEST_SIZE, 200)
            .with(Axes.EPOCHS, epochs)
            .with(Axes.BATCH_SIZE, 32)
            .with(Axes.LEARNING_RATE, learningRate);
    return new TrialRunner(name -> SYNTHETIC, 1).run(new Trial("t", v, 5));
  }

  @Test
  void aResNetLearns() {
    TrialResult r =
        run(
            Variant.of("resnet", Placement.ORIGINAL, ActivationKind.RELU)
                .with(ResNetFamily.DEPTH, 8),
            3,
            1e-2);
    assertEquals(TrialState.COMPLETE, r.state(), r.failureReason());
    assertTrue(r.testAccuracy() > 0.6, "accuracy " + r.testAccuracy());
    assertTrue(r.provenance().kernels().contains("batch-norm x"), r.provenance().kernels());
    assertTrue(r.inference().microsPerImageBatched() > 0);
    assertTrue(r.inference().folded());
    assertTrue(r.inference().foldedMaxAbsDiff() < 1e-4, r.inference().toString());
    assertEquals(3, r.diagnostics().size());
    assertEquals(3, r.diagnostics().get(2).residuals().size());
    assertEquals(19, r.diagnostics().get(2).gradients().size());
  }

  @Test
  void aPreActivationResNetLearns() {
    TrialResult r =
        run(
            Variant.of("resnet", Placement.PREACT, ActivationKind.RELU).with(ResNetFamily.DEPTH, 8),
            3,
            1e-2);
    assertEquals(TrialState.COMPLETE, r.state(), r.failureReason());
    assertTrue(r.testAccuracy() > 0.6, "accuracy " + r.testAccuracy());
  }

  @Test
  void anMlpWithDropoutAndChannelScalingLearns() {
    Variant v =
        Variant.of("mlp", Placement.parse("cs-bn-act-drop"), ActivationKind.SIGMOID)
            .with(MlpFamily.HIDDEN, List.of(64, 32))
            .with(Axes.NETWORK_DROPOUT, 0.2);
    TrialResult r = run(v, 4, 1e-2);
    assertEquals(TrialState.COMPLETE, r.state(), r.failureReason());
    assertTrue(r.testAccuracy() > 0.6, "accuracy " + r.testAccuracy());
  }
}
