package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.axis.Axes;
import io.bnsweep.cli.ExitCodes;
import io.bnsweep.report.ReportModel;
import io.bnsweep.report.SweepRecord;
import io.bnsweep.report.stats.Comparison;
import io.bnsweep.store.ResultStore;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.trial.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sequential seeding end to end on tiny data, local[2]: a learning rate too small to learn (1e-7)
 * loses to 0.01 by tens of points on every seed, and is decided at the first look; 0.0101 against
 * 0.01 is close, so its variants get the second round of seeds. Then the same output directory is
 * cut back as a driver killed between rounds, or inside the second round, would have left it, and
 * rerun: the same sequence of looks continues from the ledger alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SequentialSeedsTest {
  @TempDir static Path work;
  static Path spec;
  static Path out;

  static Path spec() throws IOException {
    if (spec == null) {
      Path data = SyntheticImages.writeDataset(work.resolve("data"), 300, 100, true);
      out = work.resolve("out");
      spec =
          Files.writeString(
              work.resolve("seq.yaml"),
              """
              name: seq
              dataset: %s
              subset: first
              trainSize: 300
              testSize: 100
              batchSize: 20
              placement: before
              activation: relu
              seeds: {min: 3, max: 6, step: 3}
              axes:
                learningRate: [0.01, 0.0000001, 0.0101]
              network: {channels: [8]}
              compare: {axis: learningRate, baseline: 0.01}
              """
                  .formatted(data));
    }
    return spec;
  }

  static Map<Double, Long> seedsPerRate() {
    return ResultStore.read(out).stream()
        .collect(
            Collectors.groupingBy(r -> r.variant().get(Axes.LEARNING_RATE), Collectors.counting()));
  }

  @Test
  @Order(1)
  void aClearLoserIsDecidedAtTheFirstLookAndACloseCallGetsMoreSeeds() throws IOException {
    Cli run = Cli.run("run", spec().toString(), "--master", "local[2]", "--out", out.toString());

    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertTrue(run.err().contains("round 1: 9 trials"), run.err());
    assertEquals(Map.of(0.01, 6L, 1e-7, 3L, 0.0101, 6L), seedsPerRate(), "seeds per rate");
    ReportModel model =
        ReportModel.of("t", ResultStore.read(out), SweepRecord.read(out).orElseThrow().options());
    Map<String, Comparison> byCandidate =
        model.statistics().comparisons().stream()
            .collect(Collectors.toMap(Comparison::candidate, c -> c));
    Comparison loser = byCandidate.get("1.0E-7");
    assertTrue(loser.decision().decided(), loser.verdict(0.01));
    assertEquals(1, loser.outcome().look());
    assertTrue(loser.verdict(0.01).startsWith("0.01 beats 1.0E-7 by "), loser.verdict(0.01));
    Comparison close = byCandidate.get("0.0101");
    assertEquals(2, close.outcome().look(), close.verdict(0.01));
    String summary = Files.readString(out.resolve(ResultStore.SUMMARY));
    assertTrue(summary.startsWith("# bnsweep summary: seq"), summary);
    assertTrue(summary.contains("## The answer\n\n- 0.01 beats 1.0E-7 by "), summary);
    assertTrue(summary.contains("first 3 seeds of every variant only"), "main effects on min");
  }

  @Test
  @Order(2)
  void aDriverKilledBetweenRoundsContinuesTheSameLooks() throws IOException {
    List<String> full = Files.readAllLines(out.resolve(ResultStore.RESULTS));
    keepSeedsUpTo(3, 0); // as after round 1

    Cli again = Cli.run("run", spec().toString(), "--master", "local[2]", "--out", out.toString());

    assertEquals(ExitCodes.OK, again.exitCode(), again.err());
    assertTrue(again.err().contains("round 1: 6 trials"), "round 2 of the design: " + again.err());
    assertEquals(Map.of(0.01, 6L, 1e-7, 3L, 0.0101, 6L), seedsPerRate());
    assertEquals(full.size(), Files.readAllLines(out.resolve(ResultStore.RESULTS)).size());
  }

  @Test
  @Order(3)
  void aDriverKilledInsideARoundRunsOnlyWhatItMissed() throws IOException {
    keepSeedsUpTo(3, 2); // round 1 and two trials of round 2

    Cli again = Cli.run("run", spec().toString(), "--master", "local[2]", "--out", out.toString());

    assertEquals(ExitCodes.OK, again.exitCode(), again.err());
    assertTrue(again.err().contains("round 1: 4 trials"), again.err());
    assertEquals(Map.of(0.01, 6L, 1e-7, 3L, 0.0101, 6L), seedsPerRate());
  }

  /** Keeps every result of seeds up to {@code seeds}, and {@code more} of the later ones. */
  private static void keepSeedsUpTo(int seeds, int more) throws IOException {
    Path ledger = out.resolve(ResultStore.RESULTS);
    List<String> lines = Files.readAllLines(ledger);
    List<TrialResult> results = ResultStore.read(out);
    List<String> kept = new java.util.ArrayList<>();
    int later = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (results.get(i).seed() <= seeds) {
        kept.add(lines.get(i));
      } else if (later < more) {
        kept.add(lines.get(i));
        later++;
      }
    }
    Files.write(ledger, kept);
  }
}
