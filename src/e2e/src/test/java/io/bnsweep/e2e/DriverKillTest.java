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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 the driver (the launcher's JVM) in the middle of a sweep, rerun the same command: only
 * the missing trials run, and the final results hold every trial exactly once. Stop it with SIGTERM
 * instead: it says what it kept and exits with 143.
 */
class DriverKillTest {
  @TempDir Path work;

  @Test
  void rerunAfterKillNineRunsOnlyTheMissingTrials() throws Exception {
    Path spec = twelveTrials();
    Path out = work.resolve("out");
    Path ledger = out.resolve(ResultStore.RESULTS);

    Process driver = startSweep(spec, out, work.resolve("first.log"));
    Project.await(Duration.ofMinutes(3), "3 results", () -> Project.lines(ledger) >= 3);
    driver.destroyForcibly(); // SIGKILL
    assertTrue(driver.waitFor(30, TimeUnit.SECONDS));
    long before = ResultStore.read(out).size();
    assertTrue(before >= 3 && before < 12, "killed mid-sweep with " + before + " results");

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
