package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bnsweep.cli.ExitCodes;
import io.bnsweep.store.ResultStore;
import io.bnsweep.trial.EpochMetrics;
import io.bnsweep.trial.TrialResult;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 the launcher's JVM while a one-trial, 4-epoch sweep with dropout is past its second epoch
 * (its checkpoint holds epoch 2, read from the file, not guessed from a sleep), rerun the same
 * command: the trial continues from its checkpoint, trains only the remaining epochs, and its
 * result equals an uninterrupted run's in every per-epoch train loss and test accuracy (exact
 * doubles: same build, instruction set and threads).
 */
class CheckpointKillTest {
  private static final int EPOCHS = 4;
  private static final Pattern RESUMED =
      Pattern.compile(
          "\\[bnsweep\\] trial (\\w+) resumed after epoch (\\d+) from its checkpoint, trained (\\d+)"
              + " more");

  @TempDir Path work;

  @Test
  void aTrialKilledAfterItsSecondEpochResumesFromItsCheckpointToTheSameResult() throws Exception {
    Path spec =
        Files.writeString(
            work.resolve("ckpt.yaml"),
            """
            name: ckpt
            dataset: /usr/share/datasets/fashion-mnist
            trainSize: 3000
            testSize: 500
            epochs: %d
            batchSize: 32
            seeds: [1]
            checkpointEvery: 0
            placement: bn-act-drop
            activation: relu
            network: {channels: [8, 16], dropout: 0.3}
            """
                .formatted(EPOCHS));
    Path out = work.resolve("killed");
    Path log = work.resolve("killed.log");
    Path checkpoints = out.resolve("checkpoints");

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
        Duration.ofMinutes(4),
        "a checkpoint of epoch 2 (or the launcher's end)",
        () -> checkpointEpoch(checkpoints).orElse(0) >= 2 || !launcher.isAlive());
    assertTrue(launcher.isAlive(), "the launcher ended before epoch 2's checkpoint: " + read(log));
    int killedAt = checkpointEpoch(checkpoints).orElseThrow();
    Project.kill9(launcher);
    assertEquals(0, Project.lines(out.resolve(ResultStore.RESULTS)), "killed mid-trial");

    Project.Output rerun =
        Project.run(
            Map.of(),
            Duration.ofMinutes(4),
            "bnsweep",
            "run",
            spec.toString(),
            "--master",
            "local[1]",
            "--out",
            out.toString());
    Path fresh = work.resolve("uninterrupted");
    Project.Output straight =
        Project.run(
            Map.of(),
            Duration.ofMinutes(4),
            "bnsweep",
            "run",
            spec.toString(),
            "--master",
            "local[1]",
            "--out",
            fresh.toString());

    assertEquals(ExitCodes.OK, rerun.exitCode(), rerun.err());
    assertEquals(ExitCodes.OK, straight.exitCode(), straight.err());
    Matcher m = RESUMED.matcher(rerun.err());
    assertTrue(m.find(), "the rerun says it resumed: " + rerun.err());
    int resumedAfter = Integer.parseInt(m.group(2));
    assertTrue(resumedAfter >= killedAt && resumedAfter < EPOCHS, "resumed after " + resumedAfter);
    assertEquals(EPOCHS - resumedAfter, Integer.parseInt(m.group(3)), "trained only the rest");
    assertFalse(RESUMED.matcher(straight.err()).find(), straight.err());

    TrialResult resumed = only(out);
    TrialResult uninterrupted = only(fresh);
    assertEquals(uninterrupted.trialId(), resumed.trialId());
    assertEquals(m.group(1), resumed.trialId());
    assertEquals(EPOCHS, resumed.epochs().size());
    for (int e = 0; e < EPOCHS; e++) {
      EpochMetrics a = uninterrupted.epochs().get(e);
      EpochMetrics b = resumed.epochs().get(e);
      assertEquals(a.trainLoss(), b.trainLoss(), "train loss of epoch " + (e + 1));
      assertEquals(a.testAccuracy(), b.testAccuracy(), "test accuracy of epoch " + (e + 1));
      assertEquals(a.testLoss(), b.testLoss(), "test loss of epoch " + (e + 1));
    }
    assertEquals(uninterrupted.testAccuracy(), resumed.testAccuracy());
    assertEquals(uninterrupted.testLoss(), resumed.testLoss());
    assertFalse(
        Files.exists(checkpoints.resolve(resumed.trialId() + ".ckpt")),
        "a COMPLETE trial's checkpoint is deleted");
    System.out.printf(
        "killed with epoch %d checkpointed; resumed after epoch %d; train losses %s; test"
            + " accuracy %s%n",
        killedAt,
        resumedAfter,
        resumed.epochs().stream().map(EpochMetrics::trainLoss).toList(),
        resumed.testAccuracy());
  }

  private static TrialResult only(Path out) {
    List<TrialResult> results = ResultStore.read(out);
    assertEquals(1, results.size(), results.toString());
    assertTrue(results.get(0).isComplete(), results.get(0).failureReason());
    return results.get(0);
  }

  /**
   * The epoch of the checkpoint in {@code dir} (its progress JSON, the first block after the magic
   * and the version), or empty while there is none. A checkpoint replaces its predecessor by an
   * atomic rename, so a read sees a whole file.
   */
  private static Optional<Integer> checkpointEpoch(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".ckpt")).toList()) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(f)));
        in.readLong(); // magic
        in.readInt(); // version
        byte[] progress = new byte[in.readInt()];
        in.readFully(progress);
        return Optional.of(new ObjectMapper().readTree(progress).get("epoch").asInt());
      }
    } catch (IOException e) {
      return Optional.empty(); // replaced or deleted while read: look again
    }
    return Optional.empty();
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }
}
