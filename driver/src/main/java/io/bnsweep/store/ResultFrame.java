package io.bnsweep.store;

import io.bnsweep.trial.TrialResult;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Results as a Spark SQL DataFrame, one row per trial, in all the columns of {@link ResultColumns}:
 * per-epoch values as arrays of doubles. Columns a FAILED trial or an older result does not have
 * are null.
 *
 * <p>The only class of the store that touches Spark, so that {@link ParquetExport} can say clearly
 * when Spark is missing instead of failing to load.
 */
final class ResultFrame {
  /** The schema of {@code results.parquet}. */
  static final StructType SCHEMA =
      new StructType(
          ResultColumns.ALL.stream()
              .map(c -> DataTypes.createStructField(c.name(), sparkType(c.kind()), c.nullable()))
              .toArray(StructField[]::new));

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
    return RowFactory.create(ResultColumns.values(r));
  }

  private static DataType sparkType(ResultColumns.Kind kind) {
    return switch (kind) {
      case STRING -> DataTypes.StringType;
      case LONG -> DataTypes.LongType;
      case INT -> DataTypes.IntegerType;
      case DOUBLE -> DataTypes.DoubleType;
      case BOOLEAN -> DataTypes.BooleanType;
      case DOUBLES -> DataTypes.createArrayType(DataTypes.DoubleType, false);
    };
  }
}
