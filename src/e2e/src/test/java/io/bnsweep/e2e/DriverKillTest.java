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
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 the driver (the launcher's JVM) in the middle of a sweep, right after its third progress
 * line: every trial it reported as finished is in the ledger ("0 lost"). Rerun the same command:
 * only the missing trials run, and the final results hold every trial exactly once. Stop it with
 * SIGTERM instead: it says what it kept and exits with 143.
 */
class DriverKillTest {
  @TempDir Path work;

  @Test
  void rerunAfterKillNineRunsOnlyTheMissingTrials() throws Exception {
    Path spec = twelveTrials();
    Path out = work.resolve("out");
    Path log = work.resolve("first.log");

    Process driver = startSweep(spec, out, log);
    // killed on what it printed, not on what it wrote: the ledger must hold every trial that
    // the progress output said had finished, up to the last line before the kill
    Project.await(Duration.ofMinutes(3), "3 progress lines", () -> reported(log).size() >= 3);
    driver.destroyForcibly(); // SIGKILL
    assertTrue(driver.waitFor(30, TimeUnit.SECONDS));
    Set<String> reported = reported(log);
    List<TrialResult> kept = ResultStore.read(out);
    Set<String> inLedger =
        kept.stream()
            .map(r -> r.variant().label(List.of("placement")) + " seed " + r.seed())
            .collect(Collectors.toSet());
    assertTrue(reported.size() >= 3 && reported.size() < 12, "killed mid-sweep: " + reported);
    assertTrue(
        inLedger.containsAll(reported),
        "reported finished but not in the ledger: "
            + reported.stream().filter(t -> !inLedger.contains(t)).toList());
    long before = kept.size();

    Cli rerun = Cli.run("run", spec.toString(), "--master", "local[2]", "--out", out.toString());

    assertEquals(ExitCodes.OK, rerun.exitCode(), rerun.err());
    assertTrue(
        rerun.err().contains("12 trials (4 variants x 3 seeds), " + (12 - before) + " to run"),
        rerun.err());
    List<TrialResult> results = ResultStore.read(out);
    assertEquals(12, results.size(), "every trial exactly once in the ledger");
    Set<String> ids = results.stream().map(TrialResult::trialId).collect(Collectors.toSet());
    assertEquals(12, ids.size(), "no trial twice");
  }

  /**
   * The trials a run's progress lines in {@code log} reported as finished, as {@code PLACEMENT seed
   * N}, e.g. {@code [bnsweep] 3/12 done, ... | before seed 2 accuracy 71.00%, ...}.
   */
  private static Set<String> reported(Path log) {
    String text;
    try {
      text = Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return Set.of();
    }
    Set<String> trials = new HashSet<>();
    Matcher m = FINISHED.matcher(text);
    while (m.find()) {
      trials.add(m.group(1));
    }
    return trials;
  }

  private static final Pattern FINISHED =
      Pattern.compile(
          "^\\[bnsweep\\] \\d+/12 done.* \\| (\\w+ seed \\d+) accuracy ", Pattern.MULTILINE);

  @Test
  void sigtermStopsTheSweepSayingWhatItKept() throws Exception {
    Path spec = twelveTrials();
    Path out = work.resolve("stopped");
    Path log = work.resolve("stopped.log");

    Process driver = startSweep(spec, out, log);
    Path ledger = out.resolve(ResultStore.RESULTS);
    Project.await(Duration.ofMinutes(3), "2 results", () -> Project.lines(ledger) >= 2);
    driver.destroy(); // SIGTERM

    assertTrue(driver.waitFor(60, TimeUnit.SECONDS), "stopped within a minute");
    assertEquals(128 + 15, driver.exitValue());
    long kept = ResultStore.latestPerTrial(ResultStore.read(out)).size();
    String printed = Files.readString(log);
    assertTrue(
        printed.contains(
            "bnsweep: stopped (the JVM is shutting down: Ctrl-C, SIGTERM or a fatal error) with "
                + kept
                + " of 12 trials finished, kept in "
                + ledger
                + "; run the same command again to resume"),
        printed);
    assertFalse(printed.contains("internal error"), printed);
  }

  /** Starts {@code ./bnsweep run SPEC} on local[2] into {@code out}, its output to {@code log}. */
  private static Process startSweep(Path spec, Path out, Path log) throws IOException {
    return Project.start(
        Map.of(),
        log,
        "bnsweep",
        "run",
        spec.toString(),
        "--master",
        "local[2]",
        "--out",
        out.toString());
  }

  /** A 12-trial sweep (4 placements x relu x 3 seeds) on tiny synthetic data. */
  private Path twelveTrials() throws IOException {
    Path data = SyntheticImages.writeDataset(work.resolve("data"), 600, 100, true);
    return Files.writeString(
        work.resolve("kill.yaml"),
        """
        name: kill
        dataset: %s
        epochs: 2
        batchSize: 20
        seeds: 3
        axes: {placement: [none, before, after, extra], activation: [relu]}
        network: {channels: [8, 16]}
        """
            .formatted(data));
  }
}
