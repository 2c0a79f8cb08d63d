package io.bnsweep.report.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

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
      md.append("No comparisons: the sweep needs the baseline placement `")
          .append(stats.baseline().id())
          .append("` and at least one other placement.\n\n");
      return;
    }
    long tested = family.stream().filter(c -> c.difference().isTested()).count();
    md.append("Within each activation, each placement minus the baseline `")
        .append(stats.baseline().id())
        .append("`, in accuracy points. Seed i of every variant shares initialisation and data ")
        .append("order, so comparisons are paired by seed: p (t) is the paired t-test (Welch's, ")
        .append("marked W, when the seeds cannot be paired), p (Wilcoxon) the signed-rank test ")
        .append("(exact up to 20 pairs), d_z the mean difference over the standard deviation of ")
        .append("the differences, and p_holm the t-test's p after Holm's adjustment across the ")
        .append(tested)
        .append(" tested comparison")
        .append(tested == 1 ? "" : "s")
        .append(". Verdicts at p_holm < 0.05.\n\n");
    md.append("| activation | placement vs baseline | n pairs | mean diff (points) | 95% CI ")
        .append("| p (t) | p (Wilcoxon) | d_z | p_holm | verdict |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|\n");
    Map<String, List<String>> notes = new LinkedHashMap<>();
    for (Comparison c : family) {
      Difference d = c.difference();
      String label = c.placement().id() + " vs " + c.baseline().id();
      md.append("| ")
          .append(c.activation().id())
          .append(" | ")
          .append(label)
          .append(" | ")
          .append(d.sampleSizes())
          .append(" | ")
          .append(Double.isNaN(d.mean()) ? NONE : format("%+.2f", 100 * d.mean()))
          .append(" | ")
          .append(
              d.ci().isDefined()
                  ? format("[%.2f, %.2f]", 100 * d.ci().low(), 100 * d.ci().high())
                  : NONE)
          .append(" | ")
          .append(p(d.p()))
          .append(d.design() == Design.WELCH ? " W" : "")
          .append(" | ")
          .append(p(d.pWilcoxon()))
          .append(" | ")
          .append(Double.isNaN(d.dz()) ? NONE : format("%.2f", d.dz()))
          .append(" | ")
          .append(p(c.pHolm()))
          .append(" | ")
          .append(c.verdict().replace("|", "\\|"))
          .append(" |\n");
      String where = label + " (" + c.activation().id() + ")";
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

  private static void appendMainEffects(StringBuilder md, MainEffects effects) {
    md.append("## Main effects (two-way ANOVA, seed as block)\n\n");
    if (effects.table().isEmpty()) {
      effects.notes().forEach(n -> md.append(n).append(".\n\n"));
      return;
    }
    AnovaTable t = effects.table().orElseThrow();
    md.append("Test accuracy = placement + activation + placement × activation + seed; ")
        .append(effects.placements().size())
        .append(" placements, ")
        .append(effects.activations().size())
        .append(" activations, seeds ")
        .append(effects.seeds().stream().map(String::valueOf).collect(Collectors.joining(", ")))
        .append(" as blocks. SS and MS in points².\n\n")
        .append("| source | SS | df | MS | F | p |\n|---|---|---|---|---|---|\n");
    appendRow(md, "placement", t.factorA());
    appendRow(md, "activation", t.factorB());
    appendRow(md, "placement × activation", t.interaction());
    appendRow(md, "seed (block)", t.block());
    appendRow(md, "residual", t.residual());
    md.append('\n');
    effects.notes().forEach(n -> md.append("- ").append(n).append('\n'));
    if (!effects.notes().isEmpty()) {
      md.append('\n');
    }
  }

  private static void appendRow(StringBuilder md, String source, AnovaRow row) {
    double points2 = 100 * 100;
    md.append("| ")
        .append(source)
        .append(" | ")
        .append(format("%.3f", points2 * row.ss()))
        .append(" | ")
        .append(row.df())
        .append(" | ")
        .append(format("%.3f", points2 * row.ms()))
        .append(" | ")
        .append(Double.isNaN(row.f()) ? NONE : format("%.2f", row.f()))
        .append(" | ")
        .append(p(row.p()))
        .append(" |\n");
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
