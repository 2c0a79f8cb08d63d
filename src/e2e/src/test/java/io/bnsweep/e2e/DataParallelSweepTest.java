package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.cli.ExitCodes;
import io.bnsweep.store.ResultStore;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.trial.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mode: data-parallel}: each trial trained across {@code local[2]} with dl4j-spark. */
class DataParallelSweepTest {
  @TempDir Path work;

  @Test
  void trainsEachTrialAcrossTheClusterAndWritesTheSameFiles() throws Exception {
    Path data = SyntheticImages.writeDataset(work.resolve("data"), 400, 100, true);
    Path spec =
        Files.writeString(
            work.resolve("dp.yaml"),
            """
            name: dp
            dataset: %s
            epochs: 2
            batchSize: 20
            learningRate: 0.01
            seeds: 2
            mode: data-parallel
            axes: {placement: [none, before], activation: [relu]}
            network: {channels: [8, 16]}
            """
                .formatted(data));
    Path out = work.resolve("out");

    Cli run = Cli.run("run", spec.toString(), "--master", "local[2]", "--out", out.toString());

    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    List<TrialResult> results = ResultStore.read(out);
    assertEquals(4, results.size());
    double mean = results.stream().mapToDouble(TrialResult::testAccuracy).average().orElseThrow();
    assertTrue(mean > 0.5, "mean accuracy " + mean + ", chance is 0.1");
    results.forEach(r -> assertEquals(2, r.epochs().size()));
    assertEquals(5, Files.readAllLines(out.resolve(ResultStore.CSV)).size());
    assertTrue(
        Files.readString(out.resolve(ResultStore.SUMMARY))
            .contains("| placement | test accuracy |"));
  }

  @Test
  void trainsAResNetGraphAcrossTheCluster() throws Exception {
    Path data = SyntheticImages.writeDataset(work.resolve("graph-data"), 400, 100, true);
    Path spec =
        Files.writeString(
            work.resolve("dp-graph.yaml"),
            """
            name: dp-graph
            dataset: %s
            epochs: 6
            batchSize: 20
            learningRate: 0.01
            seeds: 1
            mode: data-parallel
            activation: relu
            placement: original
            network: {family: resnet, depth: 8}
            """
                .formatted(data));
    Path out = work.resolve("graph-out");

    Cli run = Cli.run("run", spec.toString(), "--master", "local[2]", "--out", out.toString());

    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    List<TrialResult> results = ResultStore.read(out);
    assertEquals(1, results.size());
    TrialResult r = results.get(0);
    assertTrue(r.testAccuracy() > 0.3, "accuracy " + r.testAccuracy() + ", epochs " + r.epochs());
  }
}
