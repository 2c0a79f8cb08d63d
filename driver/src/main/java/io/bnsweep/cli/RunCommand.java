package io.bnsweep.cli;

import io.bnsweep.plan.SweepPlan;
import io.bnsweep.report.ReportOptions;
import io.bnsweep.report.ReportWriter;
import io.bnsweep.store.ResultStore;
import io.bnsweep.store.StoreException;
import io.bnsweep.store.WriteFailedException;
import io.bnsweep.sweep.Sweep;
import io.bnsweep.sweep.SweepProgress;
import io.bnsweep.trial.TrialResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bnsweep run SPEC}: parses the options, plans the spec, hands the plan to {@link Sweep}
 * (resume, Spark, ledger), then writes the derived files ({@link ReportWriter}) and prints the
 * summary.
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

  @Mixin CompareOption compare;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    SweepPlan plan = SweepInputs.plan(specFile, out, command.commandLine().getErr());
    PrintWriter err = command.commandLine().getErr();
    long start = System.nanoTime();
    Sweep sweep = Sweep.of(plan, new Sweep.Options(master, restart, retryFailed, force), err);
    List<TrialResult> results = run(sweep, plan);
    Path dir = sweep.output();
    ReportOptions options = ReportOptions.of(plan.spec()).comparing(compare.value());
    String summary;
    try {
      summary = ReportWriter.write(dir, results, "bnsweep summary: " + plan.spec().name(), options);
    } catch (StoreException e) {
      throw new WriteFailedException(
          "cannot write the reports: "
              + e.getMessage()
              + "; all "
              + results.size()
              + " results are kept in "
              + dir.resolve(ResultStore.RESULTS)
              + "; once the disk has room, 'bnsweep report "
              + dir
              + "' writes the reports from them",
          e);
    }
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
    return results.stream().noneMatch(TrialResult::isFailed)
        ? ExitCodes.OK
        : ExitCodes.TRIALS_FAILED;
  }

  /**
   * Runs the sweep. If the JVM starts to shut down meanwhile (Ctrl-C, SIGTERM), the failure Spark
   * reports is replaced by what was kept and how to resume.
   */
  private static List<TrialResult> run(Sweep sweep, SweepPlan plan) {
    ShutdownWatch.install();
    ShutdownWatch.sweepRunning(true);
    try {
      List<TrialResult> results = sweep.run();
      LauncherMarker.sweptOnSpark();
      return results;
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
              sweep.finished(),
              plan.trials().size(),
              sweep.output().resolve(ResultStore.RESULTS),
              sweep.output()),
          e);
    } finally {
      ShutdownWatch.sweepRunning(false);
    }
  }
}
