package io.bnsweep.store;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.bnsweep.trial.EpochMetrics;
import io.bnsweep.trial.TrialResult;
import java.util.List;
import java.util.stream.Collectors;

/** Flattens results into CSV, one row per trial; per-epoch curves become {@code ;}-lists. */
public final class CsvExport {
  private static final CsvMapper CSV = new CsvMapper();

  private CsvExport() {}

  /** The CSV text of {@code results}, with a header row. */
  public static String toCsv(List<TrialResult> results) {
    CsvSchema schema = CSV.schemaFor(Row.class).withHeader();
    List<Row> rows = results.stream().map(Row::of).toList();
    try {
      return CSV.writer(schema).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("results always map to CSV", e);
    }
  }

  /** One CSV row. */
  @JsonPropertyOrder({
    "trialId",
    "placement",
    "activation",
    "seed",
    "state",
    "testAccuracy",
    "testLoss",
    "epochs",
    "testAccuracyByEpoch",
    "trainLossByEpoch",
    "trainSeconds",
    "samplesPerSecond",
    "wallSeconds",
    "cpuSeconds",
    "coresUsed",
    "datasetSeconds",
    "host",
    "executorId",
    "threads",
    "nd4jBackend",
    "dl4jVersion",
    "startedAt",
    "failureReason"
  })
  record Row(
      String trialId,
      String placement,
      String activation,
      long seed,
      String state,
      Double testAccuracy,
      Double testLoss,
      int epochs,
      String testAccuracyByEpoch,
      String trainLossByEpoch,
      double trainSeconds,
      double samplesPerSecond,
      double wallSeconds,
      double cpuSeconds,
      double coresUsed,
      double datasetSeconds,
      String host,
      String executorId,
      int threads,
      String nd4jBackend,
      String dl4jVersion,
      String startedAt,
      String failureReason) {

    static Row of(TrialResult r) {
      return new Row(
          r.trialId(),
          r.variant().placement().id(),
          r.variant().activation().id(),
          r.seed(),
          r.state().name(),
          r.testAccuracy(),
          r.testLoss(),
          r.epochs().size(),
          join(r.epochs().stream().map(e -> e.testAccuracy())),
          join(r.epochs().stream().map(EpochMetrics::trainLoss)),
          r.trainSeconds(),
          r.samplesPerSecond(),
          r.usage().wallSeconds(),
          r.usage().cpuSeconds(),
          r.usage().coresUsed(),
          r.usage().datasetSeconds(),
          r.provenance().host(),
          r.provenance().executorId(),
          r.provenance().threads(),
          r.provenance().nd4jBackend(),
          r.provenance().dl4jVersion(),
          r.provenance().startedAt(),
          r.failureReason());
    }

    private static String join(java.util.stream.Stream<Double> values) {
      return values.map(String::valueOf).collect(Collectors.joining(";"));
    }
  }
}
