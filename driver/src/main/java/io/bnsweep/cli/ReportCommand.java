package io.bnsweep.cli;

import io.bnsweep.report.ReportOptions;
import io.bnsweep.report.ReportWriter;
import io.bnsweep.report.SweepRecord;
import io.bnsweep.store.ResultStore;
import io.bnsweep.store.StoreException;
import io.bnsweep.trial.TrialResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bnsweep report DIR}: rebuilds the derived files (summary, HTML report, CSV, Parquet) from
 * {@code results.jsonl}.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Rebuild summary.md, report.html, results.csv and results.parquet in DIR from its"
            + " results.jsonl, without training.")
final class ReportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "Output directory of a sweep.")
  Path dir;

  @Mixin CompareOption compare;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(dir.resolve(ResultStore.RESULTS))) {
      throw new StoreException(dir + ": no " + ResultStore.RESULTS + " to report on");
    }
    // read-only: damaged lines are skipped and named, and left for the next run to move aside
    ResultStore.Ledger ledger = ResultStore.scan(dir);
    if (!ledger.damaged().isEmpty()) {
      PrintWriter err = command.commandLine().getErr();
      err.printf(
          Locale.ROOT,
          "[bnsweep] warning: %s: skipped %d damaged line%s (%s%s: %s); 'bnsweep run' on this"
              + " directory moves %s to %s and reruns %s%n",
          dir.resolve(ResultStore.RESULTS),
          ledger.damaged().size(),
          ledger.damaged().size() == 1 ? "" : "s",
          ResultStore.lineNumbers(ledger.damaged()),
          ledger.damaged().size() == 1 ? "" : "; line " + ledger.damaged().get(0).number(),
          ledger.damaged().get(0).reason(),
          ledger.damaged().size() == 1 ? "it" : "them",
          ResultStore.DAMAGED,
          ledger.damaged().size() == 1 ? "its trial" : "their trials");
      err.flush();
    }
    List<TrialResult> results = ResultStore.latestPerTrial(ledger.results());
    String title = "bnsweep summary: " + dir.toAbsolutePath().normalize().getFileName();
    String summary =
        ReportWriter.write(
            dir,
            results,
            title,
            SweepRecord.read(dir)
                .map(SweepRecord::options)
                .orElse(ReportOptions.DEFAULT)
                .comparing(compare.value()));
    PrintWriter out = command.commandLine().getOut();
    out.print(summary);
    out.flush();
    return results.stream().noneMatch(TrialResult::isFailed)
        ? ExitCodes.OK
        : ExitCodes.TRIALS_FAILED;
  }
}
