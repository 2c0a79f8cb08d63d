package io.bnsweep.plan;

import io.bnsweep.axis.Axes;
import io.bnsweep.axis.Axis;
import io.bnsweep.spec.ExecutionMode;
import io.bnsweep.spec.TuneSpec;
import io.bnsweep.trial.Trial;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The trials of a tuned comparison ({@code tune:}): per arm (a variant of the compared grid), the
 * search's configurations (stage A), and the trials each arm runs at a chosen configuration (stage
 * B), which are known once the search has chosen.
 *
 * @param spec the {@code tune:} section
 * @param arms the variants of the compared grid, at the spec's own value of the tuned axes
 * @param configurations the draws of the tuned axes, the same for every arm, in order
 * @param brackets per arm (in arm order), its search trials: configuration i with seed {@link
 *     TuneSpec#SEARCH_SEEDS} + i, stage {@code search}
 * @param seeds the confirmation seeds (1 to the last look)
 * @param mode the sweep's mode (part of trial ids)
 */
public record TunePlan(
    TuneSpec spec,
    List<Variant> arms,
    List<Map<Axis<?>, Object>> configurations,
    List<List<Trial>> brackets,
    List<Long> seeds,
    ExecutionMode mode) {
  public TunePlan {
    arms = List.copyOf(arms);
    configurations = configurations.stream().map(Map::copyOf).toList();
    brackets = brackets.stream().map(List::copyOf).toList();
    seeds = List.copyOf(seeds);
  }

  /** The plan of {@code tune} over {@code arms}. */
  static TunePlan of(TuneSpec tune, List<Variant> arms, List<Long> seeds, ExecutionMode mode) {
    Random random = new Random(tune.seed());
    List<Map<Axis<?>, Object>> draws = new ArrayList<>();
    for (int i = 0; i < tune.configurations(); i++) {
      Map<Axis<?>, Object> draw = new java.util.LinkedHashMap<>();
      tune.axes().forEach((axis, d) -> draw.put(axis, axis.type().read(d.draw(random))));
      draws.add(draw);
    }
    List<List<Trial>> brackets = new ArrayList<>();
    for (Variant arm : arms) {
      List<Trial> bracket = new ArrayList<>();
      for (int i = 0; i < draws.size(); i++) {
        Variant v = at(arm, draws.get(i)).withRaw(Axes.STAGE.name(), "search");
        long seed = TuneSpec.SEARCH_SEEDS + i;
        bracket.add(new Trial(TrialIds.of(v, seed, mode), v, seed));
      }
      brackets.add(bracket);
    }
    return new TunePlan(tune, arms, draws, brackets, seeds, mode);
  }

  private static Variant at(Variant arm, Map<Axis<?>, Object> configuration) {
    Variant v = arm;
    for (Map.Entry<Axis<?>, Object> e : configuration.entrySet()) {
      v = v.withRaw(e.getKey().name(), e.getValue());
    }
    return v;
  }

  /**
   * About how many segments the whole tuned comparison runs, for progress: per arm, synchronous
   * halving's count (every configuration at the first rung, a third of them at the next, ...; ASHA
   * promotes a little more), then the first look's confirmations (twice with {@code alsoFixed}).
   */
  public int expectedSegments(int firstLook) {
    int rungs = spec.rungs().epochs().size();
    int perArm = 0;
    for (int k = 0, n = spec.configurations(); k < rungs && n > 0; k++, n /= spec.eta()) {
      perArm += n;
    }
    return arms.size() * (perArm + firstLook * (spec.alsoFixed() ? 2 : 1));
  }

  /** Every search trial, arm by arm. */
  public List<Trial> searchTrials() {
    return brackets.stream().flatMap(List::stream).toList();
  }

  /**
   * The confirmation trials of {@code arm} at the configuration of search trial {@code chosen}: one
   * per confirmation seed, stage {@code tuned}.
   */
  public List<Trial> confirmations(Variant arm, Trial chosen) {
    Variant v = arm;
    for (Axis<?> axis : spec.axes().keySet()) {
      v = v.withRaw(axis.name(), chosen.variant().settings().get(axis.name()));
    }
    Variant tuned = v.withRaw(Axes.STAGE.name(), "tuned");
    return seeds.stream().map(s -> new Trial(TrialIds.of(tuned, s, mode), tuned, s)).toList();
  }

  /** Every trial stage B could run: each arm at each configuration on each confirmation seed. */
  public List<Trial> possibleConfirmations() {
    List<Trial> all = new ArrayList<>();
    for (int a = 0; a < arms.size(); a++) {
      for (Trial chosen : brackets.get(a)) {
        all.addAll(confirmations(arms.get(a), chosen));
      }
    }
    return all;
  }

  /** {@code v} as the tuned comparison sees it: without the tuned settings. */
  public Variant compared(Variant v) {
    return v.without(spec.axisNames());
  }
}
