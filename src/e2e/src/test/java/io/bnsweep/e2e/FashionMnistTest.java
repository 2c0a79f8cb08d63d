package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.data.Dataset;
import io.bnsweep.data.DatasetCache;
import io.bnsweep.data.InputShape;
import io.bnsweep.network.NetworkShape;
import io.bnsweep.testing.Trials;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.trial.TrialRunner;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import org.junit.jupiter.api.Test;

/** The real Fashion-MNIST, as installed by the Debian package {@code dataset-fashion-mnist}. */
class FashionMnistTest {
  @Test
  void decodesTheWholeDatasetWithBalancedClasses() {
    Dataset data = DatasetCache.get("fashion-mnist");

    assertEquals(60_000, data.train().count());
    assertEquals(10_000, data.test().count());
    assertEquals(new InputShape(1, 28, 28, 10), data.shape());
    for (int count : data.test().classCounts()) {
      assertEquals(1_000, count);
    }
  }

  @Test
  void oneDefaultTrialOnASubsetLearnsWellAboveChance() {
    Trial trial =
        new Trial(
            "fmnist-smoke",
            Trials.settings(
                Variant.of(Placement.BEFORE, ActivationKind.RELU),
                NetworkShape.DEFAULT,
                "fashion-mnist",
                1000,
                500,
                1,
                32,
                0.001),
            1);

    TrialResult result = new TrialRunner(DatasetCache::get, 1).run(trial);

    assertTrue(result.isComplete(), result.failureReason());
    assertTrue(result.testAccuracy() > 0.5, "accuracy " + result.testAccuracy());
  }
}
