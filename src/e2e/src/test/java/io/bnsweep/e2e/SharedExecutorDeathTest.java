package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bnsweep.cli.ExitCodes;
import io.bnsweep.testing.SyntheticImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trial that kills an executor it shares with another trial: a standalone cluster of one worker
 * with two cores, so the first two trials of the {@link HaltingFamily} sweep start together on one
 * executor, and the halting one takes its neighbour down with it. A shared death convicts neither:
 * at the limit both are rerun alone, each in a task that takes the whole executor; the neighbour
 * completes there, the halting trial kills that executor alone and is FAILED. Every other trial
 * completes, each once in the ledger.
 */
class SharedExecutorDeathTest {
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
    Project.Output stop = Project.run(env, Duration.ofMinutes(1), "cluster", "stop");
    assertEquals(0, stop.exitCode(), stop.err());
  }

  @Test
  void aTrialIsConvictedOnlyWhenItKillsAnExecutorAloneAndItsNeighbourCompletes() throws Exception {
    Path data = SyntheticImages.writeDataset(work.resolve("data"), 400, 100, false);
    Path jar =
        PluginJar.write(work.resolve("halting.jar"), HaltingFamily.class, HaltActivation.class);
    Path spec =
        Files.writeString(
            work.resolve("shared.yaml"), PoisonTrialTest.spec("shared", data.toString()));
    Path out = work.resolve("out");

    Project.Output submitted =
        Project.run(
            env,
            Duration.ofMinutes(10),
            "cluster",
            "submit",
            "--jars",
            jar.toString(),
            "run",
            spec.toString(),
            "--out",
            out.toString());

    String log = submitted.err();
    assertEquals(ExitCodes.TRIALS_FAILED, submitted.exitCode(), log);
    List<JsonNode> ledger = PoisonTrialTest.ledger(out);
    assertEquals(4, ledger.size(), "each trial once: " + ledger);
    assertEquals(4, ledger.stream().map(l -> l.get("trialId").asText()).distinct().count());
    String reason = null;
    String poison = null;
    for (JsonNode line : ledger) {
      boolean halts = line.get("variant").get("placement").asText().equals("before");
      assertEquals(halts ? "FAILED" : "COMPLETE", line.get("state").asText(), line.toString());
      if (halts) {
        reason = line.get("failureReason").asText();
        poison = line.get("trialId").asText();
      }
    }
    List<String> deaths = reason.lines().skip(1).toList();
    // the first death was shared (two tasks on the one two-core executor), the last was its own
    assertTrue(reason.startsWith("its executor exited with code 42 "), reason);
    assertTrue(deaths.get(0).contains("running it and 1 other trial"), reason);
    assertTrue(deaths.get(deaths.size() - 1).contains("running it alone"), reason);
    assertTrue(
        log.contains("trial " + poison + ": executor 0 on 127.0.0.1, running it and 1 other trial"),
        log);
    if (deaths.size() > 2) {
      // both deaths at the limit were shared: it was rerun alone before the verdict
      assertTrue(
          log.contains(
              "trial "
                  + poison
                  + " was running on executors that died 2 times, beside other"
                  + " trials: running it again alone on a whole executor"),
          log);
    }
    System.out.println("shared-executor verdict: " + reason);
  }
}
