package io.bnsweep.cli;

import io.bnsweep.data.Dataset;
import io.bnsweep.plan.SweepPlan;
import io.bnsweep.report.ReportWriter;
import io.bnsweep.spec.ExecutionMode;
import io.bnsweep.store.ResultStore;
import io.bnsweep.store.Resume;
import io.bnsweep.store.StoreException;
import io.bnsweep.sweep.DataParallelSweep;
import io.bnsweep.sweep.DatasetRef;
import io.bnsweep.sweep.DatasetShipping;
import io.bnsweep.sweep.MasterCheck;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bnsweep run SPEC}: validates, plans, runs the trials that have no COMPLETE result yet on
 * Spark, appends each result as it arrives, stops Spark, then writes the derived files ({@link
 * ReportWriter}) and prints the summary.
 *
 * <p>The sweep's SparkContext is stopped before the reports are written, so a cluster's executors
 * are released while the driver writes them.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
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

  @Option(
      names = "--restart",
      description =
          "Start over: move the output's results into previous-<time>/ (nothing is deleted).")
  boolean restart;

  @Option(
      names = "--retry-failed",
      description = "Also rerun trials whose last result is FAILED (by default they are kept).")
  boolean retryFailed;

  @Option(
      names = "--force",
      description =
          "Run even if the output holds results of trials this spec does not plan"
              + " (the spec changed); they stay in the ledger but not in the tables.")
  boolean force;

  @Mixin BaselineOption baseline;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    SweepPlan plan = SweepInputs.plan(specFile, out);
    Path dir = plan.spec().output();
    ResultStore.checkUsable(dir);
    MasterCheck.requireReachable(master != null ? master : System.getProperty("spark.master"));
    PrintWriter err = command.commandLine().getErr();

    if (restart) {
      Path aside = ResultStore.moveAside(dir);
      if (aside != null) {
        log(err, "--restart: moved the previous results to %s", aside);
      }
    }
    Resume resume = Resume.of(plan.trials(), ResultStore.read(dir), retryFailed);
    if (!resume.foreign().isEmpty() && !force) {
      throw new StoreException(
          "output "
              + dir
              + " holds results of "
              + resume.foreign().size()
              + " trials this spec does not plan (the spec changed in a way that changes trial"
              + " ids); use --restart to move them aside and start over, or --force to keep them"
              + " and run this spec's trials beside them");
    }
    log(
        err,
        "%s: %d trials (%d variants x %d seeds), %d to run, %d complete, %d failed kept%s,"
            + " output %s",
        plan.spec().name(),
        plan.trials().size(),
        plan.variants(),
        plan.spec().seeds().size(),
        resume.pending().size(),
        resume.complete(),
        resume.failed(),
        resume.failed() > 0 ? " (--retry-failed reruns them)" : "",
        dir);

    long start = System.nanoTime();
    Set<String> planned = plan.trials().stream().map(Trial::id).collect(Collectors.toSet());
    if (!resume.pending().isEmpty()) {
      sweep(plan, resume, dir, planned);
    }
    List<TrialResult> results = latest(dir, planned);
    String summary =
        ReportWriter.write(
            dir, results, "bnsweep summary: " + plan.spec().name(), baseline.placement);
    PrintWriter stdout = command.commandLine().getOut();
    stdout.print(summary);
    stdout.flush();
    log(
        err,
        "done in %s; wrote %s, %s, %s, %s, %s in %s",
        SweepProgress.clock(Duration.ofNanos(System.nanoTime() - start)),
        ResultStore.RESULTS,
        ResultStore.CSV,
        ResultStore.PARQUET,
        ResultStore.SUMMARY,
        ResultStore.HTML,
        dir);
    return results.stream().allMatch(TrialResult::isComplete)
        ? ExitCodes.OK
        : ExitCodes.TRIALS_FAILED;
  }

  /**
   * Runs the pending trials on Spark. If the JVM starts to shut down meanwhile (Ctrl-C, SIGTERM),
   * the failure Spark reports is replaced by what was kept and how to resume.
   */
  private void sweep(SweepPlan plan, Resume resume, Path dir, Set<String> planned) {
    ShutdownWatch.install();
    ShutdownWatch.sweepRunning(true);
    try {
      runOnSpark(plan, resume.pending(), resume.complete() + resume.failed(), dir);
      LauncherMarker.sweptOnSpark();
    } catch (Exception e) { // Spark's exceptions may be checked ones, thrown from Scala
      if (!ShutdownWatch.started()) {
        throw e;
      }
      throw new SweepStoppedException(
          String.format(
              Locale.ROOT,
              "stopped (the JVM is shutting down: Ctrl-C, SIGTERM or a fatal error) with %d of %d"
                  + " trials finished, kept in %s; run the same command again to resume, or"
                  + " 'bnsweep report %s' for their tables",
              latest(dir, planned).size(),
              plan.trials().size(),
              dir.resolve(ResultStore.RESULTS),
              dir),
          e);
    } finally {
      ShutdownWatch.sweepRunning(false);
    }
  }

  /** The last result of each planned trial in {@code dir}'s ledger. */
  private static List<TrialResult> latest(Path dir, Set<String> planned) {
    return ResultStore.latestPerTrial(ResultStore.read(dir)).stream()
        .filter(r -> planned.contains(r.trialId()))
        .toList();
  }

  private static void log(PrintWriter err, String format, Object... args) {
    err.printf(Locale.ROOT, "[bnsweep] " + format + "%n", args);
    err.flush();
  }

  private void runOnSpark(SweepPlan plan, List<Trial> pending, int doneBefore, Path dir) {
    SparkConf conf = SweepContexts.conf("bnsweep " + plan.spec().name(), master);
    JavaSparkContext jsc = SweepContexts.start(conf);
    try {
      SweepProgress progress =
          new SweepProgress(plan.trials().size(), doneBefore, command.commandLine().getErr());
      int threads = SweepContexts.threadsPerTrial(conf);
      Duration limit = plan.spec().trialTimeLimit().orElse(null);
      if (plan.spec().mode() == ExecutionMode.DATA_PARALLEL) {
        Dataset dataset = DatasetShipping.loadOnDriver(plan.training().dataset());
        try (ResultStore store = ResultStore.open(dir)) {
          DataParallelSweep.run(jsc, pending, threads, limit, dataset, progress, store::append);
        }
      } else {
        // the dataset is checked on the executors before anything is written
        DatasetRef dataset =
            DatasetShipping.prepare(jsc, plan.training().dataset(), command.commandLine().getErr());
        try (ResultStore store = ResultStore.open(dir)) {
          SparkSweep.run(jsc, pending, threads, limit, dataset, progress, store::append);
        }
      }
    } finally {
      jsc.stop();
    }
  }
}
