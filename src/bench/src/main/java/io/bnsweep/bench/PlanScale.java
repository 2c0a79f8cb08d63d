package io.bnsweep.bench;

import io.bnsweep.data.Dataset;
import io.bnsweep.data.InputShape;
import io.bnsweep.data.LabeledImages;
import io.bnsweep.plan.SweepPlan;
import io.bnsweep.plan.SweepPlanner;
import io.bnsweep.spec.SpecLoader;
import io.bnsweep.spec.SweepSpec;
import java.util.Locale;

/**
 * Planning time of a large sweep, measured inside the JVM (no launcher or JVM start): parse a spec
 * of 4 placements x 3 activations x 5 learning rates x 4 batch sizes x 2 weight decays x 21 seeds
 * (10,080 trials) and plan it against a Fashion-MNIST-shaped dataset, {@code rounds} times; the
 * first round is cold (class loading, JIT), the best is warm.
 *
 * <p>Usage: {@code PlanScale [seeds] [rounds]}.
 */
public final class PlanScale {
  private PlanScale() {}

  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    String spec =
        """
        seeds: %d
        trainSize: 6000
        testSize: 2000
        axes:
          placement: [none, before, after, extra]
          activation: [relu, sigmoid, tanh]
          learningRate: [0.0001, 0.0003, 0.001, 0.003, 0.01]
          batchSize: [16, 32, 64, 128]
          weightDecay: [0, 0.0005]
        """
            .formatted(seeds);
    // the planner reads only the dataset's shape and counts
    Dataset data =
        new Dataset(
            "fashion-mnist",
            LabeledImages.of(
                new InputShape(1, 28, 28, 10), new byte[60_000 * 784], new byte[60_000]),
            LabeledImages.of(
                new InputShape(1, 28, 28, 10), new byte[10_000 * 784], new byte[10_000]));
    double best = Double.MAX_VALUE;
    for (int round = 1; round <= rounds; round++) {
      long start = System.nanoTime();
      SweepSpec parsed = SpecLoader.parse(spec, "scale.yaml", false);
      SweepPlan plan = SweepPlanner.plan(parsed, data);
      double seconds = (System.nanoTime() - start) / 1e9;
      best = Math.min(best, seconds);
      System.out.printf(
          Locale.ROOT,
          "round %d: %d trials, %d variants planned in %.3f s%n",
          round,
          plan.trials().size(),
          plan.variants().size(),
          seconds);
    }
    System.out.printf(Locale.ROOT, "best %.3f s%n", best);
  }
}
