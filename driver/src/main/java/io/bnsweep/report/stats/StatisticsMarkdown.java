package io.bnsweep.report.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Markdown of a sweep's {@link SweepStatistics}: the "Comparisons" table with its notes, and
 * the "Main effects (two-way ANOVA, seed as block)" table or the reason it was skipped.
 *
 * <p>Accuracy differences, intervals and sums of squares are shown in percentage points (100 times
 * the fractions the statistics are computed on), like the accuracy table above them. Notes that
 * several comparisons share are printed once, naming the comparisons, so that a sweep of twelve
 * three-seed comparisons gets one Wilcoxon caveat, not twelve.
 */
public final class StatisticsMarkdown {
  private static final String NONE = "–";

  private StatisticsMarkdown() {}

  /** Both sections, each ending with a blank line. */
  public static String of(SweepStatistics stats) {
    StringBuilder md = new StringBuilder();
    appendComparisons(md, stats);
    appendMainEffects(md, stats.mainEffects());
    return md.toString();
  }

  private static void appendComparisons(StringBuilder md, SweepStatistics stats) {
    List<Comparison> family = stats.comparisons();
    md.append("## Comparisons\n\n");
    stats.warnings().forEach(w -> md.append("- ").append(w).append('\n'));
    if (!stats.warnings().isEmpty()) {
      md.append('\n');
    }
    if (family.isEmpty()) {
      md.append(StatisticsText.noComparisons(stats)).append("\n\n");
      return;
    }
    md.append(StatisticsText.method(stats)).append("\n\n");
    md.append("| within | ")
        .append(stats.axis().orElseThrow())
        .append(" vs baseline | n pairs | mean diff (points) | ")
        .append(StatisticsText.intervalHeader(stats.rule()))
        .append(" | p (t) | p (Wilcoxon) | d_z | failed | decision | verdict |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    Map<String, List<String>> notes = new LinkedHashMap<>();
    double margin = stats.rule().margin();
    for (Comparison c : family) {
      Difference d = c.difference();
      Outcome o = c.outcome();
      String label = c.label();
      md.append("| ")
          .append(c.stratumLabel())
          .append(" | ")
          .append(label)
          .append(" | ")
          .append(d.sampleSizes())
          .append(" | ")
          .append(Double.isNaN(d.mean()) ? NONE : format("%+.2f", 100 * d.mean()))
          .append(" | ")
          .append(
              o.interval().isDefined()
                  ? format("[%.2f, %.2f]", 100 * o.interval().low(), 100 * o.interval().high())
                  : NONE)
          .append(" | ")
          .append(p(d.p()))
          .append(d.design() == Design.WELCH ? " W" : "")
          .append(" | ")
          .append(p(d.pWilcoxon()))
          .append(" | ")
          .append(Double.isNaN(d.dz()) ? NONE : format("%.2f", d.dz()))
          .append(" | ")
          .append(failures(c))
          .append(" | ")
          .append(StatisticsText.decision(o, stats.rule()))
          .append(" | ")
          .append(c.verdict(margin).replace("|", "\\|"))
          .append(" |\n");
      String where = c.within(label);
      d.notes().forEach(note -> notes.computeIfAbsent(note, n -> new ArrayList<>()).add(where));
    }
    md.append('\n');
    notes.forEach(
        (note, where) ->
            md.append("- ")
                .append(String.join(", ", where))
                .append(": ")
                .append(note)
                .append('\n'));
    if (!notes.isEmpty()) {
      md.append('\n');
    }
  }

  /** {@code "candidate 1 of 3 seeds failed"}, or a dash. */
  public static String failures(Comparison c) {
    List<String> parts = new ArrayList<>();
    if (c.candidateFailures().failed() > 0) {
      parts.add(c.candidate() + ": " + c.candidateFailures().text());
    }
    if (c.baselineFailures().failed() > 0) {
      parts.add(c.baseline() + ": " + c.baselineFailures().text());
    }
    return parts.isEmpty() ? NONE : String.join("; ", parts);
  }

  private static void appendMainEffects(StringBuilder md, MainEffects effects) {
    md.append("## Main effects and interactions (linear model, seed as block)\n\n");
    if (effects.anova().isEmpty()) {
      effects.notes().forEach(n -> md.append(n).append(".\n\n"));
      return;
    }
    AnovaResult t = effects.anova().orElseThrow();
    md.append(MainEffectsText.model(effects))
        .append("\n\n")
        .append(
            "| source | SS | df | MS | F | p | generalised η² |\n|---|---|---|---|---|---|---|\n");
    for (AnovaTerm term : t.terms()) {
      appendRow(md, term.label(), term.row(), fixed(term.generalizedEtaSquared()));
    }
    t.block().ifPresent(b -> appendRow(md, "seed (block)", b, NONE));
    appendRow(md, "residual", t.residual(), NONE);
    md.append('\n');
    md.append("Range of each axis's marginal means (points): ")
        .append(MainEffectsText.ranges(t))
        .append(".\n\n");
    effects.notes().forEach(n -> md.append("- ").append(n).append('\n'));
    if (!effects.notes().isEmpty()) {
      md.append('\n');
    }
  }

  private static void appendRow(StringBuilder md, String source, AnovaRow row, String eta) {
    double points2 = 100 * 100;
    md.append("| ")
        .append(source)
        .append(" | ")
        .append(fixed(points2 * row.ss()))
        .append(" | ")
        .append(row.df())
        .append(" | ")
        .append(fixed(points2 * row.ms()))
        .append(" | ")
        .append(Double.isNaN(row.f()) ? NONE : format("%.2f", row.f()))
        .append(" | ")
        .append(p(row.p()))
        .append(" | ")
        .append(eta)
        .append(" |\n");
  }

  private static String fixed(double value) {
    return Double.isNaN(value) ? NONE : format("%.3f", value);
  }

  private static String p(double p) {
    if (Double.isNaN(p)) {
      return NONE;
    }
    return p < 0.001 ? "<0.001" : format("%.3f", p);
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
