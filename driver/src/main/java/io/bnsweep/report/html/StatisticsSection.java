package io.bnsweep.report.html;

import io.bnsweep.report.stats.AnovaRow;
import io.bnsweep.report.stats.AnovaTable;
import io.bnsweep.report.stats.Comparison;
import io.bnsweep.report.stats.Design;
import io.bnsweep.report.stats.Difference;
import io.bnsweep.report.stats.MainEffects;
import io.bnsweep.report.stats.SweepStatistics;
import io.bnsweep.report.stats.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
              "No comparisons: the sweep needs the baseline placement '"
                  + stats.baseline().id()
                  + "' and at least one other placement."));
      return html.append(Html.sectionEnd()).toString();
    }
    html.append(
        Html.note(
            "Within each activation, each placement minus the baseline '"
                + stats.baseline().id()
                + "', in accuracy points, paired by seed (Welch's test, marked W, when seeds"
                + " cannot be paired). p_holm: the t-test's p after Holm's adjustment across all"
                + " tested comparisons; verdicts at p_holm < "
                + Verdict.ALPHA
                + "; highlighted rows are detected differences."));
    HtmlTable table =
        new HtmlTable(
            "stats",
            "activation",
            "placement vs baseline",
            "n pairs",
            "mean diff (points)",
            "95% CI",
            "p (t)",
            "p (Wilcoxon)",
            "d_z",
            "p_holm",
            "verdict");
    Map<String, List<String>> notes = new LinkedHashMap<>();
    for (Comparison c : family) {
      Difference d = c.difference();
      String label = c.placement().id() + " vs " + c.baseline().id();
      boolean detected = d.isTested() && c.pHolm() < Verdict.ALPHA;
      table.rowHtml(
          detected ? "detected" : null,
          Html.text(c.activation().id()),
          Html.text(label),
          Html.text(d.sampleSizes()),
          Numbers.signedPoints(d.mean()),
          Numbers.interval(d.ci()),
          Numbers.p(d.p()) + (d.design() == Design.WELCH ? " W" : ""),
          Numbers.p(d.pWilcoxon()),
          Numbers.fixed(d.dz(), 2),
          Numbers.p(c.pHolm()),
          Html.text(c.verdict()));
      String where = label + " (" + c.activation().id() + ")";
      d.notes().forEach(n -> notes.computeIfAbsent(n, k -> new ArrayList<>()).add(where));
    }
    html.append(table.html());
    List<String> shared = new ArrayList<>();
    notes.forEach((note, where) -> shared.add(String.join(", ", where) + ": " + note));
    html.append(Html.list(shared));
    return html.append(Html.sectionEnd()).toString();
  }

  /** The main-effects section: the ANOVA table, or why it was skipped. */
  static String mainEffects(MainEffects effects) {
    StringBuilder html =
        new StringBuilder(
            Html.sectionStart("anova", "Main effects (two-way ANOVA, seed as block)"));
    if (effects.table().isEmpty()) {
      effects.notes().forEach(n -> html.append(Html.note(n + ".")));
      return html.append(Html.sectionEnd()).toString();
    }
    AnovaTable t = effects.table().orElseThrow();
    html.append(
        Html.note(
            "Test accuracy = placement + activation + placement × activation + seed; "
                + effects.placements().size()
                + " placements, "
                + effects.activations().size()
                + " activations, seeds "
                + effects.seeds().stream().map(String::valueOf).collect(Collectors.joining(", "))
                + " as blocks. SS and MS in points²."));
    HtmlTable table = new HtmlTable("stats anova", "source", "SS", "df", "MS", "F", "p");
    row(table, "placement", t.factorA());
    row(table, "activation", t.factorB());
    row(table, "placement × activation", t.interaction());
    row(table, "seed (block)", t.block());
    row(table, "residual", t.residual());
    html.append(table.html()).append(Html.list(effects.notes()));
    return html.append(Html.sectionEnd()).toString();
  }

  private static void row(HtmlTable table, String source, AnovaRow row) {
    double points2 = 100 * 100;
    table.rowHtml(
        row.p() < Verdict.ALPHA ? "detected" : null,
        Html.text(source),
        Numbers.fixed(points2 * row.ss(), 3),
        String.valueOf(row.df()),
        Numbers.fixed(points2 * row.ms(), 3),
        Numbers.fixed(row.f(), 2),
        Numbers.p(row.p()));
  }
}
