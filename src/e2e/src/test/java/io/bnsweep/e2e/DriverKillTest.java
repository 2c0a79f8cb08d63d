package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.cli.ExitCodes;
import io.bnsweep.store.ResultStore;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.trial.TrialResult;
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
 * the missing trials run, and the final results hold every trial exactly once.
 */
class DriverKillTest {
  @TempDir Path work;

  @Test
  void rerunAfterKillNineRunsOnlyTheMissingTrials() throws Exception {
    Path data = SyntheticImages.writeDataset(work.resolve("data"), 600, 100, true);
    Path spec =
        Files.writeString(
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
    Path out = work.resolve("out");
    Path ledger = out.resolve(ResultStore.RESULTS);

    Process driver =
        Project.start(
            Map.of(),
            work.resolve("first.log"),
            "bnsweep",
            "run",
            spec.toString(),
            "--master",
            "local[2]",
            "--out",
            out.toString());
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
}
