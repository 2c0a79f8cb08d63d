package io.bnsweep.report.html;

import io.bnsweep.report.DiagnosticsMean;
import io.bnsweep.report.ReportModel;
import io.bnsweep.report.ReportModel.Panel;
import io.bnsweep.report.VariantDiagnostics;
import io.bnsweep.variant.Variant;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The diagnostics charts, from {@link VariantDiagnostics}: for each measurement a row of charts,
 * one per panel of the report ({@link ReportModel#panels()}: a facet and a column value) with a
 * line per row value, so that the rows (by default the compared axis) compare within a chart.
 * Values are means over seeds (and over layers, see {@link DiagnosticsMean}); gradient norms are
 * per layer at the last epoch.
 *
 * <p>A chart is left out when nothing in it applies (ReLU's zero fraction for tanh, BatchNorm flips
 * without BatchNorm); the whole section is one sentence when no result has diagnostics.
 */
final class DiagnosticsSection {
  private static final int WIDTH = 420;
  private static final int HEIGHT = 300;

  private DiagnosticsSection() {}

  /** The section for {@code diagnostics}. */
  static String of(ReportModel model) {
    Map<Variant, VariantDiagnostics> diagnostics = model.diagnostics();
    StringBuilder html = new StringBuilder(Html.sectionStart("diagnostics", "Diagnostics"));
    if (diagnostics.isEmpty()) {
      html.append(
          Html.note(
              "No result has diagnostics (they are measured by trials from this version on),"
                  + " so there are no diagnostics charts."));
      return html.append(Html.sectionEnd()).toString();
    }
    html.append(
        Html.note(
            "Measured on a fixed probe batch at the end of every epoch; means over seeds of"
                + " COMPLETE trials, and over the layers each value is measured on."));
    List<Panel> activations = model.panels();
    Predicate<Variant> all = v -> true;
    Predicate<Variant> zeroes =
        v -> v.has("activation") && VariantDiagnostics.zeroesOut(v.activation());
    html.append(
            row(
                "Conv input standard deviation",
                "Of the input to the conv layers after the first: near 1 when BatchNorm"
                    + " normalises it.",
                panels(model, activations, all, "", "std", DiagnosticsMean::convInputStd)))
        .append(
            row(
                "Conv input mean",
                "Of the input to the conv layers after the first: near 0 when BatchNorm"
                    + " normalises it.",
                panels(model, activations, all, "", "mean", DiagnosticsMean::convInputMean)))
        .append(
            row(
                "ReLU: zero outputs and dead units",
                "Zero: outputs exactly zero. Dead: units (channel × position) zero for every"
                    + " probe image.",
                concat(
                    panels(
                        model,
                        activations,
                        zeroes,
                        " zero",
                        "% of outputs",
                        d -> 100 * d.zeroFraction()),
                    panels(
                        model,
                        activations,
                        zeroes,
                        " dead",
                        "% of units",
                        d -> 100 * d.deadFraction()))))
        .append(
            row(
                "Saturated outputs",
                "Sigmoid and tanh outputs where the derivative is below a tenth of its maximum.",
                panels(
                    model,
                    activations,
                    zeroes.negate(),
                    "",
                    "% of outputs",
                    d -> 100 * d.saturatedFraction())))
        .append(
            row(
                "BatchNorm γ sign flips",
                "BatchNorm scales whose sign differs from their sign at initialisation, in percent"
                    + " of all scales.",
                panels(model, activations, all, "", "% of γ", d -> 100 * d.bnScaleFlipFraction())))
        .append(
            row(
                "Residual branch against shortcut",
                "At each addition of a residual unit, the norm of the branch over the norm of the"
                    + " shortcut, averaged over the units: near 0, the units pass their input on;"
                    + " large, the branches dominate.",
                panels(
                    model,
                    activations,
                    all,
                    "",
                    "branch / shortcut",
                    DiagnosticsMean::residualRatio)))
        .append(
            row(
                "Gradient norm per layer, last epoch",
                "L2 norm of each layer's gradient on the probe batch (log scale); conv k is the"
                    + " k-th conv layer, bn k the k-th BatchNorm layer.",
                gradients(model, activations)));
    return html.append(Html.sectionEnd()).toString();
  }

  private static String row(String heading, String caption, List<String> images) {
    if (images.isEmpty()) {
      return "";
    }
    return "<h3>"
        + Html.text(heading)
        + "</h3>\n"
        + Html.note(caption)
        + "<div class=\"charts\">"
        + String.join("", images)
        + "</div>\n";
  }

  /** One line chart per panel, a line per variant that passes {@code which}; none if all NaN. */
  private static List<String> panels(
      ReportModel model,
      List<Panel> panels,
      Predicate<Variant> which,
      String suffix,
      String yLabel,
      ToDoubleFunction<DiagnosticsMean> metric) {
    List<String> images = new ArrayList<>();
    List<String> series = model.seriesValues();
    for (Panel panel : panels) {
      List<Charts.Line> lines = new ArrayList<>();
      panel
          .series()
          .forEach(
              (row, v) -> {
                VariantDiagnostics d = model.diagnostics().get(v);
                if (d == null || !which.test(v)) {
                  return;
                }
                List<Charts.Point> points = new ArrayList<>();
                for (DiagnosticsMean m : d.epochs()) {
                  double value = metric.applyAsDouble(m);
                  if (!Double.isNaN(value)) {
                    points.add(Charts.Point.of(m.epoch(), value));
                  }
                }
                if (!points.isEmpty()) {
                  lines.add(new Charts.Line(row, Palette.of(row, series), points));
                }
              });
      if (!lines.isEmpty()) {
        String title = panel.title() + suffix;
        images.add(
            PngImage.img(
                Charts.lines(title, "epoch", yLabel, lines),
                WIDTH,
                HEIGHT,
                title + ", " + yLabel + " by epoch"));
      }
    }
    return images;
  }

  private static List<String> gradients(ReportModel model, List<Panel> panels) {
    List<String> images = new ArrayList<>();
    List<String> series = model.seriesValues();
    for (Panel panel : panels) {
      Map<String, Map<String, Double>> norms = new LinkedHashMap<>();
      panel
          .series()
          .forEach(
              (row, v) -> {
                VariantDiagnostics d = model.diagnostics().get(v);
                if (d != null && d.last().isPresent()) {
                  norms.put(row, d.last().orElseThrow().gradientNorms());
                }
              });
      List<Charts.Bar> bars = new ArrayList<>();
      Map<String, Color> colors = new LinkedHashMap<>();
      for (String layer : byDepth(norms.values())) {
        norms.forEach(
            (row, byLayer) -> {
              Double norm = byLayer.get(layer);
              if (norm != null && norm > 0) {
                colors.put(row, Palette.of(row, series));
                bars.add(new Charts.Bar(row, layer, norm, Double.NaN));
              }
            });
      }
      if (!bars.isEmpty()) {
        images.add(
            PngImage.img(
                Charts.bars(
                    panel.title(), "layer", "gradient L2 norm", bars, colors, Charts.Scale.LOG, 0),
                WIDTH,
                HEIGHT,
                panel.title() + ", gradient norm per layer"));
      }
    }
    return images;
  }

  /**
   * Every layer label of these networks, ordered by its mean relative depth, so that a label only
   * some networks have (a BatchNorm layer) sits between the layers around it.
   */
  private static List<String> byDepth(Collection<Map<String, Double>> networks) {
    Map<String, List<Double>> depths = new LinkedHashMap<>();
    for (Map<String, Double> network : networks) {
      List<String> labels = List.copyOf(network.keySet());
      for (int i = 0; i < labels.size(); i++) {
        double depth = labels.size() == 1 ? 0 : (double) i / (labels.size() - 1);
        depths.computeIfAbsent(labels.get(i), k -> new ArrayList<>()).add(depth);
      }
    }
    return depths.keySet().stream()
        .sorted(
            Comparator.comparingDouble(
                (String k) ->
                    depths.get(k).stream().mapToDouble(Double::doubleValue).average().orElse(0)))
        .toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> both = new ArrayList<>(a);
    both.addAll(b);
    return both;
  }
}
