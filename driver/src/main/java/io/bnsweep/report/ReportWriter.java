package io.bnsweep.report;

import io.bnsweep.store.CsvExport;
import io.bnsweep.store.ResultStore;
import io.bnsweep.trial.TrialResult;
import java.nio.file.Path;
import java.util.List;

/** Writes the derived files of an output directory: {@code results.csv} and {@code summary.md}. */
public final class ReportWriter {
  private ReportWriter() {}

  /** Writes both files for {@code results} into {@code dir}, atomically; returns the summary. */
  public static String write(Path dir, List<TrialResult> results, String title) {
    String summary = Summary.of(results).toMarkdown(title);
    ResultStore.writeAtomically(dir.resolve(ResultStore.CSV), CsvExport.toCsv(results));
    ResultStore.writeAtomically(dir.resolve(ResultStore.SUMMARY), summary);
    return summary;
  }
}
