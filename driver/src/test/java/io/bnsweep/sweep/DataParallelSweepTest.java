package io.bnsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bnsweep.network.NetworkShape;
import io.bnsweep.testing.Trials;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

class DataParallelSweepTest {
  @Test
  void aStoppedContextRecordsNoTrial() {
    // what a shutdown leaves behind: the SparkContext stopped by Spark's shutdown hook
    JavaSparkContext jsc =
        new JavaSparkContext(SweepContexts.conf("DataParallelSweepTest", "local[1]"));
    jsc.stop();
    Trial trial =
        new Trial(
            "t",
            Trials.settings(
                Variant.of(Placement.BEFORE, ActivationKind.RELU),
                NetworkShape.DEFAULT,
                "d",
                10,
                10,
                1,
                5,
                1e-3),
            1);
    List<TrialResult> recorded = new ArrayList<>();

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> DataParallelSweep.run(jsc, List.of(trial), 1, null, null, recorded::add));

    assertEquals("the SparkContext stopped before the sweep finished", e.getMessage());
    assertEquals(List.of(), recorded, "an interrupted trial is not kept as FAILED");
  }
}
