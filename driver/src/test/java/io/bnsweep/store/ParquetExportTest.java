package io.bnsweep.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.testing.Results;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes results.parquet with parquet-hadoop, then reads it back with Spark. */
class ParquetExportTest {
  @TempDir Path dir;

  private static final TrialResult BEFORE_RELU =
      Results.withDiagnostics(
          Results.complete("a", Placement.BEFORE, ActivationKind.RELU, 1, 0.70, 0.80));
  private static final TrialResult NONE_TANH =
      Results.complete("b", Placement.NONE, ActivationKind.TANH, 2, 0.75);
  private static final TrialResult FAILED =
      Results.failed("c", Placement.AFTER, ActivationKind.SIGMOID, 1, "loss became NaN");

  @Test
  void writesOneRowPerTrialThatSparkReadsBackAndReplacesItOnTheNextWrite() throws IOException {
    Path target = dir.resolve(ResultStore.PARQUET);
    ParquetExport.write(target, List.of(NONE_TANH));
    ParquetExport.write(target, List.of(BEFORE_RELU, NONE_TANH, FAILED));

    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(target), files.toList(), "temporary directories are gone");
    }
    SparkSession spark =
        SparkSession.builder()
            .master("local[1]")
            .appName("ParquetExportTest")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.debug.maxToStringFields", "100")
            .getOrCreate();
    try {
      Dataset<Row> df = spark.read().parquet(dir + "/" + ResultStore.PARQUET);
      assertEquals(3, df.count());
      List<Row> rows = df.orderBy("trialId").collectAsList();

      Row a = rows.get(0);
      assertEquals("a", a.getAs("trialId"));
      assertEquals("before", a.getAs("placement"));
      assertEquals("relu", a.getAs("activation"));
      assertEquals(1L, (long) a.getAs("seed"));
      assertEquals("COMPLETE", a.getAs("state"));
      assertEquals(0.80, a.<Double>getAs("testAccuracy"), 1e-12);
      assertEquals(2, (int) a.getAs("epochsRun"));
      assertEquals(List.of(0.70, 0.80), a.getList(a.fieldIndex("testAccuracyByEpoch")));
      assertTrue(a.<Boolean>getAs("folded"));
      assertEquals("CPU/OPENBLAS", a.getAs("nd4jBackend"));
      assertEquals("0.1.0 abc1234", a.getAs("bnsweepVersion"));

      Row b = rows.get(1);
      assertTrue(b.isNullAt(b.fieldIndex("folded")), "no inference measured");

      Row c = rows.get(2);
      assertEquals("FAILED", c.getAs("state"));
      assertNull(c.getAs("testAccuracy"));
      assertEquals("loss became NaN", c.getAs("failureReason"));
      assertTrue(c.getList(c.fieldIndex("testAccuracyByEpoch")).isEmpty());

      // the export needs no SparkContext: with this test's active, it writes and leaves it alone
      ParquetExport.write(target, List.of(FAILED));
      assertEquals(1, spark.read().parquet(target.toString()).count(), "replaced");
      assertFalse(spark.sparkContext().isStopped(), "the active context is not stopped");
    } finally {
      spark.stop();
    }
  }
}
