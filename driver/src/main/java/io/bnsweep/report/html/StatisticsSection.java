package io.bnsweep.report.html;

import io.bnsweep.report.Numbers;
import io.bnsweep.report.stats.AnovaResult;
import io.bnsweep.report.stats.AnovaRow;
import io.bnsweep.report.stats.AnovaTerm;
import io.bnsweep.report.stats.Comparison;
import io.bnsweep.report.stats.Design;
import io.bnsweep.report.stats.Difference;
import io.bnsweep.report.stats.MainEffects;
import io.bnsweep.report.stats.MainEffectsText;
import io.bnsweep.report.stats.StatisticsMarkdown;
import io.bnsweep.report.stats.SweepStatistics;
import io.bnsweep.report.stats.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inferential statistics of {@link SweepStatistics}: the comparisons of every placement with
 * the baseline, with their verdicts, and the main-effects ANOVA; the same content as the Markdown
 * summary's sections, with detected differences highlighted.
 */
final class StatisticsSection {
  private StatisticsSection() {}

  /** The comparisons section. */
  static String comparisons(SweepStatistics stats) {
    StringBuilder html = new StringBuilder(Html.sectionStart("comparisons", "Comparisons"));
    html.append(Html.list(stats.warnings()));
    List<Comparison> family = stats.comparisons();
    if (family.isEmpty()) {
      html.append(
          Html.note(
              stats.axis().isEmpty()
                  ? "No comparisons: name the compared axis and its baseline with compare: {axis:"
                      + " ..., baseline: ...} in the spec or --compare axis=value."
                  : "No comparisons: the sweep needs the baseline "
                      + stats.axis().get()
                      + " '"
                      + stats.baseline().orElse("?")
                      + "' and at least one other value in the same stratum."));
      return html.append(Html.sectionEnd()).toString();
    }
    html.append(
        Html.note(
            "Within each combination of the other settings, each "
                + stats.axis().orElseThrow()
                + " minus the baseline '"
                + stats.baseline().orElseThrow()
                + "', in accuracy points, paired by seed over the seeds both completed (Welch's"
                + " test, marked W, when seeds cannot be paired). p_holm: the t-test's p after"
                + " Holm's adjustment across all tested comparisons; verdicts at p_holm < "
                + Verdict.ALPHA
                + "; highlighted rows are detected differences."));
    HtmlTable table =
        new HtmlTable(
            "stats",
            "within",
            stats.axis().orElseThrow() + " vs baseline",
            "n pairs",
            "mean diff (points)",
            "95% CI",
            "p (t)",
            "p (Wilcoxon)",
            "d_z",
            "p_holm",
            "failed",
            "verdict");
    Map<String, List<String>> notes = new LinkedHashMap<>();
    for (Comparison c : family) {
      Difference d = c.difference();
      String label = c.label();
      boolean detected = d.isTested() && c.pHolm() < Verdict.ALPHA;
      table.rowHtml(
          detected ? "detected" : null,
          Html.text(c.stratumLabel()),
          Html.text(label),
          Html.text(d.sampleSizes()),
          Numbers.signedPoints(d.mean()),
          Numbers.interval(d.ci()),
          Numbers.p(d.p()) + (d.design() == Design.WELCH ? " W" : ""),
          Numbers.p(d.pWilcoxon()),
          Numbers.fixed(d.dz(), 2),
          Numbers.p(c.pHolm()),
          Html.text(StatisticsMarkdown.failures(c)),
          Html.text(c.verdict()));
      String where = label + " (" + c.stratumLabel() + ")";
      d.notes().forEach(n -> notes.computeIfAbsent(n, k -> new ArrayList<>()).add(where));
    }
    html.append(table.html());
    List<String> shared = new ArrayList<>();
    notes.forEach((note, where) -> shared.add(String.join(", ", where) + ": " + note));
    html.append(Html.list(shared));
    return html.append(Html.sectionEnd()).toString();
  }

  /** The main-effects section: the linear model's table, or why it was skipped. */
  static String mainEffects(MainEffects effects) {
    StringBuilder html =
        new StringBuilder(
            Html.sectionStart(
                "anova", "Main effects and interactions (linear model, seed as block)"));
    if (effects.anova().isEmpty()) {
      effects.notes().forEach(n -> html.append(Html.note(n + ".")));
      return html.append(Html.sectionEnd()).toString();
    }
    AnovaResult t = effects.anova().orElseThrow();
    html.append(Html.note(MainEffectsText.model(effects)));
    HtmlTable table =
        new HtmlTable("stats anova", "source", "SS", "df", "MS", "F", "p", "generalised η²");
    for (AnovaTerm term : t.terms()) {
      row(table, term.label(), term.row(), Numbers.fixed(term.generalizedEtaSquared(), 3));
    }
    t.block().ifPresent(b -> row(table, "seed (block)", b, Numbers.NONE));
    row(table, "residual", t.residual(), Numbers.NONE);
    html.append(table.html())
        .append(
            Html.note(
                "Range of each axis's marginal means (points): " + MainEffectsText.ranges(t) + "."))
        .append(Html.list(effects.notes()));
    return html.append(Html.sectionEnd()).toString();
  }

  private static void row(HtmlTable table, String source, AnovaRow row, String eta) {
    double points2 = 100 * 100;
    table.rowHtml(
        row.p() < Verdict.ALPHA ? "detected" : null,
        Html.text(source),
        Numbers.fixed(points2 * row.ss(), 3),
        String.valueOf(row.df()),
        Numbers.fixed(points2 * row.ms(), 3),
        Numbers.fixed(row.f(), 2),
        Numbers.p(row.p()),
        eta);
  }
}
