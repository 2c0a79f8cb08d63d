package io.bnsweep.store;

import io.bnsweep.diagnostics.InferenceCost;
import io.bnsweep.trial.EpochMetrics;
import io.bnsweep.trial.Provenance;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.trial.Usage;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Results as a Spark SQL DataFrame, one row per trial: the columns of {@code results.csv} with
 * per-epoch values as arrays of doubles instead of {@code ;}-lists, plus the inference cost.
 * Columns a FAILED trial or an older result does not have are null.
 *
 * <p>The only class of the store that touches Spark, so that {@link ParquetExport} can say clearly
 * when Spark is missing instead of failing to load.
 */
final class ResultFrame {
  /** The schema of {@code results.parquet}. */
  static final StructType SCHEMA =
      new StructType(
          new StructField[] {
            field("trialId", DataTypes.StringType, false),
            field("placement", DataTypes.StringType, false),
            field("activation", DataTypes.StringType, false),
            field("seed", DataTypes.LongType, false),
            field("state", DataTypes.StringType, false),
            field("testAccuracy", DataTypes.DoubleType, true),
            field("testLoss", DataTypes.DoubleType, true),
            field("epochs", DataTypes.IntegerType, false),
            field("testAccuracyByEpoch", doubles(), false),
            field("testLossByEpoch", doubles(), false),
            field("trainLossByEpoch", doubles(), false),
            field("trainSecondsByEpoch", doubles(), false),
            field("trainSeconds", DataTypes.DoubleType, false),
            field("samplesPerSecond", DataTypes.DoubleType, false),
            field("wallSeconds", DataTypes.DoubleType, true),
            field("cpuSeconds", DataTypes.DoubleType, true),
            field("coresUsed", DataTypes.DoubleType, true),
            field("datasetSeconds", DataTypes.DoubleType, true),
            field("inferenceMicrosPerImage", DataTypes.DoubleType, true),
            field("inferenceMicrosPerImageBatched", DataTypes.DoubleType, true),
            field("folded", DataTypes.BooleanType, true),
            field("host", DataTypes.StringType, true),
            field("executorId", DataTypes.StringType, true),
            field("threads", DataTypes.IntegerType, true),
            field("nd4jBackend", DataTypes.StringType, true),
            field("dl4jVersion", DataTypes.StringType, true),
            field("javaVersion", DataTypes.StringType, true),
            field("startedAt", DataTypes.StringType, true),
            field("failureReason", DataTypes.StringType, true)
          });

  private ResultFrame() {}

  /**
   * Writes {@code results} as one Parquet file in the new directory {@code uri}, with a private
   * local Spark on this JVM ({@link DriverLocalSpark}).
   */
  static void writeParquet(String uri, List<TrialResult> results) {
    DriverLocalSpark.run(
        ResultStore.PARQUET,
        spark ->
            spark
                .createDataFrame(results.stream().map(ResultFrame::row).toList(), SCHEMA)
                .coalesce(1)
                .write()
                .mode(SaveMode.ErrorIfExists)
                .parquet(uri));
  }

  /** The row of {@code r}, in {@link #SCHEMA}'s column order. */
  static Row row(TrialResult r) {
    Usage u = r.usage();
    InferenceCost i = r.inference();
    Provenance p = r.provenance();
    return RowFactory.create(
        r.trialId(),
        r.variant().placement().id(),
        r.variant().activation().id(),
        r.seed(),
        r.state().name(),
        r.testAccuracy(),
        r.testLoss(),
        r.epochs().size(),
        perEpoch(r.epochs(), EpochMetrics::testAccuracy),
        perEpoch(r.epochs(), EpochMetrics::testLoss),
        perEpoch(r.epochs(), EpochMetrics::trainLoss),
        perEpoch(r.epochs(), EpochMetrics::trainSeconds),
        r.trainSeconds(),
        r.samplesPerSecond(),
        u == null ? null : u.wallSeconds(),
        u == null ? null : u.cpuSeconds(),
        u == null ? null : u.coresUsed(),
        u == null ? null : u.datasetSeconds(),
        i == null ? null : i.microsPerImage(),
        i == null ? null : i.microsPerImageBatched(),
        i == null ? null : i.folded(),
        p == null ? null : p.host(),
        p == null ? null : p.executorId(),
        p == null ? null : p.threads(),
        p == null ? null : p.nd4jBackend(),
        p == null ? null : p.dl4jVersion(),
        p == null ? null : p.javaVersion(),
        p == null ? null : p.startedAt(),
        r.failureReason());
  }

  private static double[] perEpoch(
      List<EpochMetrics> epochs, ToDoubleFunction<EpochMetrics> value) {
    return epochs.stream().mapToDouble(value).toArray();
  }

  private static DataType doubles() {
    return DataTypes.createArrayType(DataTypes.DoubleType, false);
  }

  private static StructField field(String name, DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }
}
