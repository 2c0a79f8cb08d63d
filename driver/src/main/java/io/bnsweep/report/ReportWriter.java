package io.bnsweep.report;

import io.bnsweep.report.html.HtmlReport;
import io.bnsweep.store.CsvExport;
import io.bnsweep.store.ParquetExport;
import io.bnsweep.store.ResultStore;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.Placement;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the derived files of an output directory from its results: {@code results.csv}, {@code
 * summary.md}, {@code report.html} and {@code results.parquet}.
 */
public final class ReportWriter {
  private ReportWriter() {}

  /**
   * Writes every file for {@code results} into {@code dir}, each atomically; returns the summary.
   */
  public static String write(
      Path dir, List<TrialResult> results, String title, Placement baseline) {
    Summary tables = Summary.of(results, baseline);
    String summary = tables.toMarkdown(title);
    ResultStore.writeAtomically(dir.resolve(ResultStore.CSV), CsvExport.toCsv(results));
    ResultStore.writeAtomically(dir.resolve(ResultStore.SUMMARY), summary);
    ResultStore.writeAtomically(dir.resolve(ResultStore.HTML), HtmlReport.of(tables, title));
    ParquetExport.write(dir.resolve(ResultStore.PARQUET), results);
    return summary;
  }
}
