package io.bnsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.report.html.HtmlReport;
import io.bnsweep.spec.SweepSpec;
import io.bnsweep.store.CsvExport;
import io.bnsweep.store.ResultStore;
import io.bnsweep.store.StoreException;
import io.bnsweep.testing.Results;
import io.bnsweep.trial.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The derived files of an output directory, the HTML page built beside the Parquet export. */
class ReportWriterTest {
  private static final List<TrialResult> RESULTS = Results.grid(2, 2);
  private static final String TITLE = "bnsweep summary: grid";

  private static final ReportOptions NONE_AS_BASELINE =
      ReportOptions.DEFAULT.comparing(
          java.util.Optional.of(new SweepSpec.CompareSpec("placement", "none")));

  @TempDir Path dir;

  @Test
  void writesEveryDerivedFileAndReturnsTheSummary() throws IOException {
    String summary = ReportWriter.write(dir, RESULTS, TITLE, NONE_AS_BASELINE);

    ReportModel tables = ReportModel.of(TITLE, RESULTS, NONE_AS_BASELINE);
    assertEquals(MarkdownReport.of(tables), summary);
    assertEquals(summary, Files.readString(dir.resolve(ResultStore.SUMMARY)));
    assertEquals(CsvExport.toCsv(RESULTS), Files.readString(dir.resolve(ResultStore.CSV)));
    assertEquals(HtmlReport.of(tables), Files.readString(dir.resolve(ResultStore.HTML)));
    assertTrue(Files.isDirectory(dir.resolve(ResultStore.PARQUET)));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(4, files.count(), "the four files and nothing else (no temporaries)");
    }
  }

  @Test
  void aFileThatCannotBeWrittenFailsTheCallButThePageIsStillWritten() throws IOException {
    // a non-empty directory where results.csv goes: the atomic move onto it fails
    Files.createDirectories(dir.resolve(ResultStore.CSV).resolve("occupied"));

    StoreException e =
        assertThrows(
            StoreException.class, () -> ReportWriter.write(dir, RESULTS, TITLE, NONE_AS_BASELINE));

    assertTrue(e.getMessage().startsWith(dir.resolve(ResultStore.CSV) + ": cannot write"));
    assertTrue(Files.isRegularFile(dir.resolve(ResultStore.HTML)), "the page is written");
    try (Stream<Path> files = Files.list(dir)) {
      assertFalse(
          files.anyMatch(f -> f.getFileName().toString().contains(".tmp")), "no temporary is left");
    }
  }
}
