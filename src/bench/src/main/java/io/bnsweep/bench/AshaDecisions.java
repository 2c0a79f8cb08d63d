package io.bnsweep.bench;

import io.bnsweep.axis.Axes;
import io.bnsweep.schedule.AshaPolicy;
import io.bnsweep.spec.Rungs;
import io.bnsweep.trial.EpochMetrics;
import io.bnsweep.trial.Segment;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.trial.TrialState;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The driver's time per decision of asynchronous successive halving: {@code brackets} variants of
 * {@code configurations} configurations each (rungs 1, 3, 9, eta 3), scripted validation scores,
 * every result handed to the policy and the next segment asked for, as the driver loop does. No
 * training: this is the search's own cost on the driver.
 */
public final class AshaDecisions {
  private AshaDecisions() {}

  public static void main(String[] args) {
    int brackets = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    int configurations = args.length > 1 ? Integer.parseInt(args[1]) : 27;
    Random random = new Random(1);
    for (int round = 1; round <= 5; round++) {
      List<List<Trial>> all = new ArrayList<>();
      for (int b = 0; b < brackets; b++) {
        List<Trial> bracket = new ArrayList<>();
        Variant v =
            Variant.of(Placement.BEFORE, ActivationKind.RELU)
                .with(Axes.EPOCHS, 9)
                .with(Axes.LEARNING_RATE, 1e-3 * (b + 1));
        for (int i = 0; i < configurations; i++) {
          bracket.add(new Trial("b" + b + "c" + i, v, 1_000_001 + i));
        }
        all.add(bracket);
      }
      AshaPolicy policy = new AshaPolicy(new Rungs(1, 9, 3), all);
      List<Segment> running = new ArrayList<>(policy.next(0));
      int decisions = 1;
      long nanos = 0;
      while (!running.isEmpty()) {
        Segment s = running.remove(0);
        TrialResult r = result(s, random.nextDouble());
        long start = System.nanoTime();
        policy.arrived(r);
        List<Segment> next = policy.next(running.size());
        nanos += System.nanoTime() - start;
        decisions++;
        running.addAll(next);
      }
      System.out.printf(
          Locale.ROOT,
          "round %d: %d brackets x %d configurations, %d decisions, %.3f ms per decision%n",
          round,
          brackets,
          configurations,
          decisions,
          nanos / 1e6 / decisions);
    }
  }

  private static TrialResult result(Segment s, double score) {
    List<EpochMetrics> epochs = new ArrayList<>();
    for (int e = 1; e <= s.untilEpoch(); e++) {
      epochs.add(new EpochMetrics(e, 1.0, null, null, 1.0, score));
    }
    Trial t = s.trial();
    return new TrialResult(
        t.id(),
        t.variant(),
        t.seed(),
        TrialState.COMPLETE,
        null,
        null,
        null,
        epochs,
        1,
        1,
        List.of(),
        null,
        null,
        null);
  }
}
