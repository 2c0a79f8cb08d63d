package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.axis.Axes;
import io.bnsweep.cli.ExitCodes;
import io.bnsweep.store.ResultStore;
import io.bnsweep.trial.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Speculative execution on a real standalone cluster: with {@code spark.speculation=true} and one
 * trial far slower than the others, Spark launches a second attempt of it, and the ledger still
 * holds exactly one result per trial.
 *
 * <p>Spark never launches a speculative copy on a host that already runs an attempt of the task, so
 * the two workers listen on different loopback addresses ({@code ./cluster start --distinct-hosts}:
 * 127.0.0.1 and 127.0.0.2); Spark does not speculate in local mode at all. The event log is the
 * evidence that a copy ran: a task start marked {@code "Speculative":true}.
 */
class SpeculationClusterTest {
  @TempDir static Path work;
  static Map<String, String> env;

  @BeforeAll
  static void startCluster() throws Exception {
    env = Map.of("BNSWEEP_CLUSTER_DIR", work.resolve("cluster").toString());
    Project.Output start =
        Project.run(
            env, Duration.ofMinutes(3), "cluster", "start", "--workers", "2", "--distinct-hosts");
    assertEquals(0, start.exitCode(), start.err());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    Project.run(env, Duration.ofMinutes(1), "cluster", "stop");
  }

  @Test
  void aSpeculativeCopyOfASlowTrialLeavesOneResultPerTrial() throws Exception {
    Path spec =
        Files.writeString(
            work.resolve("speculation.yaml"),
            """
            name: speculation
            dataset: fashion-mnist
            testSize: 200
            epochs: 1
            batchSize: 32
            activation: relu
            placement: before
            seeds: 1
            axes:
              trainSize: [200, 300, 400, 500, 30000]
            """);
    Path events = Files.createDirectories(work.resolve("events"));
    Path out = work.resolve("out");

    Project.Output run =
        Project.run(
            env,
            Duration.ofMinutes(10),
            "cluster",
            "submit",
            "--conf",
            "spark.speculation=true",
            "--conf",
            "spark.speculation.quantile=0.5",
            "--conf",
            "spark.speculation.multiplier=1.5",
            "--conf",
            "spark.eventLog.enabled=true",
            "--conf",
            "spark.eventLog.compress=false",
            "--conf",
            "spark.eventLog.dir=" + events.toUri(),
            "run",
            spec.toString(),
            "--out",
            out.toString());

    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    List<TrialResult> results = ResultStore.read(out);
    assertEquals(5, results.size(), "one result per trial, none twice");
    assertEquals(5, results.stream().map(TrialResult::trialId).distinct().count());
    assertEquals(
        Set.of(200, 300, 400, 500, 30000),
        results.stream().map(r -> r.variant().get(Axes.TRAIN_SIZE)).collect(Collectors.toSet()));
    assertEquals(6, Files.readAllLines(out.resolve(ResultStore.CSV)).size(), "header + 5 rows");

    List<String> log;
    try (Stream<Path> files = Files.list(events)) {
      Path file = files.filter(Files::isRegularFile).findFirst().orElseThrow();
      log = Files.readAllLines(file);
    }
    long speculative =
        log.stream()
            .filter(l -> l.contains("\"Event\":\"SparkListenerTaskStart\""))
            .filter(l -> l.contains("\"Speculative\":true"))
            .count();
    assertTrue(speculative >= 1, "Spark launched no speculative attempt; the test proves nothing");
  }
}
