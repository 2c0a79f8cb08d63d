package io.bnsweep.report.html;

import io.bnsweep.report.CellStats;
import io.bnsweep.report.Numbers;
import io.bnsweep.report.ReportModel;
import io.bnsweep.report.ReportModel.Facet;
import io.bnsweep.report.ReportModel.VariantSummary;
import io.bnsweep.variant.Variant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The accuracy grid as heat maps, one per facet: the row axis's values as rows, the column axis's
 * as columns, each cell coloured by its mean test accuracy over seeds and showing {@code mean ± std
 * (n)} and the 95% t-interval of the mean, in percent. The best mean is outlined.
 *
 * <p>One colour scale serves every facet, so a colour means the same accuracy everywhere. Its
 * domain is robust at the bottom: from the 5th percentile of the cell means (R's default quantile,
 * type 7) to the highest mean, not from the lowest, so that one collapsed variant (a sigmoid
 * network without BatchNorm at chance) does not squeeze every other cell into one colour. The top
 * stays the best mean: accuracy collapses to chance, it does not jump above the rest, and the best
 * cell is the one a reader looks for. Cells below the domain get the end colour and a mark (▼); the
 * numbers, not the colours, say how large the differences are, and the legend gives the domain.
 */
final class HeatMap {
  private static final double LOW_PERCENTILE = 5;

  private HeatMap() {}

  /**
   * The colour domain of {@code means}: the 5th percentile to the maximum, or the minimum to the
   * maximum if those coincide.
   */
  static double[] domain(double[] means) {
    double low =
        new Percentile()
            .withEstimationType(Percentile.EstimationType.R_7)
            .evaluate(means, LOW_PERCENTILE);
    double high = Arrays.stream(means).max().orElse(1);
    if (!(high > low)) {
      low = Arrays.stream(means).min().orElse(0);
    }
    return new double[] {low, high};
  }

  /** The heat maps of {@code model}'s facets (it must have accuracy) and the legend. */
  static String of(ReportModel model) {
    double[] means =
        model.variants().values().stream()
            .flatMap(s -> s.accuracy().stream())
            .mapToDouble(CellStats::mean)
            .toArray();
    double[] domain = domain(means);
    Optional<Variant> best = model.best();
    List<String> columns = model.columnValues();
    StringBuilder html = new StringBuilder();
    for (Facet facet : model.facets()) {
      if (!facet.label().isEmpty()) {
        html.append("<h3>").append(Html.text(facet.label())).append("</h3>\n");
      }
      html.append("<table class=\"heatmap\">\n<thead><tr><th>")
          .append(Html.text(model.rows().orElse("variant")))
          .append("</th>");
      columns.forEach(
          c ->
              html.append("<th>")
                  .append(Html.text(c.isEmpty() ? "test accuracy" : c))
                  .append("</th>"));
      html.append("</tr></thead>\n<tbody>\n");
      for (Map.Entry<String, Map<String, Variant>> row : model.grid(facet).entrySet()) {
        html.append("<tr><th>").append(Html.text(row.getKey())).append("</th>");
        for (String c : columns) {
          Variant v = row.getValue().get(c);
          VariantSummary s = v == null ? null : model.variants().get(v);
          html.append(
              s == null || s.accuracy().isEmpty()
                  ? "<td class=\"empty\">" + (s == null ? "–" : "all failed") + "</td>"
                  : cell(s, domain, best.equals(Optional.of(v))));
        }
        html.append("</tr>\n");
      }
      html.append("</tbody>\n</table>\n");
    }
    html.append("<div class=\"legend\"><span>")
        .append(Numbers.points(domain[0]))
        .append("%</span><span class=\"ramp\" style=\"background:")
        .append(ColorScale.gradient())
        .append("\"></span><span>")
        .append(Numbers.points(domain[1]))
        .append("%</span> mean test accuracy (5th percentile of the cells to the best; ▼ below)")
        .append("; outlined: the best mean</div>\n");
    return html.toString();
  }

  /** The position of {@code value} on the colour scale: 0 at the domain's low end, 1 at its top. */
  static double scale(double value, double[] domain) {
    return domain[1] > domain[0] ? (value - domain[0]) / (domain[1] - domain[0]) : 0.5;
  }

  private static String cell(VariantSummary summary, double[] domain, boolean best) {
    CellStats s = summary.accuracy().orElseThrow();
    double t = scale(s.mean(), domain);
    String mark = t < 0 ? " ▼" : "";
    String spread =
        s.n() < 2
            ? Numbers.points(s.mean())
            : Numbers.points(s.mean()) + " ± " + Numbers.points(s.std());
    String failed =
        summary.failed() == 0 ? "" : ", " + summary.failed() + " of " + summary.seeds() + " failed";
    return "<td class=\"cell"
        + (best ? " best" : "")
        + "\" style=\"background:"
        + ColorScale.background(t)
        + ";color:"
        + ColorScale.text(t)
        + "\"><div class=\"mean\">"
        + spread
        + mark
        + " <span class=\"n\">("
        + s.n()
        + Html.text(failed)
        + ")</span></div><div class=\"ci\">95% CI "
        + Numbers.interval(s.ci())
        + "</div></td>";
  }
}
