package io.bnsweep.cli;

import io.bnsweep.data.Dataset;
import io.bnsweep.plan.SweepPlan;
import io.bnsweep.report.ReportWriter;
import io.bnsweep.spec.ExecutionMode;
import io.bnsweep.store.ResultStore;
import io.bnsweep.sweep.DataParallelSweep;
import io.bnsweep.sweep.DatasetRef;
import io.bnsweep.sweep.DatasetShipping;
import io.bnsweep.sweep.SparkSweep;
import io.bnsweep.sweep.SweepContexts;
import io.bnsweep.sweep.SweepProgress;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bnsweep run SPEC}: validates, plans, runs the trials that have no COMPLETE result yet on
 * Spark, appends each result as it arrives, stops Spark, then writes the derived files ({@link
 * ReportWriter}) and prints the summary.
 *
 * <p>The sweep's SparkContext is stopped before the reports are written: {@code results.parquet} is
 * written by a local Spark of its own on the driver, and a JVM holds one context at a time.
 */
@Command(
    name = "run",
    description = "Run the sweep in SPEC on Spark and write results and reports to its output.")
final class RunCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SPEC", description = "Sweep spec (YAML or JSON).")
  Path specFile;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "Spark master URL. Default: the one spark-submit gives, else embedded local[*].")
  String master;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output directory. Default: the spec's output (runs/<name>).")
  Path out;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    SweepPlan plan = SweepInputs.plan(specFile, out);
    Path dir = plan.spec().output();
    ResultStore.checkUsable(dir);

    Set<String> planned = plan.trials().stream().map(Trial::id).collect(Collectors.toSet());
    Set<String> done =
        ResultStore.read(dir).stream()
            .filter(TrialResult::isComplete)
            .map(TrialResult::trialId)
            .filter(planned::contains)
            .collect(Collectors.toSet());
    List<Trial> pending = plan.trials().stream().filter(t -> !done.contains(t.id())).toList();

    PrintWriter err = command.commandLine().getErr();
    err.printf(
        Locale.ROOT,
        "[bnsweep] %s: %d trials (%d variants x %d seeds), %d to run, output %s%n",
        plan.spec().name(),
        plan.trials().size(),
        plan.variants(),
        plan.spec().seeds().size(),
        pending.size(),
        dir);
    err.flush();

    long start = System.nanoTime();
    try (ResultStore store = ResultStore.open(dir)) {
      if (!pending.isEmpty()) {
        runOnSpark(plan, pending, done.size(), store);
      }
    }
    List<TrialResult> results =
        ResultStore.latestPerTrial(ResultStore.read(dir)).stream()
            .filter(r -> planned.contains(r.trialId()))
            .toList();
    String summary = ReportWriter.write(dir, results, "bnsweep summary: " + plan.spec().name());
    PrintWriter stdout = command.commandLine().getOut();
    stdout.print(summary);
    stdout.flush();
    err.printf(
        Locale.ROOT,
        "[bnsweep] done in %s; wrote %s, %s, %s, %s, %s in %s%n",
        SweepProgress.clock(Duration.ofNanos(System.nanoTime() - start)),
        ResultStore.RESULTS,
        ResultStore.CSV,
        ResultStore.PARQUET,
        ResultStore.SUMMARY,
        ResultStore.HTML,
        dir);
    err.flush();
    return results.stream().allMatch(TrialResult::isComplete)
        ? ExitCodes.OK
        : ExitCodes.TRIALS_FAILED;
  }

  private void runOnSpark(SweepPlan plan, List<Trial> pending, int doneBefore, ResultStore store) {
    SparkConf conf = SweepContexts.conf("bnsweep " + plan.spec().name(), master);
    JavaSparkContext jsc = SweepContexts.start(conf);
    try {
      SweepProgress progress =
          new SweepProgress(plan.trials().size(), doneBefore, command.commandLine().getErr());
      int threads = SweepContexts.threadsPerTrial(conf);
      Duration limit = plan.spec().trialTimeLimit().orElse(null);
      if (plan.spec().mode() == ExecutionMode.DATA_PARALLEL) {
        Dataset dataset = DatasetShipping.loadOnDriver(plan.training().dataset());
        DataParallelSweep.run(jsc, pending, threads, limit, dataset, progress, store::append);
      } else {
        DatasetRef dataset =
            DatasetShipping.prepare(jsc, plan.training().dataset(), command.commandLine().getErr());
        SparkSweep.run(jsc, pending, threads, limit, dataset, progress, store::append);
      }
    } finally {
      jsc.stop();
    }
  }
}
