package io.bnsweep.sweep;

import io.bnsweep.axis.Axes;
import io.bnsweep.data.Dataset;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.trial.TrialRunner;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs trials one after another, each trained across the whole cluster ({@link SparkFitter}), and
 * evaluated on the driver. Same results, same ledger, same tables as the one-trial-per-task mode.
 */
public final class DataParallelSweep {
  private DataParallelSweep() {}

  /**
   * Runs {@code trials} in order on the driver's {@code dataset}, handing each result to {@code
   * onResult} as it finishes.
   *
   * @throws IllegalStateException if the SparkContext stops (a shutdown) before every trial ran; a
   *     trial it interrupted is not recorded, so a rerun runs it again instead of keeping it FAILED
   */
  public static void run(
      JavaSparkContext jsc,
      List<Trial> trials,
      int threadsPerTrial,
      Duration timeLimit,
      Dataset dataset,
      Consumer<TrialResult> onResult) {
    for (Trial trial : trials) {
      TrialRunner runner =
          new TrialRunner(
              name -> dataset,
              threadsPerTrial,
              architecture ->
                  new SparkFitter(jsc, architecture, trial.variant().get(Axes.BATCH_SIZE)),
              timeLimit);
      requireRunning(jsc);
      TrialResult result = runner.run(trial).withExecutorId("driver+cluster");
      requireRunning(jsc);
      onResult.accept(result);
    }
  }

  private static void requireRunning(JavaSparkContext jsc) {
    if (jsc.sc().isStopped()) {
      throw new IllegalStateException("the SparkContext stopped before the sweep finished");
    }
  }
}
