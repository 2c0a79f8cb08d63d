package io.bnsweep.report.html;

import io.bnsweep.report.InferenceStats;
import io.bnsweep.report.Numbers;
import io.bnsweep.report.ReportModel;
import io.bnsweep.variant.Variant;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inference latency per variant ({@link InferenceStats}): a table and a bar chart of microseconds
 * per image, alone (with its 95% interval over seeds) and in batches, with the variants whose
 * BatchNorm was folded into the convolution marked.
 */
final class InferenceSection {
  private static final String SINGLE = "batch of 1";
  private static final String BATCHED = "batched";

  private InferenceSection() {}

  /** The section for {@code inference}; a sentence if nothing was measured. */
  static String of(ReportModel model) {
    Map<Variant, InferenceStats> inference = model.inference();
    StringBuilder html = new StringBuilder(Html.sectionStart("inference", "Inference latency"));
    if (inference.isEmpty()) {
      html.append(Html.note("No result has an inference measurement."));
      return html.append(Html.sectionEnd()).toString();
    }
    html.append(
        Html.note(
            "Microseconds per image on the trained network, one image at a time and in batches;"
                + " mean over seeds. Folded: BatchNorm folded into the preceding convolution"
                + " (placement before), which is one affine map, before timing; max |Δ| is the"
                + " largest difference folding made to the outputs."));
    HtmlTable table =
        new HtmlTable(
            "stats",
            "variant",
            "seeds",
            "µs/image, batch of 1",
            "95% CI",
            "µs/image, batched",
            "folded",
            "max |Δ| folded");
    List<Charts.Bar> bars = new ArrayList<>();
    inference.forEach(
        (v, s) -> {
          table.rowHtml(
              s.folded() > 0 ? "folded" : null,
              Html.text(model.label(v)),
              String.valueOf(s.n()),
              Numbers.fixed(s.perImage().mean(), 1) + spread(s),
              s.perImage().ci().isDefined()
                  ? Numbers.format("[%.1f, %.1f]", s.perImage().ciLow(), s.perImage().ciHigh())
                  : Numbers.NONE,
              Numbers.fixed(s.batchedMean(), 1),
              Html.text(s.foldedText()),
              Double.isNaN(s.foldedMaxAbsDiff())
                  ? Numbers.NONE
                  : Numbers.format("%.2g", s.foldedMaxAbsDiff()));
          String category = model.label(v) + (s.folded() > 0 ? " (folded)" : "");
          double half =
              s.perImage().ci().isDefined()
                  ? s.perImage().ciHigh() - s.perImage().mean()
                  : Double.NaN;
          bars.add(new Charts.Bar(SINGLE, category, s.perImage().mean(), half));
          bars.add(new Charts.Bar(BATCHED, category, s.batchedMean(), Double.NaN));
        });
    Map<String, Color> colors = new LinkedHashMap<>();
    colors.put(SINGLE, new Color(0x0072b2));
    colors.put(BATCHED, new Color(0x56b4e9));
    html.append(table.html())
        .append("<div class=\"charts\">")
        .append(
            PngImage.img(
                Charts.bars(
                    "Inference latency per image",
                    "variant",
                    "µs per image",
                    bars,
                    colors,
                    Charts.Scale.LINEAR,
                    Double.POSITIVE_INFINITY),
                860,
                380,
                "inference latency per variant"))
        .append("</div>\n");
    return html.append(Html.sectionEnd()).toString();
  }

  private static String spread(InferenceStats s) {
    return s.n() < 2 ? "" : " ± " + Numbers.fixed(s.perImage().std(), 1);
  }
}
