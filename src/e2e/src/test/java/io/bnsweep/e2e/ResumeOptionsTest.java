package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The options that decide what a rerun on an existing output does: {@code --retry-failed}, and
 * {@code --force} and {@code --restart} when the spec no longer plans the ledger's trials. One
 * output directory, one- and two-trial sweeps on tiny data, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResumeOptionsTest {
  @TempDir static Path work;
  static Path data;
  static Path out;

  @BeforeAll
  static void writeData() throws IOException {
    data = SyntheticImages.writeDataset(work.resolve("data"), 120, 40, false);
    out = work.resolve("out");
  }

  /** A none/relu sweep of {@code seeds} trials; {@code extra} is appended to the spec. */
  private static Path spec(String name, int seeds, String extra) throws IOException {
    return Files.writeString(
        work.resolve(name + ".yaml"),
        """
        name: %s
        dataset: %s
        epochs: 1
        batchSize: 20
        seeds: %d
        axes:
          placement: [none]
          activation: [relu]
        network: {channels: [4, 8]}
        %s
        """
            .formatted(name, data, seeds, extra));
  }

  private static Cli run(Path spec, String... options) {
    List<String> args =
        Stream.concat(
                Stream.of("run", spec.toString(), "--master", "local[1]", "--out", out.toString()),
                Stream.of(options))
            .toList();
    return Cli.run(args.toArray(String[]::new));
  }

  private static List<TrialResult> latest() {
    return ResultStore.latestPerTrial(ResultStore.read(out));
  }

  @Test
  @Order(1)
  void failedTrialsAreKeptOnARerunAndRerunWithRetryFailed() throws IOException {
    Cli timedOut = run(spec("limited", 2, "trialTimeLimit: 0.001"));
    assertEquals(ExitCodes.TRIALS_FAILED, timedOut.exitCode(), timedOut.err());
    assertEquals(2, latest().size());
    assertTrue(latest().stream().noneMatch(TrialResult::isComplete));
    assertTrue(
        latest().stream()
            .allMatch(r -> r.failureReason().equals("time limit of 0.001 s exceeded in epoch 1")),
        latest().toString());
    String ledger = Files.readString(out.resolve(ResultStore.RESULTS));

    // the time limit is not part of a trial's id: the same two trials, their failures kept
    Path unlimited = spec("unlimited", 2, "");
    Cli kept = run(unlimited);
    assertEquals(ExitCodes.TRIALS_FAILED, kept.exitCode(), kept.err());
    assertTrue(
        kept.err().contains("0 to run, 0 complete, 2 failed kept (--retry-failed reruns them)"),
        kept.err());
    assertEquals(ledger, Files.readString(out.resolve(ResultStore.RESULTS)));

    Cli retried = run(unlimited, "--retry-failed");
    assertEquals(ExitCodes.OK, retried.exitCode(), retried.err());
    assertTrue(retried.err().contains("2 to run, 0 complete, 0 failed kept"), retried.err());
    assertEquals(2, latest().size());
    assertTrue(latest().stream().allMatch(TrialResult::isComplete));
    assertEquals(4, ResultStore.read(out).size(), "the failures stay in the ledger's history");
  }

  @Test
  @Order(2)
  void aSpecThatPlansOtherTrialsIsRefusedWithoutForceOrRestart() throws IOException {
    String ledger = Files.readString(out.resolve(ResultStore.RESULTS));

    Cli refused = run(spec("changed", 2, "learningRate: 0.02"));

    assertEquals(ExitCodes.BAD_INPUT, refused.exitCode());
    assertTrue(
        refused.err().contains("holds results of 2 trials this spec does not plan"), refused.err());
    assertTrue(refused.err().contains("use --restart"), refused.err());
    assertEquals(ledger, Files.readString(out.resolve(ResultStore.RESULTS)));
  }

  @Test
  @Order(3)
  void forceRunsTheNewTrialsBesideTheOldAndReportsOnlyThePlannedOnes() throws IOException {
    Set<String> before = ids(latest());

    Cli forced = run(spec("changed", 2, "learningRate: 0.02"), "--force");

    assertEquals(ExitCodes.OK, forced.exitCode(), forced.err());
    List<TrialResult> all = latest();
    assertEquals(4, all.size());
    assertTrue(ids(all).containsAll(before), "the old results are kept");
    List<String> csv = Files.readAllLines(out.resolve(ResultStore.CSV));
    assertEquals(3, csv.size(), "a header and the two planned trials: " + csv);
    assertTrue(
        before.stream().noneMatch(id -> String.join("\n", csv).contains(id)), csv.toString());
  }

  @Test
  @Order(4)
  void restartMovesEveryFileAsideAndStartsOver() throws IOException {
    String ledger = Files.readString(out.resolve(ResultStore.RESULTS));

    Cli restarted = run(spec("again", 1, "learningRate: 0.03"), "--restart");

    assertEquals(ExitCodes.OK, restarted.exitCode(), restarted.err());
    assertTrue(restarted.err().contains("--restart: moved the previous results to "));
    assertEquals(1, ResultStore.read(out).size());
    Path aside;
    try (Stream<Path> dirs = Files.list(out)) {
      aside =
          dirs.filter(Files::isDirectory)
              .filter(d -> d.getFileName().toString().startsWith("previous-"))
              .findFirst()
              .orElseThrow();
    }
    assertEquals(ledger, Files.readString(aside.resolve(ResultStore.RESULTS)));
    for (String name :
        List.of(ResultStore.CSV, ResultStore.SUMMARY, ResultStore.HTML, ResultStore.PARQUET)) {
      assertTrue(Files.exists(aside.resolve(name)), name + " moved aside");
      assertTrue(Files.exists(out.resolve(name)), name + " written again");
    }
  }

  private static Set<String> ids(List<TrialResult> results) {
    return results.stream().map(TrialResult::trialId).collect(Collectors.toSet());
  }
}
