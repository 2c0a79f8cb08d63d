package io.bnsweep.report.stats;

import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sentences about a sweep's comparisons that both renderers print, worded once: the answer in
 * words, how the decisions were made, the interval's header, each decision's cell.
 */
public final class StatisticsText {
  private StatisticsText() {}

  /** Why there are no comparisons. */
  public static String noComparisons(SweepStatistics stats) {
    return stats.axis().isEmpty()
        ? "No comparisons: name the compared axis and its baseline with compare: {axis: ...,"
            + " baseline: ...} in the spec or --compare axis=value."
        : "No comparisons: the sweep needs the baseline "
            + stats.axis().get()
            + " '"
            + stats.baseline().orElse("?")
            + "' and at least one other value in the same stratum.";
  }

  /** {@code 99.44% interval}: the confidence of each simultaneous interval. */
  public static String intervalHeader(DecisionRule rule) {
    return percent(rule.confidence()) + " interval";
  }

  /** How the comparisons were made and decided, and what the intervals cover. */
  public static String method(SweepStatistics stats) {
    DecisionRule rule = stats.rule();
    String looks =
        rule.looks() == 1
            ? ""
            : " and "
                + rule.looks()
                + " looks of the sequential design (a comparison is decided at"
                + " the first look whose interval settles it, and gets no more seeds)";
    return "Decided on "
        + stats.metric()
        + " accuracy. Within each combination of the other settings, each "
        + stats.axis().orElseThrow()
        + " minus the baseline '"
        + stats.baseline().orElseThrow()
        + "', in accuracy points, paired by seed over the seeds both variants completed (Welch's"
        + " test, marked W, when seeds cannot be paired). Each interval is a "
        + percent(rule.confidence())
        + " t-interval: alpha "
        + rule.alpha()
        + " split (Bonferroni) over the "
        + rule.comparisons()
        + " comparison"
        + (rule.comparisons() == 1 ? "" : "s")
        + looks
        + ", so all intervals at all looks hold together with probability at least "
        + percent(1 - rule.alpha())
        + ", and every claim below follows from its interval: it excludes 0 (differs), it lies"
        + " within ±"
        + Verdict.margin(rule.margin())
        + " points (equivalent), or both. An inconclusive comparison is planned with the sweep's"
        + " pooled sd of paired differences, for 80% power to detect ±"
        + Verdict.margin(2 * rule.margin())
        + " points or to show equivalence, whichever needs fewer seeds. p (t), p (Wilcoxon) and"
        + " d_z are each comparison's own, unadjusted. With fewer than "
        + DecisionRule.MIN_PAIRS
        + " pairs nothing is decided.";
  }

  /** {@code differs (look 1, 5 pairs)}. */
  public static String decision(Outcome o, DecisionRule rule) {
    String name =
        switch (o.decision()) {
          case DIFFERS -> "differs";
          case EQUIVALENT -> "equivalent";
          case DIFFERS_WITHIN_MARGIN -> "differs, < ±" + Verdict.margin(rule.margin());
          case INCONCLUSIVE -> "inconclusive";
          case NO_DECISION -> "no decision";
        };
    if (o.decision() == Decision.NO_DECISION) {
      return name;
    }
    return name + (rule.looks() > 1 ? " (look " + o.look() + ", " : " (") + o.pairs() + " pairs)";
  }

  /**
   * The answer in words, decided comparisons first, grouped by stratum: one sentence per stratum
   * and decision, e.g. {@code For relu: after and before are equivalent within ±1 points (...).}
   */
  public static List<String> answer(SweepStatistics stats) {
    List<String> lines = new ArrayList<>();
    double margin = stats.rule().margin();
    Map<String, List<Comparison>> byStratum = new LinkedHashMap<>();
    for (Comparison c : stats.comparisons()) {
      byStratum.computeIfAbsent(c.stratumLabel(), k -> new ArrayList<>()).add(c);
    }
    for (boolean decided : new boolean[] {true, false}) {
      byStratum.forEach(
          (stratum, comparisons) -> {
            List<String> verdicts = new ArrayList<>();
            for (Comparison c : comparisons) {
              if (c.decision().decided() == decided) {
                verdicts.add(c.verdict(margin));
              }
            }
            if (!verdicts.isEmpty()) {
              lines.add(
                  (stratum.equals(Variant.ALL) ? "" : "For " + stratum + ": ")
                      + String.join("; ", verdicts)
                      + ".");
            }
          });
    }
    return lines;
  }

  private static String percent(double confidence) {
    String text = String.format(Locale.ROOT, "%.3f", 100 * confidence);
    text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
    return text + "%";
  }
}
