package io.bnsweep.report.html;

import io.bnsweep.report.Numbers;
import io.bnsweep.report.TuneSetup;
import io.bnsweep.report.TunedReport;
import io.bnsweep.report.TunedReport.ArmSearch;
import io.bnsweep.report.TunedReport.Configuration;
import io.bnsweep.report.TunedText;
import io.bnsweep.report.stats.StatisticsText;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code report.html} of a tuned comparison ({@link TunedReport}): the confirmed comparison's page,
 * opened by the answer at each variant's own best settings beside the answer at the spec's
 * settings, and each variant's search (its response curve, its chosen configuration, the budget it
 * spent, and the expected best accuracy against the configurations searched).
 */
public final class TunedHtml {
  private TunedHtml() {}

  /** The page. */
  public static String of(TunedReport report) {
    return HtmlReport.of(report.tuned(), answer(report) + search(report));
  }

  private static String answer(TunedReport report) {
    StringBuilder html = new StringBuilder(Html.sectionStart("answer", "The answer"));
    html.append(Html.note(TunedText.tunedPreamble(report)));
    List<String> tuned = report.answer();
    html.append(
        tuned.isEmpty()
            ? Html.note("No comparison could be made at the chosen settings.")
            : Html.list(tuned));
    report
        .fixed()
        .ifPresent(
            fixed -> {
              html.append(Html.note(TunedText.fixedPreamble(report)))
                  .append(Html.list(StatisticsText.answer(fixed.statistics())))
                  .append(Html.note(TunedText.disagreement(report).replace("**", "")));
            });
    report.budgetNotes().forEach(n -> html.append(Html.note(n)));
    html.append(Html.note(TunedText.NO_SELECTION_BIAS)).append(Html.sectionEnd());
    report
        .fixed()
        .ifPresent(
            fixed ->
                html.append(
                    StatisticsSection.comparisons(
                        fixed.statistics(),
                        "comparisons-fixed",
                        "Comparisons at the spec's own settings")));
    return html.toString();
  }

  private static String search(TunedReport report) {
    TuneSetup setup = report.setup();
    StringBuilder html = new StringBuilder(Html.sectionStart("search", "The search, per variant"));
    html.append(Html.note(TunedText.searchCaption(setup)));
    HtmlTable table =
        new HtmlTable(
            "stats",
            "variant",
            "chosen",
            "validation %",
            "spread (sd, points)",
            "epochs trained",
            "of a full search");
    for (ArmSearch arm : report.arms()) {
      table.row(
          arm.label(),
          arm.chosen().map(Configuration::settings).orElse("none reached the last rung"),
          arm.chosen().map(c -> Numbers.percent(c.validation())).orElse(Numbers.NONE),
          arm.spread().map(Numbers::points).orElse(Numbers.NONE),
          String.valueOf(arm.epochsTrained()),
          String.valueOf(arm.fullBudget()));
    }
    html.append(table.html());
    HtmlTable top =
        new HtmlTable("stats", "variant", "settings", "epochs reached", "validation %", "state");
    for (ArmSearch arm : report.arms()) {
      for (Configuration c : arm.top()) {
        top.row(
            arm.label(),
            c.settings(),
            String.valueOf(c.epochs()),
            Numbers.percent(c.validation()),
            c.state());
      }
    }
    html.append("<h3>The configurations that got furthest, best first</h3>\n").append(top.html());
    List<String> names = report.arms().stream().map(ArmSearch::label).toList();
    List<Charts.Line> expected = new ArrayList<>();
    List<Charts.Marks> response = new ArrayList<>();
    for (ArmSearch arm : report.arms()) {
      List<Charts.Point> points = new ArrayList<>();
      for (int n = 1; n <= arm.expectedBest().size(); n++) {
        points.add(Charts.Point.of(n, 100 * arm.expectedBest().get(n - 1)));
      }
      expected.add(new Charts.Line(arm.label(), Palette.of(arm.label(), names), points));
      Color color = Palette.of(arm.label(), names);
      response.add(
          new Charts.Marks(
              arm.label() + ": reached the last rung", color, true, responsePoints(arm, true)));
      response.add(
          new Charts.Marks(
              arm.label() + ": stopped early", color, false, responsePoints(arm, false)));
    }
    html.append("<h3>Expected best accuracy against configurations searched</h3>\n")
        .append(Html.note(TunedText.EXPECTED_BEST_CAPTION))
        .append("<div class=\"charts\">")
        .append(
            PngImage.img(
                Charts.lines(
                    "expected best (first rung)",
                    "configurations searched",
                    "validation accuracy (%)",
                    expected),
                480,
                320,
                "expected best validation accuracy against configurations searched"));
    if (setup.axes().size() == 1) {
      html.append(
          PngImage.img(
              Charts.scatter(
                  "response: each configuration at the last epoch it reached",
                  "log10 " + setup.axes().get(0),
                  "validation accuracy (%)",
                  response),
              480,
              320,
              "validation accuracy against the tuned setting"));
    }
    html.append("</div>\n");
    return html.append(Html.sectionEnd()).toString();
  }

  /**
   * The validation accuracy at the last epoch it reached of each configuration that reached the
   * last rung ({@code complete}) or of each stopped early (paused and never promoted, or failed),
   * against the log of its one tuned setting (read back from its label, {@code lr=0.01}).
   */
  private static List<Charts.Point> responsePoints(ArmSearch arm, boolean complete) {
    List<Charts.Point> points = new ArrayList<>();
    for (Configuration c : arm.all()) {
      if ("COMPLETE".equals(c.state()) != complete) {
        continue;
      }
      String text = c.settings().substring(c.settings().indexOf('=') + 1);
      try {
        double x = Double.parseDouble(text);
        if (x > 0) {
          points.add(Charts.Point.of(Math.log10(x), 100 * c.validation()));
        }
      } catch (NumberFormatException notNumeric) {
        return List.of();
      }
    }
    points.sort(Comparator.comparingDouble(Charts.Point::x));
    return points;
  }
}
