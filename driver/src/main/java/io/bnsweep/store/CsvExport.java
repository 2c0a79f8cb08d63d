package io.bnsweep.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.bnsweep.trial.TrialResult;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Flattens results into CSV, one row per trial, in the columns of {@link ResultColumns} marked for
 * CSV; per-epoch curves become {@code ;}-lists and missing values empty cells.
 */
public final class CsvExport {
  private static final CsvMapper CSV = new CsvMapper();
  private static final List<ResultColumns.Column> COLUMNS =
      ResultColumns.ALL.stream().filter(ResultColumns.Column::csv).toList();

  private CsvExport() {}

  /** The CSV text of {@code results}, with a header row. */
  public static String toCsv(List<TrialResult> results) {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    COLUMNS.forEach(c -> schema.addColumn(c.name()));
    List<Object[]> rows =
        results.stream()
            .map(r -> COLUMNS.stream().map(c -> cell(c.value().apply(r))).toArray())
            .toList();
    try {
      return CSV.writer(schema.build()).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("results always map to CSV", e);
    }
  }

  private static Object cell(Object value) {
    return value instanceof double[] perEpoch
        ? Arrays.stream(perEpoch).mapToObj(String::valueOf).collect(Collectors.joining(";"))
        : value;
  }
}
