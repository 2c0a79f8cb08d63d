package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.cli.ExitCodes;
import io.bnsweep.store.ResultStore;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.trial.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** A small sweep on {@code local[2]}: 2 placements x 2 activations x 2 seeds on tiny data. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalSweepTest {
  @TempDir static Path work;
  static Path spec;
  static Path out;

  @BeforeAll
  static void writeDataAndSpec() throws IOException {
    Path data = SyntheticImages.writeDataset(work.resolve("data"), 400, 100, true);
    out = work.resolve("out");
    spec =
        Files.writeString(
            work.resolve("small.yaml"),
            """
            name: small
            dataset: %s
            trainSize: 400
            testSize: 100
            epochs: 2
            batchSize: 20
            learningRate: 0.01
            seeds: 2
            axes:
              placement: [none, before]
              activation: [relu, tanh]
            network: {channels: [8, 16]}
            """
                .formatted(data));
  }

  @Test
  @Order(1)
  void planListsEveryTrialWithoutRunningAny() {
    Cli plan = Cli.run("plan", spec.toString());

    assertEquals(ExitCodes.OK, plan.exitCode(), plan.err());
    assertTrue(plan.out().contains("8 trials: 4 variants x 2 seeds, output "));
    assertFalse(Files.exists(out));
  }

  @Test
  @Order(2)
  void runWritesAllThreeFilesWithTheExpectedRows() throws IOException {
    Cli run = Cli.run("run", spec.toString(), "--master", "local[2]", "--out", out.toString());

    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    List<TrialResult> results = ResultStore.read(out);
    assertEquals(8, results.size());
    assertEquals(8, results.stream().map(TrialResult::trialId).distinct().count());
    assertTrue(results.stream().allMatch(TrialResult::isComplete));
    Set<String> variants =
        results.stream().map(r -> r.variant().label()).collect(Collectors.toSet());
    assertEquals(Set.of("none/relu", "none/tanh", "before/relu", "before/tanh"), variants);
    double meanAccuracy =
        results.stream().mapToDouble(TrialResult::testAccuracy).average().orElseThrow();
    assertTrue(meanAccuracy > 0.5, "mean accuracy " + meanAccuracy + ", chance is 0.1");
    for (TrialResult r : results) {
      assertEquals(2, r.epochs().size());
      assertTrue(r.provenance().executorId() != null);
      assertEquals(1, r.provenance().threads());
      assertTrue(r.provenance().kernels().startsWith("first-conv"), r.provenance().kernels());
      // this build, from the worker's build.properties: the version, and the commit if the build
      // saw a git checkout
      assertTrue(
          r.provenance()
              .bnsweepVersion()
              .matches("\\d+\\.\\d+\\.\\d+\\S*( [0-9a-f]{7,}(-dirty)?)?"),
          r.provenance().bnsweepVersion());
    }

    List<String> csv = Files.readAllLines(out.resolve(ResultStore.CSV));
    assertEquals(9, csv.size());
    String summary = Files.readString(out.resolve(ResultStore.SUMMARY));
    assertTrue(summary.contains("| placement | relu | tanh |"), summary);
    assertTrue(summary.lines().anyMatch(l -> l.startsWith("| none | ")), summary);
    assertTrue(summary.lines().anyMatch(l -> l.startsWith("| before | ")), summary);
    assertTrue(summary.contains("| variant | epoch 1 | epoch 2 |"), summary);
    assertTrue(run.out().contains("| placement | relu | tanh |"), "table printed at the end");
    assertTrue(run.err().contains("8/8 done, "), run.err());
  }

  @Test
  @Order(3)
  void rerunResumesAndRunsNothingAlreadyComplete() throws IOException {
    String before = Files.readString(out.resolve(ResultStore.RESULTS));

    Cli again = Cli.run("run", spec.toString(), "--master", "local[2]", "--out", out.toString());

    assertEquals(ExitCodes.OK, again.exitCode(), again.err());
    assertTrue(again.err().contains("8 trials (4 variants x 2 seeds), 0 to run"), again.err());
    assertEquals(before, Files.readString(out.resolve(ResultStore.RESULTS)));
  }

  @Test
  @Order(4)
  void reportRebuildsTheSameTablesFromTheLedger() throws IOException {
    String summary = Files.readString(out.resolve(ResultStore.SUMMARY));
    Files.delete(out.resolve(ResultStore.SUMMARY));

    Cli report = Cli.run("report", out.toString());

    assertEquals(ExitCodes.OK, report.exitCode(), report.err());
    String rebuilt = Files.readString(out.resolve(ResultStore.SUMMARY));
    assertEquals(body(summary), body(rebuilt));
  }

  @Test
  @Order(5)
  void badSpecExitsWithTwoAndWritesNothing() throws IOException {
    Path bad = Files.writeString(work.resolve("bad.yaml"), "epoch: 3\n");
    Path badOut = work.resolve("bad-out");

    Cli run = Cli.run("run", bad.toString(), "--out", badOut.toString());

    assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
    assertTrue(
        run.err()
            .startsWith(
                "bnsweep: "
                    + bad
                    + ": unknown key 'epoch' (did you mean 'epochs'? known keys: activation,"
                    + " augment, axes, batchSize, checkpointEvery, checkpoints, compare, cpusPerTrial,"
                    + " dataset, epochs, labels,"
                    + " learningRate,"
                    + " mode, name, network, normalize, optimizer, output, placement, "),
        run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertFalse(Files.exists(badOut));
  }

  @Test
  void versionNamesTheBuildAsProvenanceDoes() {
    Cli version = Cli.run("--version");

    assertEquals(ExitCodes.OK, version.exitCode());
    assertTrue(
        version.out().matches("bnsweep \\d+\\.\\d+\\.\\d+\\S*( [0-9a-f]{7,}(-dirty)?)?\\R"),
        version.out());
  }

  /** The summary without its title line, which names the sweep or the directory. */
  private static String body(String summary) {
    return summary.substring(summary.indexOf('\n'));
  }
}
