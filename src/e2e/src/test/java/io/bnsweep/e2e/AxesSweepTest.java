package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.axis.Axes;
import io.bnsweep.cli.ExitCodes;
import io.bnsweep.report.CellStats;
import io.bnsweep.report.ReportModel;
import io.bnsweep.store.ResultStore;
import io.bnsweep.testing.ProbeAxes;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.Placement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps of settings other than placement and activation, through the real entry point on {@code
 * local[2]} and tiny synthetic data: three axes with a learning rate that cannot train, and an axis
 * declared only in test code ({@link ProbeAxes}).
 */
class AxesSweepTest {
  @TempDir static Path work;
  static Path data;

  @BeforeAll
  static void writeData() throws IOException {
    data = SyntheticImages.writeDataset(work.resolve("data"), 400, 100, true);
  }

  private static Path spec(String name, String body) throws IOException {
    return Files.writeString(
        work.resolve(name + ".yaml"),
        """
        name: %s
        dataset: %s
        subset: first
        trainSize: 400
        testSize: 100
        epochs: 1
        batchSize: 20
        seeds: 2
        network: {channels: [8]}
        """
                .formatted(name, data)
            + body);
  }

  @Test
  void threeAxesGiveRowsColumnsAFacetPerLearningRateAndRankTheDivergingRateLast()
      throws IOException {
    Path spec =
        spec(
            "three",
            """
            axes:
              placement: [none, before]
              activation: [relu, tanh]
              learningRate: [0.01, 50.0]
            """);
    Path out = work.resolve("three-out");

    Cli run = Cli.run("run", spec.toString(), "--master", "local[2]", "--out", out.toString());

    assertTrue(
        run.exitCode() == ExitCodes.OK || run.exitCode() == ExitCodes.TRIALS_FAILED, run.err());
    List<TrialResult> results = ResultStore.read(out);
    assertEquals(16, results.size(), "2 x 2 x 2 variants x 2 seeds");
    String summary = Files.readString(out.resolve(ResultStore.SUMMARY));
    // rows: the compared axis; columns: the next swept axis; a facet per learning rate
    assertTrue(summary.contains("### lr=0.01\n\n| placement | relu | tanh |"), summary);
    assertTrue(summary.contains("### lr=50.0\n\n| placement | relu | tanh |"), summary);
    assertTrue(summary.contains("| relu/lr=0.01 | none vs before | 2 |"), summary);
    assertTrue(summary.contains("Test accuracy = placement + activation + learningRate"), summary);
    assertTrue(summary.contains("| placement × activation × learningRate |"), summary);
    assertTrue(summary.contains("| before/relu/lr=50.0 |"), summary);
    String header = Files.readAllLines(out.resolve(ResultStore.CSV)).get(0);
    assertTrue(
        header.startsWith(
            "trialId,placement,activation,dataset,trainSize,testSize,epochs,batchSize,"
                + "learningRate,optimizer,weightDecay,network_family,network_channels,network_kernel,"),
        header);

    // the known loser: every lr=50 variant ranks below every lr=0.01 one, or FAILED with a reason
    Map<Double, List<TrialResult>> byRate =
        results.stream().collect(Collectors.groupingBy(r -> r.variant().get(Axes.LEARNING_RATE)));
    double worstGood =
        byRate.get(0.01).stream().mapToDouble(TrialResult::testAccuracy).min().orElseThrow();
    for (TrialResult r : byRate.get(50.0)) {
      if (r.isComplete()) {
        assertTrue(r.testAccuracy() < worstGood, r.variant().label() + " " + r.testAccuracy());
      } else {
        assertFalse(r.failureReason().isBlank(), "a FAILED trial says why");
      }
    }
    // and the statistics rank it last: every lr=50 cell's mean below every lr=0.01 cell's
    ReportModel model = ReportModel.of(results);
    double worstGoodMean = Double.MAX_VALUE;
    double bestBadMean = -1;
    for (ReportModel.VariantSummary v : model.variants().values()) {
      double mean = v.accuracy().map(CellStats::mean).orElse(-1.0);
      if (v.variant().get(Axes.LEARNING_RATE) == 0.01) {
        worstGoodMean = Math.min(worstGoodMean, mean);
      } else {
        bestBadMean = Math.max(bestBadMean, mean);
      }
    }
    assertTrue(bestBadMean < worstGoodMean, bestBadMean + " vs " + worstGoodMean);
  }

  @Test
  void anAxisDeclaredInTestCodeReachesTheIdTheCsvTheParquetTableAndTheReport() throws IOException {
    Path spec =
        spec(
            "probe",
            """
            activation: relu
            axes:
              placement: [none, before]
              probe.biasInit: [0.0, 0.5]
            """);
    Path out = work.resolve("probe-out");
    Path plain = spec("plain", "activation: relu\naxes: {placement: [none, before]}\n");

    Cli run = Cli.run("run", spec.toString(), "--master", "local[2]", "--out", out.toString());
    Cli planPlain = Cli.run("plan", plain.toString());

    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    List<TrialResult> results = ResultStore.read(out);
    assertEquals(8, results.size());
    // at its default the axis is not in the id: the trials at 0.0 have the ids of the same
    // spec without the axis
    for (TrialResult r : results) {
      boolean atDefault = r.variant().get(ProbeAxes.BIAS_INIT) == 0.0;
      assertEquals(atDefault, planPlain.out().contains(r.trialId()), r.variant().label());
    }
    TrialResult none0 = find(results, Placement.NONE, 0.0, 1);
    TrialResult none5 = find(results, Placement.NONE, 0.5, 1);
    assertNotEquals(none0.trialId(), none5.trialId());
    assertNotEquals(none0.testLoss(), none5.testLoss(), "the axis changes the network");

    List<String> csv = Files.readAllLines(out.resolve(ResultStore.CSV));
    int column = List.of(csv.get(0).split(",")).indexOf("probe_biasInit");
    assertTrue(column > 0, csv.get(0));
    String summary = Files.readString(out.resolve(ResultStore.SUMMARY));
    assertTrue(summary.contains("| placement | 0.0 | 0.5 |"), summary);
    assertTrue(summary.contains("| bias=0.5 | none vs before | 2 |"), summary);
    assertTrue(summary.contains("| none/bias=0.5 | 2 | 0 |"), summary);

    SparkSession spark =
        SparkSession.builder()
            .master("local[1]")
            .appName("AxesSweepTest")
            .config("spark.ui.enabled", "false")
            .getOrCreate();
    try {
      List<Row> rows =
          spark.read().parquet(out.resolve(ResultStore.PARQUET).toString()).collectAsList();
      assertEquals(8, rows.size());
      assertEquals(
          List.of(0.0, 0.5),
          rows.stream().map(r -> r.<Double>getAs("probe_biasInit")).distinct().sorted().toList());
    } finally {
      spark.stop();
    }
  }

  private static TrialResult find(List<TrialResult> results, Placement p, double bias, long seed) {
    return results.stream()
        .filter(
            r ->
                r.variant().placement() == p
                    && r.variant().get(ProbeAxes.BIAS_INIT) == bias
                    && r.seed() == seed)
        .findFirst()
        .orElseThrow();
  }
}
