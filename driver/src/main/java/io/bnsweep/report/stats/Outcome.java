package io.bnsweep.report.stats;

import java.util.OptionalInt;

/**
 * The decision on one comparison and the numbers it rests on.
 *
 * @param decision what the interval settles
 * @param interval the simultaneous interval the decision was read from (fractions), undefined when
 *     there is no decision
 * @param look the look (round of seeds, from 1) at which it was decided or last examined
 * @param pairs the pairs the decision used
 * @param seedsNeeded for an inconclusive comparison, the seeds per variant that would decide it
 *     (always more than {@code pairs}); empty otherwise, or when no count up to {@link
 *     Power#MAX_SEEDS} would
 * @param reason why there is no decision, or empty
 */
public record Outcome(
    Decision decision,
    Interval interval,
    int look,
    int pairs,
    OptionalInt seedsNeeded,
    String reason) {

  /** No decision at {@code look} on {@code pairs} pairs, because {@code why}. */
  public static Outcome none(int look, int pairs, String why) {
    return new Outcome(
        Decision.NO_DECISION, Interval.UNDEFINED, look, pairs, OptionalInt.empty(), why);
  }
}
