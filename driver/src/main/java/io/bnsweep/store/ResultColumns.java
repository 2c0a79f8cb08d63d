package io.bnsweep.store;

import io.bnsweep.axis.Axes;
import io.bnsweep.axis.Axis;
import io.bnsweep.diagnostics.InferenceCost;
import io.bnsweep.trial.EpochMetrics;
import io.bnsweep.trial.Provenance;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.trial.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The flat columns of a result, in order: one list that {@code results.parquet} ({@link
 * ResultParquet}) writes whole and {@code results.csv} ({@link CsvExport}) writes the columns of
 * marked {@code csv}. Values are {@code String}, {@code Long}, {@code Integer}, {@code Double},
 * {@code Boolean} or, for per-epoch values, {@code double[]}; a value a result does not have (a
 * FAILED trial's accuracy, an older result's usage) is {@code null}.
 */
final class ResultColumns {
  /** The type of a column's values. */
  enum Kind {
    STRING,
    LONG,
    INT,
    DOUBLE,
    BOOLEAN,
    /** {@code double[]}, one value per epoch. */
    DOUBLES
  }

  /**
   * One column.
   *
   * @param nullable whether some results have no value here
   * @param csv whether {@code results.csv} has it
   */
  record Column(
      String name, Kind kind, boolean nullable, boolean csv, Function<TrialResult, Object> value) {}

  private static List<Column> columns() {
    List<Column> columns = new ArrayList<>();
    columns.add(shared("trialId", Kind.STRING, false, TrialResult::trialId));
    for (Axis<?> axis : Axes.all()) {
      columns.add(setting(axis));
    }
    columns.addAll(RESULT);
    return List.copyOf(columns);
  }

  /**
   * One column per axis, named without dots ({@code network_channels}: a dot is a struct path in
   * Spark SQL); empty where a result does not have the setting (it does not apply, or the result
   * was written before the setting was recorded).
   */
  private static Column setting(Axis<?> axis) {
    Kind kind =
        switch (axis.type().column()) {
          case LONG -> Kind.LONG;
          case DOUBLE -> Kind.DOUBLE;
          case STRING -> Kind.STRING;
        };
    return shared(
        axis.column(),
        kind,
        true,
        r -> {
          Object value = r.variant().settings().get(axis.name());
          if (value == null) {
            return null;
          }
          return switch (kind) {
            case LONG -> ((Number) value).longValue();
            case DOUBLE -> ((Number) value).doubleValue();
            default -> axis.text(value);
          };
        });
  }

  private static final List<Column> RESULT =
      List.of(
          shared("seed", Kind.LONG, false, TrialResult::seed),
          shared("state", Kind.STRING, false, r -> r.state().name()),
          shared("testAccuracy", Kind.DOUBLE, true, TrialResult::testAccuracy),
          shared("testLoss", Kind.DOUBLE, true, TrialResult::testLoss),
          shared("validationAccuracy", Kind.DOUBLE, true, TrialResult::validationAccuracy),
          shared("epochsRun", Kind.INT, false, r -> r.epochs().size()),
          shared("testAccuracyByEpoch", Kind.DOUBLES, false, perEpoch(EpochMetrics::testAccuracy)),
          parquetOnly("testLossByEpoch", Kind.DOUBLES, false, perEpoch(EpochMetrics::testLoss)),
          shared("trainLossByEpoch", Kind.DOUBLES, false, perEpoch(EpochMetrics::trainLoss)),
          parquetOnly(
              "trainSecondsByEpoch", Kind.DOUBLES, false, perEpoch(EpochMetrics::trainSeconds)),
          shared("trainSeconds", Kind.DOUBLE, false, TrialResult::trainSeconds),
          shared("samplesPerSecond", Kind.DOUBLE, false, TrialResult::samplesPerSecond),
          shared("wallSeconds", Kind.DOUBLE, true, usage(Usage::wallSeconds)),
          shared("cpuSeconds", Kind.DOUBLE, true, usage(Usage::cpuSeconds)),
          shared("coresUsed", Kind.DOUBLE, true, usage(Usage::coresUsed)),
          shared("datasetSeconds", Kind.DOUBLE, true, usage(Usage::datasetSeconds)),
          parquetOnly(
              "inferenceMicrosPerImage",
              Kind.DOUBLE,
              true,
              inference(InferenceCost::microsPerImage)),
          parquetOnly(
              "inferenceMicrosPerImageBatched",
              Kind.DOUBLE,
              true,
              inference(InferenceCost::microsPerImageBatched)),
          parquetOnly("folded", Kind.BOOLEAN, true, inference(InferenceCost::folded)),
          shared("host", Kind.STRING, true, provenance(Provenance::host)),
          shared("executorId", Kind.STRING, true, provenance(Provenance::executorId)),
          shared("threads", Kind.INT, true, provenance(Provenance::threads)),
          shared("nd4jBackend", Kind.STRING, true, provenance(Provenance::nd4jBackend)),
          shared("kernels", Kind.STRING, true, provenance(Provenance::kernels)),
          shared("bnsweepVersion", Kind.STRING, true, provenance(Provenance::bnsweepVersion)),
          shared("dl4jVersion", Kind.STRING, true, provenance(Provenance::dl4jVersion)),
          parquetOnly("javaVersion", Kind.STRING, true, provenance(Provenance::javaVersion)),
          shared("startedAt", Kind.STRING, true, provenance(Provenance::startedAt)),
          shared("failureReason", Kind.STRING, true, TrialResult::failureReason),
          shared(
              "failureKind",
              Kind.STRING,
              true,
              r -> r.failure() == null ? null : r.failure().kind().text()),
          shared(
              "attempts",
              Kind.INT,
              true,
              r -> r.failure() == null ? null : r.failure().attempts()));

  /** Every column: the trial id, one per axis, then the result's own (after {@link #RESULT}). */
  static final List<Column> ALL = columns();

  private ResultColumns() {}

  /** The values of {@code r}, in the order of {@link #ALL}. */
  static Object[] values(TrialResult r) {
    return ALL.stream().map(c -> c.value().apply(r)).toArray();
  }

  private static Column shared(
      String name, Kind kind, boolean nullable, Function<TrialResult, Object> value) {
    return new Column(name, kind, nullable, true, value);
  }

  private static Column parquetOnly(
      String name, Kind kind, boolean nullable, Function<TrialResult, Object> value) {
    return new Column(name, kind, nullable, false, value);
  }

  /** A per-epoch value as a list; a value an epoch did not measure (test, in a search) is NaN. */
  private static Function<TrialResult, Object> perEpoch(Function<EpochMetrics, Double> value) {
    return r ->
        r.epochs().stream().map(value).mapToDouble(v -> v == null ? Double.NaN : v).toArray();
  }

  private static Function<TrialResult, Object> usage(Function<Usage, Object> value) {
    return r -> r.usage() == null ? null : value.apply(r.usage());
  }

  private static Function<TrialResult, Object> inference(Function<InferenceCost, Object> value) {
    return r -> r.inference() == null ? null : value.apply(r.inference());
  }

  private static Function<TrialResult, Object> provenance(Function<Provenance, Object> value) {
    return r -> r.provenance() == null ? null : value.apply(r.provenance());
  }
}
