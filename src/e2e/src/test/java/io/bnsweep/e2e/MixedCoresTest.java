package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.axis.Axes;
import io.bnsweep.cli.ExitCodes;
import io.bnsweep.store.ResultStore;
import io.bnsweep.trial.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trials that take different cores, on a real standalone cluster (one Worker of two cores, started
 * by {@code ./cluster}) and embedded through the launcher: each family's trials run as their own
 * Spark job (with a task resource profile on the cluster, a semaphore of cores embedded), and each
 * trial's native threads equal its cores. A trial that needs more cores than any executor has is
 * refused once the executor has registered, before any trial runs. That a 2-core trial really had
 * both cores is measured from when the trials ran: none overlapped it.
 */
class MixedCoresTest {
  @TempDir static Path work;
  static Map<String, String> env;

  @BeforeAll
  static void startCluster() throws Exception {
    env = Map.of("BNSWEEP_CLUSTER_DIR", work.resolve("cluster").toString());
    Project.Output start =
        Project.run(
            env, Duration.ofMinutes(3), "cluster", "start", "--workers", "1", "--cores", "2");
    assertEquals(0, start.exitCode(), start.err());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    Project.run(env, Duration.ofMinutes(1), "cluster", "stop");
  }

  private static Path spec(String name, String cpus) throws Exception {
    return Files.writeString(
        work.resolve(name + ".yaml"),
        """
        name: %s
        dataset: fashion-mnist
        trainSize: 300
        testSize: 200
        epochs: 1
        batchSize: 32
        activation: relu
        placement: before
        seeds: 2
        network: {hidden: [32]}
        cpusPerTrial: %s
        axes:
          network.family: [cnn, mlp]
        """
            .formatted(name, cpus));
  }

  @Test
  void eachFamilyRunsWithItsOwnCoresAndThreads() throws Exception {
    Path out = work.resolve("mixed-out");
    Project.Output run =
        Project.submitRun(env, Duration.ofMinutes(10), spec("mixed", "{mlp: 2}"), out);

    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    List<TrialResult> results = ResultStore.read(out);
    assertEquals(4, results.size());
    for (TrialResult r : results) {
      int expected = r.variant().get(Axes.NETWORK_FAMILY).equals("mlp") ? 2 : 1;
      assertEquals(expected, r.provenance().threads(), r.variant().label() + " threads");
      assertTrue(r.isComplete(), r.failureReason());
    }
    assertTrue(run.err().contains("2 trials of 2 cores each"), run.err());
    assertTwoCoreTrialsRanAlone(results);
  }

  @Test
  void embeddedEachFamilyRunsWithItsOwnThreadsWhenThePoolIsLargeEnough() throws Exception {
    Path out = work.resolve("local-out");
    Project.Output run =
        Project.run(
            Map.of("OMP_NUM_THREADS", "2"),
            Duration.ofMinutes(10),
            "bnsweep",
            "run",
            spec("local", "{mlp: 2}").toString(),
            "--master",
            "local[2]",
            "--out",
            out.toString());

    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    List<TrialResult> results = ResultStore.read(out);
    assertEquals(4, results.size());
    for (TrialResult r : results) {
      int expected = r.variant().get(Axes.NETWORK_FAMILY).equals("mlp") ? 2 : 1;
      assertEquals(expected, r.provenance().threads(), r.variant().label() + " threads");
    }
    assertTwoCoreTrialsRanAlone(results);

    Project.Output small =
        Project.run(
            Map.of("OMP_NUM_THREADS", "1"),
            Duration.ofMinutes(5),
            "bnsweep",
            "run",
            spec("small-pool", "{mlp: 2}").toString(),
            "--master",
            "local[2]",
            "--out",
            work.resolve("small-pool-out").toString());
    assertEquals(ExitCodes.BAD_INPUT, small.exitCode(), small.err());
    assertTrue(
        small
            .err()
            .contains(
                "bnsweep: cpusPerTrial: 2 (network.family mlp) needs 2 native threads, and this"
                    + " JVM's native pool has 1 (sized once from OMP_NUM_THREADS): run bnsweep with"
                    + " OMP_NUM_THREADS=2 or more"),
        small.err());
    assertFalse(Files.exists(work.resolve("small-pool-out").resolve(ResultStore.RESULTS)));
  }

  /**
   * Measured, not configured: each 2-core (mlp) trial ran while no other trial did, from when each
   * started (its provenance, stamped where it ran) to the end of its wall time. On two cores that
   * is what taking both of them means; the trials ran on one host, so on one clock.
   */
  private static void assertTwoCoreTrialsRanAlone(List<TrialResult> results) {
    for (TrialResult r : results) {
      assertTrue(r.usage().wallSeconds() > 0, r.variant().label() + ": a measured wall time");
    }
    for (TrialResult a : results) {
      if (!a.variant().get(Axes.NETWORK_FAMILY).equals("mlp")) {
        continue;
      }
      Instant aStart = Instant.parse(a.provenance().startedAt());
      Instant aEnd = aStart.plusMillis(Math.round(1000 * a.usage().wallSeconds()));
      for (TrialResult b : results) {
        if (b == a) {
          continue;
        }
        Instant bStart = Instant.parse(b.provenance().startedAt());
        Instant bEnd = bStart.plusMillis(Math.round(1000 * b.usage().wallSeconds()));
        assertTrue(
            !bEnd.isAfter(aStart) || !bStart.isBefore(aEnd),
            a.variant().label()
                + " (2 cores, "
                + aStart
                + " to "
                + aEnd
                + ") overlapped "
                + b.variant().label()
                + " ("
                + bStart
                + " to "
                + bEnd
                + ")");
      }
    }
  }

  @Test
  void moreCoresThanAnyExecutorHasIsRefusedBeforeAnyTrial() throws Exception {
    Path out = work.resolve("too-many-out");
    Project.Output run =
        Project.submitRun(env, Duration.ofMinutes(5), spec("too-many", "{mlp: 3}"), out);

    assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.err());
    assertTrue(
        run.err()
            .contains(
                "cpusPerTrial: 3 (network.family mlp) is more than the cores of every executor"
                    + " (the most any has is 2)"),
        run.err());
    assertFalse(Files.exists(out.resolve(ResultStore.RESULTS)), "nothing written");
  }
}
