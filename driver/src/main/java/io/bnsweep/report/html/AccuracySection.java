package io.bnsweep.report.html;

import io.bnsweep.report.CellStats;
import io.bnsweep.report.ReportModel;
import io.bnsweep.report.ReportModel.Facet;
import io.bnsweep.report.ReportModel.Panel;
import io.bnsweep.report.ReportModel.VariantSummary;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;

/**
 * Test accuracy: the {@link HeatMap}s, a bar chart per facet of every variant's mean with its 95%
 * interval (columns as categories, rows as colours), and the learning curves (mean test accuracy
 * per epoch with its 95% band), one chart per facet and column value with a line per row value.
 */
final class AccuracySection {
  private AccuracySection() {}

  /** The section for {@code model}; a sentence if no trial completed. */
  static String of(ReportModel model) {
    StringBuilder html = new StringBuilder(Html.sectionStart("accuracy", "Test accuracy"));
    if (!model.hasAccuracy()) {
      html.append(Html.note("No trial completed, so there is no accuracy to show."));
      return html.append(Html.sectionEnd()).toString();
    }
    html.append(
            Html.note(
                "Each cell: mean ± standard deviation over seeds (n seeds), in percent, and the"
                    + " 95% confidence interval of the mean (t-distribution, n-1 degrees of"
                    + " freedom, clipped to 0-100). "
                    + model.layout()
                    + (model.facetAxes().isEmpty()
                        ? ""
                        : " One table per " + String.join(" × ", model.facetAxes()) + ".")))
        .append(HeatMap.of(model));
    if (model.chartsTruncated()) {
      html.append(
          Html.note(
              "The sweep has "
                  + model.facets().size()
                  + " facets and "
                  + model.panelCount()
                  + " panels (a facet and a column value); each row of charts below and in the"
                  + " diagnostics shows the first "
                  + ReportModel.MAX_CHART_FACETS
                  + ", the tables show them all."));
    }
    html.append(
            Html.note("Mean test accuracy per variant, the whiskers its 95% confidence interval."))
        .append("<div class=\"charts\">");
    List<Facet> charted =
        model.facets().subList(0, Math.min(model.facets().size(), ReportModel.MAX_CHART_FACETS));
    for (Facet facet : charted) {
      String title = facet.label().isEmpty() ? "Test accuracy" : facet.label();
      html.append(
          PngImage.img(bars(model, facet, title), 640, 360, "mean test accuracy, " + title));
    }
    html.append("</div>\n")
        .append("<h3 id=\"curves\">Learning curves</h3>\n")
        .append(
            Html.note(
                "Mean test accuracy over seeds at the end of each epoch; the band is the 95%"
                    + " confidence interval of the mean (none with one seed)."))
        .append("<div class=\"charts\">");
    for (Panel panel : model.panels()) {
      html.append(
          PngImage.img(
              Charts.lines(
                  panel.title(), "epoch", "test accuracy (%)", lines(model, panel), 0, 100),
              420,
              300,
              "learning curves, " + panel.title()));
    }
    return html.append("</div>\n").append(Html.sectionEnd()).toString();
  }

  /** Bars per column value, coloured by row value. */
  private static JFreeChart bars(ReportModel model, Facet facet, String title) {
    List<Charts.Bar> bars = new ArrayList<>();
    Map<String, Color> colors = new LinkedHashMap<>();
    List<String> series = model.seriesValues();
    model
        .grid(facet)
        .forEach(
            (row, cells) ->
                cells.forEach(
                    (column, v) -> {
                      VariantSummary s = model.variants().get(v);
                      if (s.accuracy().isPresent()) {
                        colors.put(row, Palette.of(row, series));
                        bars.add(bar(row, column.isEmpty() ? "all" : column, s.accuracy().get()));
                      }
                    }));
    return Charts.bars(
        title,
        model.columns().orElse(""),
        "test accuracy (%)",
        bars,
        colors,
        Charts.Scale.LINEAR,
        100);
  }

  /** The mean in percent with the t-interval's half-width as whisker. */
  private static Charts.Bar bar(String series, String category, CellStats s) {
    double half = s.ci().isDefined() ? 100 * (s.ciHigh() - s.mean()) : Double.NaN;
    return new Charts.Bar(series, category, 100 * s.mean(), half);
  }

  /** A line per row value: mean accuracy per epoch with its t-interval. */
  private static List<Charts.Line> lines(ReportModel model, Panel panel) {
    List<Charts.Line> lines = new ArrayList<>();
    List<String> series = model.seriesValues();
    panel
        .series()
        .forEach(
            (row, variant) -> {
              List<Charts.Point> points = new ArrayList<>();
              List<CellStats> epochs = model.variants().get(variant).byEpoch();
              for (int e = 0; e < epochs.size(); e++) {
                CellStats s = epochs.get(e);
                points.add(
                    new Charts.Point(e + 1, 100 * s.mean(), 100 * s.ciLow(), 100 * s.ciHigh()));
              }
              if (!points.isEmpty()) {
                lines.add(new Charts.Line(row, Palette.of(row, series), points));
              }
            });
    return lines;
  }
}
