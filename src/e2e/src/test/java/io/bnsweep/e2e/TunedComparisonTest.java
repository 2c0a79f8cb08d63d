package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.axis.Axes;
import io.bnsweep.cli.ExitCodes;
import io.bnsweep.store.ResultStore;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.trial.TrialState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tune, then compare, where the right answer is known (issue 23, part 4): two arms that differ only
 * in {@link LearningRateScale} (the updater's learning rate times 1 or times 100), on tiny
 * synthetic data that a small CNN separates perfectly at a good learning rate. At the spec's shared
 * learning rate (plain SGD at 0.002) the x1 arm trains too slowly and the x100 arm (at 0.2) reaches
 * 100%, so the fixed comparison shows a gap of tens of points; each at its own best learning rate
 * (chosen on validation by ASHA), the two are the same network and reach the same accuracy, and the
 * chosen rates differ by about 100.
 *
 * <p>On this data, SGD for 3 epochs reaches 100% validation accuracy for an effective learning rate
 * from about 0.03 to 1, trains slowly below it and collapses to chance (dead ReLUs) from about 3.
 * The search's draws are seeded ({@code tune.seed}) so that none falls where an arm is on an edge
 * (between 0.006 and 0.08, where x1 is slow and x100 near collapse): 1.3e-4, 8.7e-4, 7.0e-4, 0.11,
 * 1.9e-3, 1.2e-4, in that order. The x1 arm can only choose 0.11; the x100 arm one of 8.7e-4,
 * 7.0e-4 or 1.9e-3 (the earliest of those at 100%, as ties go to the earlier configuration, among
 * the two ASHA promotes): a ratio from 58 to 160.
 */
class TunedComparisonTest {
  @TempDir Path work;

  @Test
  void aSharedLearningRateShowsAGapThatTuningEachArmRemoves() throws IOException {
    Path data = SyntheticImages.writeDataset(work.resolve("data"), 1200, 400, true);
    Path spec =
        Files.writeString(
            work.resolve("tuned.yaml"),
            """
            name: tuned
            dataset: %s
            trainSize: 600
            validationSize: 200
            testSize: 200
            batchSize: 20
            optimizer: sgd
            learningRate: 0.002
            seeds: 3
            placement: none
            activation: relu
            network: {channels: [8]}
            axes:
              probe.lrScale: [1.0, 100.0]
            compare: {axis: probe.lrScale, baseline: 1.0}
            tune:
              axes: {learningRate: {loguniform: [0.0001, 0.3]}}
              configurations: 6
              minEpochs: 1
              maxEpochs: 3
              eta: 3
              alsoFixed: true
              seed: 1399875
            """
                .formatted(data));
    Path out = work.resolve("out");

    long start = System.nanoTime();
    Cli run = Cli.run("run", spec.toString(), "--master", "local[2]", "--out", out.toString());
    double seconds = (System.nanoTime() - start) / 1e9;

    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    List<TrialResult> results = ResultStore.latestPerTrial(ResultStore.read(out));
    Map<String, List<TrialResult>> byStage =
        results.stream().collect(Collectors.groupingBy(r -> stage(r), TreeMap::new, toList()));
    assertEquals(Set.of("fixed", "search", "tuned"), byStage.keySet(), byStage.keySet().toString());
    assertEquals(12, byStage.get("search").size(), "6 configurations per arm");
    for (TrialResult r : byStage.get("search")) {
      assertTrue(r.seed() >= 1_000_001, "search seeds are disjoint from confirmation seeds");
      assertEquals(null, r.testAccuracy(), "a search trial never sees the test split");
    }
    // ASHA with eta 3 over 6 configurations: at least 2 per arm reach the last rung, the others
    // are recorded PRUNED after their first epoch
    for (double scale : List.of(1.0, 100.0)) {
      Map<TrialState, Long> states =
          byStage.get("search").stream()
              .filter(r -> scale(r) == scale)
              .collect(Collectors.groupingBy(TrialResult::state, Collectors.counting()));
      long complete = states.getOrDefault(TrialState.COMPLETE, 0L);
      assertTrue(complete >= 2 && complete <= 3, "x" + scale + ": " + states);
      assertEquals(6 - complete, states.getOrDefault(TrialState.PRUNED, 0L), states.toString());
    }

    // stage B at the spec's shared learning rate: the x1 arm trains at 0.002, too slowly
    Map<Long, Double> fixedGap = pairedGap(byStage.get("fixed"));
    double fixedMean = mean(fixedGap);
    // stage B, each arm at its own chosen learning rate: the same network, the same accuracy
    Map<Long, Double> tunedGap = pairedGap(byStage.get("tuned"));
    double tunedMean = mean(tunedGap);
    double chosen1 = chosenRate(byStage.get("tuned"), 1.0);
    double chosen100 = chosenRate(byStage.get("tuned"), 100.0);
    System.out.printf(
        "fixed (lr 0.002): x1 - x100 per seed %s, mean %.1f points; tuned: x1 at %.3g, x100 at"
            + " %.3g (ratio %.0f), x1 - x100 per seed %s, mean %.1f points; %d trials in %.0f s%n",
        fixedGap,
        fixedMean,
        chosen1,
        chosen100,
        chosen1 / chosen100,
        tunedGap,
        tunedMean,
        results.size(),
        seconds);

    assertEquals(fixedGap.keySet(), tunedGap.keySet(), "the same confirmation seeds");
    assertTrue(fixedGap.size() >= 3, "paired on every confirmation seed: " + fixedGap);
    assertTrue(fixedMean < -40, "at the shared rate the x1 arm looks much worse: " + fixedGap);
    assertTrue(fixedGap.values().stream().allMatch(d -> d < -40), "on every seed: " + fixedGap);
    assertTrue(
        Math.abs(tunedMean) < 1, "tuned, within the equivalence margin (1 point): " + tunedGap);
    assertTrue(
        tunedGap.values().stream().allMatch(d -> Math.abs(d) <= 2), "on every seed: " + tunedGap);
    double ratio = chosen1 / chosen100;
    assertTrue(
        ratio >= 10 && ratio <= 1000,
        "the chosen learning rates differ by about 100 (within an order of magnitude): " + ratio);
  }

  private static String stage(TrialResult r) {
    return String.valueOf(r.variant().settings().get(Axes.STAGE.name()));
  }

  private static double scale(TrialResult r) {
    return r.variant().find(LearningRateScale.LR_SCALE).orElse(1.0);
  }

  /** Per confirmation seed: test accuracy of the x1 arm minus the x100 arm's, in points. */
  private static Map<Long, Double> pairedGap(List<TrialResult> stage) {
    Map<Long, Double> x1 = new TreeMap<>();
    Map<Long, Double> x100 = new TreeMap<>();
    for (TrialResult r : stage) {
      assertTrue(r.isComplete(), r.variant().label() + ": " + r.failureReason());
      (scale(r) == 1.0 ? x1 : x100).put(r.seed(), 100 * r.testAccuracy());
    }
    assertEquals(x1.keySet(), x100.keySet(), "both arms on the same seeds");
    Map<Long, Double> gap = new TreeMap<>();
    x1.forEach((seed, a) -> gap.put(seed, a - x100.get(seed)));
    return gap;
  }

  private static double mean(Map<Long, Double> gap) {
    return gap.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  /** The one learning rate the {@code scale} arm's confirmation trials ran at. */
  private static double chosenRate(List<TrialResult> tuned, double scale) {
    List<Double> rates =
        tuned.stream()
            .filter(r -> scale(r) == scale)
            .map(r -> r.variant().get(Axes.LEARNING_RATE))
            .distinct()
            .toList();
    assertEquals(1, rates.size(), "one chosen learning rate per arm: " + rates);
    return rates.get(0);
  }

  private static <T> java.util.stream.Collector<T, ?, List<T>> toList() {
    return Collectors.toList();
  }
}
