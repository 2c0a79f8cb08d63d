package io.bnsweep.plan;

import io.bnsweep.data.Dataset;
import io.bnsweep.spec.SpecException;
import io.bnsweep.spec.SweepSpec;
import io.bnsweep.trial.TrainingConfig;
import io.bnsweep.trial.Trial;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Expands a spec into its trials: a pure function of the spec and the dataset's shape. */
public final class SweepPlanner {
  static final String PLACEMENT = "placement";
  static final String ACTIVATION = "activation";

  private SweepPlanner() {}

  /**
   * The plan of {@code spec} for {@code data}.
   *
   * @throws SpecException if a subset is larger than the dataset or the images are too small for
   *     the network
   */
  public static SweepPlan plan(SweepSpec spec, Dataset data) {
    int trainAvailable = data.train().count();
    int testAvailable = data.test().count();
    int rows = data.train().rows();
    int cols = data.train().cols();
    if (spec.network().outputSide(rows) <= 0 || spec.network().outputSide(cols) <= 0) {
      throw new SpecException(
          "network: "
              + spec.network().channels().size()
              + " blocks of "
              + spec.network().kernel()
              + "x"
              + spec.network().kernel()
              + " conv and 2x2 pooling do not fit the "
              + rows
              + "x"
              + cols
              + " images of dataset '"
              + spec.dataset()
              + "'");
    }
    TrainingConfig training =
        new TrainingConfig(
            spec.dataset(),
            subset("trainSize", spec.trainSize().orElse(trainAvailable), trainAvailable, spec),
            subset("testSize", spec.testSize().orElse(testAvailable), testAvailable, spec),
            spec.epochs(),
            spec.batchSize(),
            spec.learningRate());

    SortedMap<String, List<String>> axes = new TreeMap<>();
    axes.put(PLACEMENT, spec.placements().stream().map(Placement::id).toList());
    axes.put(ACTIVATION, spec.activations().stream().map(ActivationKind::id).toList());
    SearchSpace space = new SearchSpace(axes);

    List<Trial> trials = new ArrayList<>();
    for (Map<String, String> point : space.points()) {
      Variant variant =
          new Variant(
              Placement.parse(point.get(PLACEMENT)), ActivationKind.parse(point.get(ACTIVATION)));
      for (long seed : spec.seeds()) {
        trials.add(
            new Trial(
                TrialIds.of(variant, seed, spec.network(), training, spec.mode()),
                variant,
                seed,
                spec.network(),
                training));
      }
    }
    return new SweepPlan(spec, training, space.size(), trials);
  }

  private static int subset(String key, int wanted, int available, SweepSpec spec) {
    if (wanted > available) {
      throw new SpecException(
          key
              + ": "
              + wanted
              + " is larger than dataset '"
              + spec.dataset()
              + "', which has "
              + available
              + " examples in that split");
    }
    return wanted;
  }
}
