package io.bnsweep.schedule;

import io.bnsweep.report.stats.ComparisonFamily;
import io.bnsweep.report.stats.DecisionContext;
import io.bnsweep.report.stats.SeedTable;
import io.bnsweep.trial.Segment;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Sequential seeding: rounds of seeds, each chosen by the decisions on the results so far. The
 * first round runs every variant's first look; after each round, the variants of the comparisons
 * still undecided get the seeds of the next look ({@link ComparisonFamily#nextRound}), until every
 * comparison is decided or the last look is made. Without a comparison it runs the first look's
 * seeds and stops.
 *
 * <p>The results it decides on are the ledger's at the start (minus failed ones, when failed trials
 * are retried, and minus transient failures, which are always retried) and every result of this
 * run. A trial that fails in this run keeps its failure until the run ends, so it is asked for at
 * most once per run: the sweep ends after at most one round per look.
 */
public final class SequentialPolicy implements RoundPolicy {
  private final List<Variant> variants;
  private final DecisionContext decisions;
  private final Map<Variant, Map<Long, Trial>> bySeed = new HashMap<>();
  private final Map<String, TrialResult> results = new LinkedHashMap<>();
  private final UnaryOperator<Variant> view;
  private int round;

  /**
   * @param planned every trial the sweep may run (every variant at every seed up to the last look)
   * @param variants the plan's variants
   * @param kept the results from the ledger to decide on (the caller leaves out those to retry)
   */
  public SequentialPolicy(
      List<Trial> planned,
      List<Variant> variants,
      DecisionContext decisions,
      List<TrialResult> kept) {
    this(planned, variants, decisions, kept, UnaryOperator.identity());
  }

  /**
   * A policy that sees each trial's variant through {@code view}: a tuned comparison leaves the
   * tuned settings out, so that arms at their own learning rates are paired by seed within one
   * stratum.
   *
   * @param variants the variants as seen through {@code view}
   */
  public SequentialPolicy(
      List<Trial> planned,
      List<Variant> variants,
      DecisionContext decisions,
      List<TrialResult> kept,
      UnaryOperator<Variant> view) {
    this.variants = List.copyOf(variants);
    this.decisions = decisions;
    this.view = view;
    planned.forEach(
        t ->
            bySeed.computeIfAbsent(view.apply(t.variant()), v -> new HashMap<>()).put(t.seed(), t));
    kept.forEach(this::arrived);
  }

  @Override
  public List<Segment> next(int running) {
    if (running > 0) {
      return List.of(); // a round is a barrier: the next is chosen on all of this one's results
    }
    SeedTable table = decisions.table(List.copyOf(results.values()));
    Map<Variant, List<Long>> next =
        decisions.looks().isEmpty()
            ? everySeed(table)
            : decisions.compares()
                ? ComparisonFamily.nextRound(
                    table,
                    variants,
                    decisions.axis().orElseThrow(),
                    decisions.baseline().orElseThrow(),
                    decisions.rule(),
                    decisions.looks())
                : firstLook(table);
    List<Segment> segments = new ArrayList<>();
    next.forEach(
        (v, seeds) ->
            seeds.forEach(
                seed -> {
                  Trial t = bySeed.getOrDefault(v, Map.of()).get(seed);
                  // a seed whose trial failed in this run is not asked for again
                  if (t != null && !results.containsKey(t.id())) {
                    segments.add(Segment.whole(t));
                  }
                }));
    if (!segments.isEmpty()) {
      round++;
    }
    return segments;
  }

  /** The round that just started (1 for the first), for the log. */
  public int round() {
    return round;
  }

  /**
   * Seeds given as a count or a list (no looks): every planned seed of every variant that lacks it,
   * in one round.
   */
  private Map<Variant, List<Long>> everySeed(SeedTable table) {
    Map<Variant, List<Long>> missing = new LinkedHashMap<>();
    for (Variant v : variants) {
      List<Long> need =
          bySeed.getOrDefault(v, Map.of()).keySet().stream()
              .filter(seed -> !table.run(v).contains(seed))
              .sorted()
              .toList();
      if (!need.isEmpty()) {
        missing.put(v, need);
      }
    }
    return missing;
  }

  /** Without comparisons, the first look's seeds of every variant that lacks them. */
  private Map<Variant, List<Long>> firstLook(SeedTable table) {
    Map<Variant, List<Long>> missing = new LinkedHashMap<>();
    for (Variant v : variants) {
      List<Long> need = new ArrayList<>();
      for (long seed = 1; seed <= decisions.looks().get(0); seed++) {
        if (!table.run(v).contains(seed)) {
          need.add(seed);
        }
      }
      if (!need.isEmpty()) {
        missing.put(v, need);
      }
    }
    return missing;
  }

  @Override
  public void arrived(TrialResult result) {
    results.put(result.trialId(), result.withVariant(view.apply(result.variant())));
  }

  @Override
  public String describe() {
    return "rounds of seeds";
  }
}
