package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.axis.Axes;
import io.bnsweep.cli.ExitCodes;
import io.bnsweep.store.ResultStore;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.trial.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tune, then compare, with the driver killed (SIGKILL to the launcher's JVM, not a cut ledger) in
 * the search (stage A) and in the confirmation (stage B), then rerun with the same command (issue
 * 23, part 4). On one slot ({@code local[1]}) results arrive in the order segments start, so the
 * schedule is a function of the spec alone, and a killed run finished by a rerun must match an
 * uninterrupted run exactly: the same configurations searched to the same rungs, the same choice
 * per variant, the same confirmation trials with the same test accuracies. And the rerun trains
 * nothing that had finished: no segment (a trial's id and the epoch it reached) is in the ledger
 * twice, and the killed run's lines are kept as they were.
 */
class TunedKillTest {
  private static final String SPEC =
      """
      name: tuned-kill
      dataset: %s
      trainSize: 600
      validationSize: 200
      testSize: 200
      batchSize: 20
      optimizer: sgd
      learningRate: 0.01
      seeds: 3
      activation: relu
      network: {channels: [8]}
      axes:
        placement: [none, before]
      compare: {axis: placement, baseline: before}
      tune:
        axes: {learningRate: {loguniform: [0.001, 0.3]}}
        configurations: 6
        minEpochs: 1
        maxEpochs: 3
        eta: 3
        seed: 11
        alsoFixed: false
      checkpointEvery: 0
      """;

  /** Stage A's segments: per variant, 6 first rungs and at least 2 promotions. */
  private static final int SEARCH_SEGMENTS_AT_LEAST = 2 * (6 + 2);

  @TempDir Path work;
  private Path spec;

  @BeforeEach
  void writeSpec() throws IOException {
    Path data = SyntheticImages.writeDataset(work.resolve("data"), 1200, 400, true);
    spec = Files.writeString(work.resolve("tuned.yaml"), SPEC.formatted(data));
  }

  @Test
  void aDriverKilledInEitherStageFinishesAsAnUninterruptedRunWithoutTrainingAnythingTwice()
      throws Exception {
    Path straight = work.resolve("uninterrupted");
    Project.Output uninterrupted = run(straight);
    assertEquals(ExitCodes.OK, uninterrupted.exitCode(), uninterrupted.err());
    List<TrialResult> expected = ResultStore.read(straight);
    assertTrue(
        count(expected, "search") >= SEARCH_SEGMENTS_AT_LEAST && count(expected, "tuned") == 6,
        "stage A segments, then 2 variants x 3 confirmation seeds: " + stages(expected));

    // killed in stage A: a few search results in, none of stage B
    Path killedInSearch = work.resolve("killed-in-search");
    List<TrialResult> beforeKill = killWhen(killedInSearch, ledger -> count(ledger, "search") >= 5);
    assertEquals(0, count(beforeKill, "tuned"), "killed before stage B: " + stages(beforeKill));
    assertTrue(count(beforeKill, "search") < count(expected, "search"), "" + stages(beforeKill));
    finishAndCompare(killedInSearch, beforeKill, expected);

    // killed in stage B: the search done, some confirmations in
    Path killedInConfirm = work.resolve("killed-in-confirmation");
    List<TrialResult> beforeKillB =
        killWhen(killedInConfirm, ledger -> count(ledger, "tuned") >= 1);
    assertTrue(
        count(beforeKillB, "tuned") < 6, "killed before stage B ended: " + stages(beforeKillB));
    finishAndCompare(killedInConfirm, beforeKillB, expected);
  }

  /** Reruns on {@code out}, then checks it against the uninterrupted run's ledger. */
  private void finishAndCompare(Path out, List<TrialResult> beforeKill, List<TrialResult> expected)
      throws IOException, InterruptedException {
    Project.Output rerun = run(out);
    assertEquals(ExitCodes.OK, rerun.exitCode(), rerun.err());
    List<TrialResult> ledger = ResultStore.read(out);

    assertEquals(beforeKill, ledger.subList(0, beforeKill.size()), "the killed run's lines kept");
    Set<String> segments = new HashSet<>();
    for (TrialResult r : ledger) {
      assertTrue(
          segments.add(r.trialId() + " to epoch " + r.epochs().size()),
          "trained twice: " + r.variant().label() + " to epoch " + r.epochs().size());
    }
    assertEquals(outcome(expected), outcome(ledger), "the same schedule, choices and results");
    assertEquals(
        Files.readString(work.resolve("uninterrupted").resolve("best.json")),
        Files.readString(out.resolve("best.json")),
        "the same choices");
  }

  /**
   * Every trial's last state, keyed by id: the epoch it reached and, for a confirmation, its test
   * accuracy (exact: same build, instruction set and threads).
   */
  private static Map<String, String> outcome(List<TrialResult> ledger) {
    Map<String, String> outcome = new TreeMap<>();
    for (TrialResult r : ResultStore.latestPerTrial(ledger)) {
      outcome.put(
          r.trialId(),
          r.variant().label()
              + ": "
              + r.state()
              + " at epoch "
              + r.epochs().size()
              + ", test "
              + r.testAccuracy());
    }
    return outcome;
  }

  /** Starts a run on {@code out} and SIGKILLs it once its ledger satisfies {@code when}. */
  private List<TrialResult> killWhen(Path out, Predicate<List<TrialResult>> when) throws Exception {
    Path log = work.resolve(out.getFileName() + ".log");
    Process launcher =
        Project.start(
            Map.of(),
            log,
            "bnsweep",
            "run",
            spec.toString(),
            "--master",
            "local[1]",
            "--out",
            out.toString());
    Project.await(
        Duration.ofMinutes(5),
        "the ledger to reach the kill point (or the launcher's end)",
        () -> !launcher.isAlive() || when.test(readQuietly(out)));
    assertTrue(launcher.isAlive(), "ended before the kill point: " + Files.readString(log));
    Project.kill9(launcher);
    return ResultStore.read(out);
  }

  private Project.Output run(Path out) throws IOException, InterruptedException {
    return Project.run(
        Map.of(),
        Duration.ofMinutes(5),
        "bnsweep",
        "run",
        spec.toString(),
        "--master",
        "local[1]",
        "--out",
        out.toString());
  }

  /** The ledger so far, or empty while there is none (a torn last line is skipped by the read). */
  private static List<TrialResult> readQuietly(Path out) {
    if (!Files.exists(out.resolve(ResultStore.RESULTS))) {
      return List.of();
    }
    try {
      return ResultStore.read(out);
    } catch (RuntimeException e) {
      return List.of(); // mid-write: look again
    }
  }

  private static long count(List<TrialResult> ledger, String stage) {
    return ledger.stream().filter(r -> stage.equals(stage(r))).count();
  }

  private static Map<String, Long> stages(List<TrialResult> ledger) {
    Map<String, Long> counts = new TreeMap<>();
    ledger.forEach(r -> counts.merge(stage(r), 1L, Long::sum));
    return counts;
  }

  private static String stage(TrialResult r) {
    return String.valueOf(r.variant().settings().get(Axes.STAGE.name()));
  }
}
