package io.bnsweep.report.html;

import io.bnsweep.report.CellStats;
import io.bnsweep.report.Summary;
import io.bnsweep.trial.EpochMetrics;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;

/**
 * Test accuracy: the {@link HeatMap}, a bar chart of every variant's mean with its 95% interval,
 * and the learning curves (mean test accuracy per epoch with its 95% band), one chart per
 * activation with a line per placement.
 */
final class AccuracySection {
  private AccuracySection() {}

  /** The section for {@code results}; a sentence if no trial completed. */
  static String of(Summary summary, List<TrialResult> results) {
    Map<Variant, CellStats> cells = summary.accuracy();
    StringBuilder html = new StringBuilder(Html.sectionStart("accuracy", "Test accuracy"));
    if (cells.isEmpty()) {
      html.append(Html.note("No trial completed, so there is no accuracy to show."));
      return html.append(Html.sectionEnd()).toString();
    }
    html.append(
            Html.note(
                "Each cell: mean ± standard deviation over seeds (n seeds), in percent, and the"
                    + " 95% confidence interval of the mean (t-distribution, n-1 degrees of"
                    + " freedom)."))
        .append(HeatMap.of(cells, summary.best()))
        .append(
            Html.note(
                "Mean test accuracy per variant, the whiskers its 95% confidence interval; the"
                    + " same bars grouped both ways."))
        .append("<div class=\"charts\">")
        .append(PngImage.img(byPlacement(cells), 640, 360, "mean test accuracy by placement"))
        .append(PngImage.img(byActivation(cells), 640, 360, "mean test accuracy by activation"))
        .append("</div>\n")
        .append("<h3 id=\"curves\">Learning curves</h3>\n")
        .append(
            Html.note(
                "Mean test accuracy over seeds at the end of each epoch; the band is the 95%"
                    + " confidence interval of the mean (none with one seed)."))
        .append("<div class=\"charts\">");
    curves(results)
        .forEach(
            (activation, lines) ->
                html.append(
                    PngImage.img(
                        Charts.lines(activation.id(), "epoch", "test accuracy (%)", lines, 0, 100),
                        420,
                        300,
                        "learning curves, " + activation.id())));
    return html.append("</div>\n").append(Html.sectionEnd()).toString();
  }

  /** Bars per placement coloured by activation. */
  private static JFreeChart byPlacement(Map<Variant, CellStats> cells) {
    List<Charts.Bar> bars = new ArrayList<>();
    Map<String, Color> colors = new LinkedHashMap<>();
    List<ActivationKind> activations =
        cells.keySet().stream().map(Variant::activation).distinct().sorted().toList();
    for (ActivationKind a : activations) {
      colors.put(a.id(), Palette.of(a));
      cells.forEach(
          (v, s) -> {
            if (v.activation() == a) {
              bars.add(bar(a.id(), v.placement().id(), s));
            }
          });
    }
    return Charts.bars(
        "By placement", "placement", "test accuracy (%)", bars, colors, Charts.Scale.LINEAR, 100);
  }

  /** Bars per activation coloured by placement. */
  private static JFreeChart byActivation(Map<Variant, CellStats> cells) {
    List<Charts.Bar> bars = new ArrayList<>();
    Map<String, Color> colors = new LinkedHashMap<>();
    List<Placement> placements =
        cells.keySet().stream().map(Variant::placement).distinct().sorted().toList();
    for (Placement p : placements) {
      colors.put(p.id(), Palette.of(p));
      cells.forEach(
          (v, s) -> {
            if (v.placement() == p) {
              bars.add(bar(p.id(), v.activation().id(), s));
            }
          });
    }
    return Charts.bars(
        "By activation", "activation", "test accuracy (%)", bars, colors, Charts.Scale.LINEAR, 100);
  }

  /** The mean in percent with the t-interval's half-width as whisker. */
  private static Charts.Bar bar(String series, String category, CellStats s) {
    double half = s.ci().isDefined() ? 100 * (s.ciHigh() - s.mean()) : Double.NaN;
    return new Charts.Bar(series, category, 100 * s.mean(), half);
  }

  /** Per activation, a line per placement: mean accuracy per epoch with its t-interval. */
  private static Map<ActivationKind, List<Charts.Line>> curves(List<TrialResult> results) {
    Map<Variant, Map<Integer, List<Double>>> byEpoch = new TreeMap<>(Summary.variantOrder());
    for (TrialResult r : results) {
      if (!r.isComplete()) {
        continue;
      }
      for (EpochMetrics m : r.epochs()) {
        byEpoch
            .computeIfAbsent(r.variant(), v -> new TreeMap<>())
            .computeIfAbsent(m.epoch(), e -> new ArrayList<>())
            .add(m.testAccuracy());
      }
    }
    Map<ActivationKind, List<Charts.Line>> curves = new TreeMap<>();
    byEpoch.forEach(
        (variant, epochs) -> {
          List<Charts.Point> points = new ArrayList<>();
          epochs.forEach(
              (epoch, values) -> {
                CellStats s = CellStats.of(values);
                points.add(
                    new Charts.Point(epoch, 100 * s.mean(), 100 * s.ciLow(), 100 * s.ciHigh()));
              });
          Placement p = variant.placement();
          curves
              .computeIfAbsent(variant.activation(), a -> new ArrayList<>())
              .add(new Charts.Line(p.id(), Palette.of(p), points));
        });
    return curves;
  }
}
