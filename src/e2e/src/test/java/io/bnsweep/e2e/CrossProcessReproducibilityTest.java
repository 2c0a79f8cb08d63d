package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bnsweep.cli.ExitCodes;
import io.bnsweep.store.ResultStore;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.trial.EpochMetrics;
import io.bnsweep.trial.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two separate JVMs (two runs of the launcher, each its own process) train sigmoid/extra and
 * tanh/after with the same seeds: every per-epoch loss and accuracy is equal bit for bit. The
 * timeout is a guard against a hung child, not a speed check.
 */
class CrossProcessReproducibilityTest {
  @TempDir Path work;

  @Test
  void twoProcessesTrainTheSameVariantsToTheSameBits() throws IOException, InterruptedException {
    Path data = SyntheticImages.writeDataset(work.resolve("data"), 300, 100, true);
    Path spec =
        Files.writeString(
            work.resolve("repro.yaml"),
            """
            name: repro
            dataset: %s
            subset: first
            trainSize: 300
            testSize: 100
            epochs: 2
            batchSize: 20
            seeds: [3, 11]
            axes:
              placement: [extra, after]
              activation: [sigmoid, tanh]
            network: {channels: [8]}
            """
                .formatted(data));
    Map<String, TrialResult> first = run(spec, work.resolve("first"));
    Map<String, TrialResult> second = run(spec, work.resolve("second"));

    for (String variant : List.of("extra/sigmoid", "after/tanh")) {
      for (long seed : List.of(3L, 11L)) {
        TrialResult a = first.get(variant + "#" + seed);
        TrialResult b = second.get(variant + "#" + seed);
        assertEquals(a.trialId(), b.trialId());
        assertEquals(a.epochs().size(), b.epochs().size());
        for (int e = 0; e < a.epochs().size(); e++) {
          EpochMetrics x = a.epochs().get(e);
          EpochMetrics y = b.epochs().get(e);
          String where = variant + " seed " + seed + " epoch " + (e + 1);
          assertEquals(
              Double.doubleToLongBits(x.trainLoss()),
              Double.doubleToLongBits(y.trainLoss()),
              where);
          assertEquals(
              Double.doubleToLongBits(x.testLoss()), Double.doubleToLongBits(y.testLoss()), where);
          assertEquals(x.testAccuracy(), y.testAccuracy(), 0, where);
        }
      }
    }
  }

  private static Map<String, TrialResult> run(Path spec, Path out)
      throws IOException, InterruptedException {
    Project.Output run =
        Project.run(
            Map.of("BNSWEEP_CDS", "0"),
            Duration.ofMinutes(10),
            "bnsweep",
            "run",
            spec.toString(),
            "--master",
            "local[1]",
            "--out",
            out.toString());
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    return ResultStore.read(out).stream()
        .collect(Collectors.toMap(r -> r.variant().label() + "#" + r.seed(), r -> r));
  }
}
