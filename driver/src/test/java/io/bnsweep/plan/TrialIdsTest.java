package io.bnsweep.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bnsweep.axis.Axes;
import io.bnsweep.data.DataSource;
import io.bnsweep.data.Subset;
import io.bnsweep.network.CnnFamily;
import io.bnsweep.spec.ExecutionMode;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Trial ids of the first release, pinned: they were computed by its {@code TrialIds} (commit
 * f162ecd) before the settings became axes, so an output directory it wrote resumes.
 */
class TrialIdsTest {
  private static Variant variant(
      Placement p,
      ActivationKind a,
      List<Integer> channels,
      int kernel,
      String dataset,
      int train,
      int test,
      int epochs,
      int batch,
      double lr) {
    // the first release took the first N examples: subset: first keeps its ids
    return Variant.of(p, a)
        .with(Axes.SUBSET, Subset.FIRST)
        .with(CnnFamily.CHANNELS, channels)
        .with(CnnFamily.KERNEL, kernel)
        .with(Axes.DATASET, DataSource.of(dataset))
        .with(Axes.TRAIN_SIZE, train)
        .with(Axes.TEST_SIZE, test)
        .with(Axes.EPOCHS, epochs)
        .with(Axes.BATCH_SIZE, batch)
        .with(Axes.LEARNING_RATE, lr);
  }

  @Test
  void theFirstReleasesIdsDoNotChange() {
    Variant demo =
        variant(
            Placement.BEFORE,
            ActivationKind.RELU,
            List.of(16, 32),
            3,
            "fashion-mnist",
            6000,
            2000,
            1,
            64,
            0.001);
    assertEquals("c435f8467c71", TrialIds.of(demo, 1, ExecutionMode.TRIALS));
    assertEquals(
        "9403add8848e",
        TrialIds.of(
            demo.with(Axes.PLACEMENT, Placement.EXTRA).with(Axes.ACTIVATION, ActivationKind.TANH),
            2,
            ExecutionMode.TRIALS));
    Variant small =
        variant(
            Placement.NONE,
            ActivationKind.SIGMOID,
            List.of(8, 16),
            5,
            "/data/x",
            400,
            100,
            2,
            20,
            0.01);
    assertEquals("980dcaa0d03d", TrialIds.of(small, 7, ExecutionMode.TRIALS));
    Variant parallel =
        variant(
            Placement.AFTER,
            ActivationKind.RELU,
            List.of(16, 32),
            3,
            "/data/x",
            400,
            100,
            2,
            20,
            0.01);
    assertEquals("dffd2c49e6a2", TrialIds.of(parallel, 1, ExecutionMode.DATA_PARALLEL));
  }

  @Test
  void theCanonicalTextKeepsTheFirstReleasesLayoutThenAddsNewSettingsByName() {
    Variant v =
        variant(
                Placement.BEFORE,
                ActivationKind.RELU,
                List.of(16, 32),
                3,
                "fashion-mnist",
                6000,
                2000,
                1,
                64,
                0.001)
            .with(Axes.WEIGHT_DECAY, 5e-4);
    assertEquals(
        "placement=before;activation=relu;seed=3;channels=[16, 32];kernel=3;dataset=fashion-mnist;"
            + "trainSize=6000;testSize=2000;epochs=1;batchSize=64;learningRate=0.001;"
            + "weightDecay=5.0E-4",
        TrialIds.canonical(v, 3, ExecutionMode.TRIALS));
  }
}
