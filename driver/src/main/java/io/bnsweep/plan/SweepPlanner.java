package io.bnsweep.plan;

import io.bnsweep.axis.Axes;
import io.bnsweep.axis.Axis;
import io.bnsweep.data.Dataset;
import io.bnsweep.data.Subset;
import io.bnsweep.data.Subsets;
import io.bnsweep.network.NetworkFactory;
import io.bnsweep.network.NetworkFamilies;
import io.bnsweep.network.NetworkFamily;
import io.bnsweep.spec.SpecException;
import io.bnsweep.spec.SweepSpec;
import io.bnsweep.trial.Trial;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        for (Map<Axis<?>, Object> placed : placements(settings)) {
          variants.add(resolve(placed, data));
        }
      }
    }
    for (Variant v : variants) {
      check(v, data);
    }
    checkApplies(space, variants);
    checkBuilds(variants, data);
    List<Trial> trials = new ArrayList<>(variants.size() * spec.seeds().size());
    Optional<TunePlan> tune =
        spec.tune().map(t -> TunePlan.of(t, List.copyOf(variants), spec.seeds(), spec.mode()));
    tune.ifPresent(t -> trials.addAll(t.searchTrials()));
    if (tune.isEmpty() || tune.get().spec().alsoFixed()) {
      for (Variant variant : variants) {
        for (long seed : spec.seeds()) {
          trials.add(new Trial(TrialIds.of(variant, seed, spec.mode()), variant, seed));
        }
      }
    }
    return new SweepPlan(spec, List.copyOf(variants), trials, swept(variants), tune);
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

  /**
   * {@code point} with its placement, in its family's terms ({@link NetworkFamily#placement}: an
   * alias becomes the unit it names); a point without one gets each of its family's default
   * placements.
   *
   * @throws SpecException if the placement does not belong to the family
   */
  private static List<Map<Axis<?>, Object>> placements(Map<Axis<?>, Object> point) {
    NetworkFamily family =
        NetworkFamilies.get(
            (String) point.getOrDefault(Axes.NETWORK_FAMILY, NetworkFamilies.DEFAULT));
    Placement given = (Placement) point.get(Axes.PLACEMENT);
    List<Map<Axis<?>, Object>> placed = new ArrayList<>();
    for (Placement p : given == null ? family.placements() : List.of(given)) {
      Map<Axis<?>, Object> copy = new LinkedHashMap<>(point);
      try {
        copy.put(Axes.PLACEMENT, family.placement(p));
      } catch (IllegalArgumentException e) {
        throw new SpecException(
            "placement: " + e.getMessage() + " (network.family " + family.name() + ")");
      }
      placed.add(copy);
    }
    return placed;
  }

  /**
   * Every setting the spec gives (as a scalar or an axis) must apply to some variant: {@code
   * network.depth} in a sweep of cnn networks is a mistake, not a no-op.
   */
  private static void checkApplies(SearchSpace space, Set<Variant> variants) {
    for (Axis<?> axis : space.given()) {
      if (variants.stream().noneMatch(v -> v.has(axis.name()))) {
        String families =
            variants.stream()
                .map(v -> NetworkFamilies.of(v).name())
                .distinct()
                .collect(java.util.stream.Collectors.joining(", "));
        String owner =
            NetworkFamilies.all().stream()
                .filter(f -> f.settings().stream().anyMatch(a -> a.name().equals(axis.name())))
                .map(f -> "; it belongs to network.family " + f.name())
                .findFirst()
                .orElse("");
        throw new SpecException(
            axis.name()
                + ": applies to no variant of this sweep (network.family "
                + families
                + owner
                + ")");
      }
    }
  }

  /**
   * Builds the network of each distinct combination of network settings once, so that a family that
   * cannot build a variant (a plugin's bug, a size that does not fit the images) fails the spec
   * before Spark starts, not every trial after it.
   */
  private static void checkBuilds(Set<Variant> variants, Dataset data) {
    Map<Variant, Variant> networks = new LinkedHashMap<>(); // network settings -> first variant
    for (Variant v : variants) {
      networks.putIfAbsent(networkSettings(v), v);
    }
    for (Variant full : networks.values()) {
      NetworkFamily family = NetworkFamilies.of(full);
      try {
        NetworkFactory.architecture(full, data.shape(), 1);
      } catch (IllegalArgumentException e) {
        throw new SpecException(e.getMessage());
      } catch (RuntimeException | LinkageError e) {
        throw new SpecException(
            "network.family "
                + family.name()
                + ": "
                + family.getClass().getName()
                + " threw while building the network of "
                + full.label()
                + ": "
                + e);
      }
    }
  }

  /** The settings of {@code v} that shape its network: the family's, placement, activation. */
  private static Variant networkSettings(Variant v) {
    Variant network = Variant.empty();
    for (String name : v.settings().keySet()) {
      if (name.startsWith("network.")
          || name.equals(Axes.PLACEMENT.name())
          || name.equals(Axes.ACTIVATION.name())) {
        network = network.withRaw(name, v.settings().get(name));
      }
    }
    return network;
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
    try {
      NetworkFamilies.of(v).check(v, data.shape());
    } catch (IllegalArgumentException e) {
      throw new SpecException(
          e.getMessage() + " of dataset '" + v.get(Axes.DATASET).location() + "'");
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
