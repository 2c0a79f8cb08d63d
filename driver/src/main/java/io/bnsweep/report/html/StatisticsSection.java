package io.bnsweep.report.html;

import io.bnsweep.report.Numbers;
import io.bnsweep.report.ReportModel;
import io.bnsweep.report.stats.AnovaResult;
import io.bnsweep.report.stats.AnovaRow;
import io.bnsweep.report.stats.AnovaTerm;
import io.bnsweep.report.stats.Comparison;
import io.bnsweep.report.stats.Design;
import io.bnsweep.report.stats.Difference;
import io.bnsweep.report.stats.MainEffects;
import io.bnsweep.report.stats.MainEffectsText;
import io.bnsweep.report.stats.Outcome;
import io.bnsweep.report.stats.StatisticsMarkdown;
import io.bnsweep.report.stats.StatisticsText;
import io.bnsweep.report.stats.SweepStatistics;
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
    return comparisons(stats, "comparisons", "Comparisons");
  }

  /** {@link #comparisons(SweepStatistics)} as a section with its own anchor and heading. */
  static String comparisons(SweepStatistics stats, String id, String heading) {
    StringBuilder html = new StringBuilder(Html.sectionStart(id, heading));
    html.append(Html.list(stats.warnings()));
    List<Comparison> family = stats.comparisons();
    if (family.isEmpty()) {
      html.append(Html.note(StatisticsText.noComparisons(stats)));
      return html.append(Html.sectionEnd()).toString();
    }
    html.append(Html.note(StatisticsText.method(stats) + " Highlighted rows claim something."));
    HtmlTable table =
        new HtmlTable(
            "stats",
            "within",
            stats.axis().orElseThrow() + " vs baseline",
            "n pairs",
            "mean diff (points)",
            StatisticsText.intervalHeader(stats.rule()),
            "p (t)",
            "p (Wilcoxon)",
            "d_z",
            "failed",
            "decision",
            "verdict");
    Map<String, List<String>> notes = new LinkedHashMap<>();
    double margin = stats.rule().margin();
    for (Comparison c : family) {
      Difference d = c.difference();
      Outcome o = c.outcome();
      String label = c.label();
      table.rowHtml(
          c.decision().decided() ? "detected" : null,
          Html.text(c.stratumLabel()),
          Html.text(label),
          Html.text(d.sampleSizes()),
          Numbers.signedPoints(d.mean()),
          Numbers.interval(o.interval()),
          Numbers.p(d.p()) + (d.design() == Design.WELCH ? " W" : ""),
          Numbers.p(d.pWilcoxon()),
          Numbers.fixed(d.dz(), 2),
          Html.text(StatisticsMarkdown.failures(c)),
          Html.text(StatisticsText.decision(o, stats.rule())),
          Html.text(c.verdict(margin)));
      String where = c.within(label);
      d.notes().forEach(n -> notes.computeIfAbsent(n, k -> new ArrayList<>()).add(where));
    }
    html.append(table.html());
    List<String> shared = new ArrayList<>();
    notes.forEach((note, where) -> shared.add(String.join(", ", where) + ": " + note));
    html.append(Html.list(shared));
    return html.append(Html.sectionEnd()).toString();
  }

  /** Seeds run per variant (complete and failed), as bars: where a sequential design spent them. */
  static String seedsUsed(ReportModel model) {
    List<Charts.Bar> bars = new ArrayList<>();
    Map<String, java.awt.Color> colors = new LinkedHashMap<>();
    colors.put("complete", new java.awt.Color(0x0072b2));
    colors.put("failed", new java.awt.Color(0xd55e00));
    boolean anyFailed = false;
    for (ReportModel.VariantSummary v : model.variants().values()) {
      bars.add(new Charts.Bar("complete", v.label(), v.seeds() - v.failed(), Double.NaN));
      if (v.failed() > 0) {
        anyFailed = true;
        bars.add(new Charts.Bar("failed", v.label(), v.failed(), Double.NaN));
      }
    }
    if (!anyFailed) {
      colors.remove("failed");
    }
    int width = Math.max(640, Math.min(1300, 40 * model.variants().size()));
    return "<h3 id=\"seeds\">Seeds per variant</h3>\n"
        + Html.note(seedsCaption(model))
        + "<div class=\"charts\">"
        + PngImage.img(
            Charts.bars(
                "Seeds per variant",
                "variant",
                "seeds",
                bars,
                colors,
                Charts.Scale.LINEAR,
                Double.POSITIVE_INFINITY),
            width,
            320,
            "seeds per variant")
        + "</div>\n";
  }

  /**
   * What the seeds chart shows, in words that hold for the sweep at hand: the same number for every
   * variant, or counts that differ (a sequential design's later rounds, or failures).
   */
  static String seedsCaption(ReportModel model) {
    long distinct = model.variants().values().stream().mapToInt(v -> v.seeds()).distinct().count();
    if (distinct <= 1) {
      return "Seeds run per variant: the same number for every variant.";
    }
    return "Seeds run per variant. They differ where a sequential design added seeds to"
        + " comparisons still undecided, or where a variant's trials failed (shown apart).";
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
        row.p() < 0.05 ? "detected" : null,
        Html.text(source),
        Numbers.fixed(points2 * row.ss(), 3),
        String.valueOf(row.df()),
        Numbers.fixed(points2 * row.ms(), 3),
        Numbers.fixed(row.f(), 2),
        Numbers.p(row.p()),
        eta);
  }
}
