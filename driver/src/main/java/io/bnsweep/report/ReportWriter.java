package io.bnsweep.report;

import io.bnsweep.report.html.HtmlReport;
import io.bnsweep.report.html.TunedHtml;
import io.bnsweep.store.CsvExport;
import io.bnsweep.store.ParquetExport;
import io.bnsweep.store.ResultStore;
import io.bnsweep.trial.TrialResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Writes the derived files of an output directory from its results: {@code results.csv}, {@code
 * summary.md}, {@code report.html} and {@code results.parquet}. The {@link ReportModel} is computed
 * once (statistics and bootstrap included) and drawn by both renderers.
 *
 * <p>The HTML page (charts rendered to PNG, about 1.2 s after a demo sweep) is built on a second
 * thread while this one writes the Parquet export (about 0.9 s): the two share nothing but the
 * results, and at the end of a sweep a core is free for it.
 */
public final class ReportWriter {
  /** A tuned comparison's chosen configurations and the runners-up, per variant. */
  public static final String BEST = "best.json";

  private ReportWriter() {}

  /**
   * Writes every file for {@code results} into {@code dir}, each atomically; returns the summary.
   * The page is written even when another file fails; the first failure is thrown.
   */
  public static String write(
      Path dir, List<TrialResult> results, String title, ReportOptions options) {
    Optional<TunedReport> tuned =
        options.tune().map(setup -> TunedReport.of(title, results, options, setup));
    ReportModel model =
        tuned.isPresent() ? tuned.get().tuned() : ReportModel.of(title, results, options);
    CompletableFuture<Void> page =
        CompletableFuture.runAsync(
            () ->
                ResultStore.writeAtomically(
                    dir.resolve(ResultStore.HTML),
                    tuned.map(TunedHtml::of).orElseGet(() -> HtmlReport.of(model))));
    String summary = null;
    RuntimeException failure = null;
    try {
      summary = tuned.map(TunedMarkdown::of).orElseGet(() -> MarkdownReport.of(model));
      if (tuned.isPresent()) {
        ResultStore.writeAtomically(dir.resolve(BEST), BestConfigurations.json(tuned.get()));
      }
      ResultStore.writeAtomically(dir.resolve(ResultStore.CSV), CsvExport.toCsv(results));
      ResultStore.writeAtomically(dir.resolve(ResultStore.SUMMARY), summary);
      ParquetExport.write(dir.resolve(ResultStore.PARQUET), results);
    } catch (RuntimeException e) {
      failure = e;
    }
    try {
      page.join();
    } catch (CompletionException e) {
      RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime : e;
      if (failure == null) {
        failure = cause;
      } else {
        failure.addSuppressed(cause);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return summary;
  }
}
