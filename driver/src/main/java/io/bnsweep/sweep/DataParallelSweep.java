package io.bnsweep.sweep;

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
   */
  public static void run(
      JavaSparkContext jsc,
      List<Trial> trials,
      int threadsPerTrial,
      Duration timeLimit,
      Dataset dataset,
      SweepProgress progress,
      Consumer<TrialResult> onResult) {
    for (Trial trial : trials) {
      TrialRunner runner =
          new TrialRunner(
              name -> dataset,
              threadsPerTrial,
              conf -> new SparkFitter(jsc, conf, trial.training().batchSize()),
              timeLimit);
      TrialResult result = runner.run(trial).withExecutorId("driver+cluster");
      progress.finished(result);
      onResult.accept(result);
    }
  }
}
