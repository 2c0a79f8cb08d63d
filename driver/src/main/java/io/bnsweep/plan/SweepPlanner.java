package io.bnsweep.plan;

import io.bnsweep.axis.Axes;
import io.bnsweep.axis.Axis;
import io.bnsweep.data.Dataset;
import io.bnsweep.data.Subset;
import io.bnsweep.data.Subsets;
import io.bnsweep.spec.SpecException;
import io.bnsweep.spec.SweepSpec;
import io.bnsweep.trial.Trial;
import io.bnsweep.variant.NetworkShape;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Expands a spec into its variants and trials: a pure function of the spec and the dataset's shape.
 *
 * <p>Each grid point (and, for random search, each grid point crossed with each sample) becomes a
 * variant by taking the axes in {@link Axes} order and keeping each setting only if it applies to
 * the settings kept before it ({@link Axis#appliesTo}); points that become identical collapse into
 * one variant, the first in grid order.
 */
public final class SweepPlanner {
  private SweepPlanner() {}

  /**
   * The plan of {@code spec} for {@code data}.
   *
   * @throws SpecException if a subset is larger than the dataset or the images are too small for
   *     the network
   */
  public static SweepPlan plan(SweepSpec spec, Dataset data) {
    SearchSpace space = spec.space();
    List<Map<Axis<?>, Object>> samples = samples(space);
    Set<Variant> variants = new LinkedHashSet<>();
    for (Map<Axis<?>, Object> point : space.grid()) {
      for (Map<Axis<?>, Object> sample : samples) {
        Map<Axis<?>, Object> settings = new LinkedHashMap<>(point);
        settings.putAll(sample);
        variants.add(resolve(settings, data));
      }
    }
    for (Variant v : variants) {
      check(v, data);
    }
    List<Trial> trials = new ArrayList<>(variants.size() * spec.seeds().size());
    for (Variant variant : variants) {
      for (long seed : spec.seeds()) {
        trials.add(new Trial(TrialIds.of(variant, seed, spec.mode()), variant, seed));
      }
    }
    return new SweepPlan(spec, List.copyOf(variants), trials, swept(variants));
  }

  /** The axes whose value differs between some of {@code variants}, in axis order. */
  public static List<String> swept(java.util.Collection<Variant> variants) {
    Map<String, Set<Object>> values = new LinkedHashMap<>();
    for (Variant v : variants) {
      v.settings()
          .forEach(
              (name, value) -> values.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(value));
    }
    List<String> swept = new ArrayList<>();
    values.forEach(
        (name, seen) -> {
          boolean everywhere = variants.stream().allMatch(v -> v.has(name));
          if (seen.size() > 1 || !everywhere) {
            swept.add(name);
          }
        });
    swept.sort(Comparator.comparingInt(Axes::order));
    return swept;
  }

  /**
   * The variant of one point: settings in axis order, each kept if it applies to those before it;
   * the subset sizes default to the whole split (the training split less the validation split), the
   * normalisation to the dataset format's.
   */
  static Variant resolve(Map<Axis<?>, Object> point, Dataset data) {
    Variant variant = Variant.empty();
    for (Axis<?> axis : Axes.all()) {
      Object value = point.get(axis);
      if (value == null && axis == Axes.TRAIN_SIZE) {
        // the whole split, but what validation holds out
        value = data.train().count() - (Integer) point.getOrDefault(Axes.VALIDATION_SIZE, 0);
      } else if (value == null && axis == Axes.TEST_SIZE) {
        value = data.test().count();
      } else if (value == null && axis == Axes.NORMALIZE) {
        value = data.defaultNormalize();
      }
      if (value != null && axis.appliesTo().test(variant)) {
        variant = variant.withRaw(axis.name(), value);
      }
    }
    return variant;
  }

  /** {@code sample} draws of the sampled axes, or one empty draw for a grid. */
  private static List<Map<Axis<?>, Object>> samples(SearchSpace space) {
    if (space.sampling().isEmpty()) {
      return List.of(Map.of());
    }
    SearchSpace.Sampling sampling = space.sampling().get();
    Random random = new Random(sampling.seed());
    List<Map<Axis<?>, Object>> draws = new ArrayList<>();
    for (int i = 0; i < sampling.sample(); i++) {
      Map<Axis<?>, Object> draw = new LinkedHashMap<>();
      space
          .sampled()
          .forEach(
              (axis, distribution) -> draw.put(axis, axis.type().read(distribution.draw(random))));
      draws.add(draw);
    }
    return draws;
  }

  /**
   * Warnings about the plan's subsets: each distinct training, validation and test subset whose
   * classes are badly unbalanced ({@link Subsets#imbalance}), once.
   */
  public static List<String> warnings(SweepPlan plan, Dataset data) {
    Set<String> warnings = new LinkedHashSet<>();
    for (Variant v : plan.variants()) {
      Subsets.Rows rows = Subsets.of(data, v);
      for (String w :
          new String[] {
            Subsets.imbalance(data.train(), rows.train(), "trainSize " + rows.train().length),
            rows.validation().length == 0
                ? null
                : Subsets.imbalance(
                    data.train(), rows.validation(), "validationSize " + rows.validation().length),
            Subsets.imbalance(data.test(), rows.test(), "testSize " + rows.test().length)
          }) {
        if (w != null) {
          warnings.add(
              w
                  + (v.find(Axes.SUBSET).orElse(Subset.FIRST) == Subset.FIRST
                      ? " (subset: first takes the first examples; subset: stratified balances"
                          + " them)"
                      : ""));
        }
      }
    }
    return List.copyOf(warnings);
  }

  private static void check(Variant v, Dataset data) {
    int rows = data.shape().height();
    int cols = data.shape().width();
    NetworkShape network = NetworkShape.of(v);
    if (network.outputSide(rows) <= 0 || network.outputSide(cols) <= 0) {
      throw new SpecException(
          "network: "
              + network.channels().size()
              + " blocks of "
              + network.kernel()
              + "x"
              + network.kernel()
              + " conv and 2x2 pooling do not fit the "
              + rows
              + "x"
              + cols
              + " images of dataset '"
              + v.get(Axes.DATASET).location()
              + "'");
    }
    int validation = v.find(Axes.VALIDATION_SIZE).orElse(0);
    if (v.get(Axes.TRAIN_SIZE) <= 0) {
      throw new SpecException(
          "validationSize: "
              + validation
              + " leaves no training examples in dataset '"
              + v.get(Axes.DATASET).location()
              + "', which has "
              + data.train().count());
    }
    if (validation > 0) {
      subset(
          "validationSize + trainSize",
          validation + v.get(Axes.TRAIN_SIZE),
          data.train().count(),
          v);
    }
    subset("trainSize", v.get(Axes.TRAIN_SIZE), data.train().count(), v);
    subset("testSize", v.get(Axes.TEST_SIZE), data.test().count(), v);
  }

  private static void subset(String key, int wanted, int available, Variant v) {
    if (wanted > available) {
      throw new SpecException(
          key
              + ": "
              + wanted
              + " is larger than dataset '"
              + v.get(Axes.DATASET).location()
              + "', which has "
              + available
              + " examples in that split");
    }
  }
}
