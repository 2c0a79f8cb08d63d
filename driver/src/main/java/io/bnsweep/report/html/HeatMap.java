package io.bnsweep.report.html;

import io.bnsweep.report.CellStats;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accuracy grid as a heat map: placements as rows, activations as columns, each cell coloured
 * by its mean test accuracy over seeds and showing {@code mean ± std (n)} and the 95% t-interval of
 * the mean, in percent. The best mean is outlined.
 *
 * <p>The colour runs from the lowest to the highest mean in the grid, so it shows the ranking at a
 * glance; the numbers, not the colours, say how large the differences are, and the legend gives the
 * range.
 */
final class HeatMap {
  private HeatMap() {}

  /** The heat map of {@code cells} (which must not be empty) and its legend. */
  static String of(Map<Variant, CellStats> cells, Optional<Variant> best) {
    List<Placement> rows =
        cells.keySet().stream().map(Variant::placement).distinct().sorted().toList();
    List<ActivationKind> cols =
        cells.keySet().stream().map(Variant::activation).distinct().sorted().toList();
    double low = cells.values().stream().mapToDouble(CellStats::mean).min().orElseThrow();
    double high = cells.values().stream().mapToDouble(CellStats::mean).max().orElseThrow();

    StringBuilder html =
        new StringBuilder("<table class=\"heatmap\">\n<thead><tr><th>placement</th>");
    cols.forEach(a -> html.append("<th>").append(Html.text(a.id())).append("</th>"));
    html.append("</tr></thead>\n<tbody>\n");
    for (Placement p : rows) {
      html.append("<tr><th>").append(Html.text(p.id())).append("</th>");
      for (ActivationKind a : cols) {
        Variant v = new Variant(p, a);
        CellStats s = cells.get(v);
        html.append(
            s == null
                ? "<td class=\"empty\">–</td>"
                : cell(s, scale(s.mean(), low, high), best.equals(Optional.of(v))));
      }
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table>\n");
    html.append("<div class=\"legend\"><span>")
        .append(Numbers.points(low))
        .append("%</span><span class=\"ramp\" style=\"background:")
        .append(ColorScale.gradient())
        .append("\"></span><span>")
        .append(Numbers.points(high))
        .append("%</span> mean test accuracy; outlined: the best mean</div>\n");
    return html.toString();
  }

  private static String cell(CellStats s, double t, boolean best) {
    String spread =
        s.n() < 2
            ? Numbers.points(s.mean())
            : Numbers.points(s.mean()) + " ± " + Numbers.points(s.std());
    return "<td class=\"cell"
        + (best ? " best" : "")
        + "\" style=\"background:"
        + ColorScale.background(t)
        + ";color:"
        + ColorScale.text(t)
        + "\"><div class=\"mean\">"
        + spread
        + " <span class=\"n\">("
        + s.n()
        + ")</span></div><div class=\"ci\">95% CI "
        + Numbers.interval(s.ci())
        + "</div></td>";
  }

  private static double scale(double value, double low, double high) {
    return high > low ? (value - low) / (high - low) : 0.5;
  }
}
