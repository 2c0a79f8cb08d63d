package io.bnsweep.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.report.CellStats;
import io.bnsweep.report.Numbers;
import io.bnsweep.report.ReportModel;
import io.bnsweep.report.stats.Comparison;
import io.bnsweep.testing.Results;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.commons.text.StringEscapeUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final Pattern IMG =
      Pattern.compile(
          "<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" width=\"(\\d+)\" height=\"(\\d+)\"");
  private static final String HOSTILE_NAME = "<script>alert(1)</script>";
  private static final String HOSTILE_REASON = "<b>boom</b> & more\n  at Evil.<init>(<b>)";

  private static List<TrialResult> results;
  private static String html;

  @BeforeAll
  static void render() {
    results = new ArrayList<>(Results.grid(3, 4));
    results.add(Results.failed("f1", Placement.AFTER, ActivationKind.TANH, 9, HOSTILE_REASON));
    html = HtmlReport.of(results, "bnsweep summary: " + HOSTILE_NAME);
  }

  @Test
  void heatMapHasPlacementRowsActivationColumnsAndEachCellsMeanStdNAndInterval() {
    assertTrue(html.contains("<table class=\"heatmap\">"), "heat map");
    assertTrue(
        html.contains(
            "<thead><tr><th>placement</th><th>relu</th><th>sigmoid</th><th>tanh</th></tr></thead>"));
    ReportModel model = ReportModel.of(results);
    double[] domain =
        HeatMap.domain(
            model.variants().values().stream()
                .mapToDouble(r -> r.accuracy().orElseThrow().mean())
                .toArray());
    model
        .variants()
        .forEach(
            (v, row) -> {
              CellStats s = row.accuracy().orElseThrow();
              String cell =
                  Numbers.points(s.mean())
                      + " ± "
                      + Numbers.points(s.std())
                      + mark(HeatMap.scale(s.mean(), domain))
                      + " <span class=\"n\">(3"
                      + (row.failed() == 0
                          ? ""
                          : ", " + row.failed() + " of " + row.seeds() + " failed")
                      + ")</span></div><div class=\"ci\">95% CI "
                      + Numbers.interval(s.ci());
              assertTrue(html.contains(cell), v.label() + ": " + cell);
            });
    Variant best = model.best().orElseThrow();
    CellStats b = model.variants().get(best).accuracy().orElseThrow();
    assertTrue(
        Pattern.compile(
                "<td class=\"cell best\" style=\"background:#[0-9a-f]{6};color:#[0-9a-f]{6}\">"
                    + "<div class=\"mean\">"
                    + Pattern.quote(Numbers.points(b.mean())))
            .matcher(html)
            .find(),
        "the best cell is outlined");
    assertEquals(1, count(html, "cell best"));
  }

  @Test
  void comparisonsAnovaInferenceFailuresAndProvenanceAreTables() {
    for (Comparison c : ReportModel.of(results).statistics().comparisons()) {
      assertTrue(
          html.contains("<td>" + StringEscapeUtils.escapeHtml4(c.verdict(0.01)) + "</td>"),
          c.verdict(0.01));
    }
    assertTrue(html.contains("<th>failed</th><th>decision</th><th>verdict</th>"));
    assertTrue(
        html.contains("<h2>Main effects and interactions (linear model, seed as block)</h2>"));
    assertTrue(html.contains("<td>placement &times; activation</td>"));
    assertTrue(
        html.contains("<tr class=\"folded\"><td>before/relu</td><td>3</td>"), "folded marked");
    assertTrue(html.contains("<td>after/relu</td><td>3</td>"));
    assertTrue(html.contains("<td><code>f1</code></td><td>after/tanh</td><td>9</td>"));
    assertTrue(html.contains("<td>ND4J backend</td><td>CPU/OPENBLAS (37)</td>"));
    assertTrue(html.contains("<td>trials</td><td>37 (36 complete, 1 failed)</td>"));
  }

  @Test
  void everyChartIsAnEmbeddedPngTwiceItsDisplayedSize() throws IOException {
    Matcher m = IMG.matcher(html);
    int images = 0;
    while (m.find()) {
      images++;
      BufferedImage png =
          ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
      assertNotNull(png, "a PNG");
      assertEquals(2 * Integer.parseInt(m.group(2)), png.getWidth());
      assertEquals(2 * Integer.parseInt(m.group(3)), png.getHeight());
    }
    // accuracy: 1 bar chart (one facet) + 3 learning curves (one per activation, the column
    // axis); diagnostics: conv input std and mean (3 each), ReLU zero and dead (1 each),
    // saturation (sigmoid, tanh), BN flips (3), gradients (3); inference: 1; seeds per variant: 1
    assertEquals(4 + 3 + 3 + 2 + 2 + 3 + 3 + 1 + 1, images);
    assertEquals(images, count(html, "<img "), "no other images");
    assertTrue(html.contains("<h3>Conv input standard deviation</h3>"));
    assertTrue(html.contains("<h3>Gradient norm per layer, last epoch</h3>"));
  }

  @Test
  void escapesEveryStringFromTheSpecAndResults() {
    assertFalse(html.contains("<script"), "no script, hostile or not");
    assertTrue(
        html.contains("<title>bnsweep summary: &lt;script&gt;alert(1)&lt;/script&gt;</title>"));
    assertTrue(html.contains("<h1>bnsweep summary: &lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
    assertFalse(html.contains("<b>"), "the failure reason's tags are text");
    assertTrue(
        html.contains("<details><summary>&lt;b&gt;boom&lt;/b&gt; &amp; more</summary><pre>"),
        "first line shown, the rest folded");
    assertTrue(html.contains("at Evil.&lt;init&gt;(&lt;b&gt;)</pre>"));
  }

  @Test
  void referencesNothingOutsideThePage() {
    assertFalse(
        Pattern.compile("https?:", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no URL");
    assertFalse(html.contains("<script"));
    assertFalse(html.contains("<link"));
    assertFalse(html.contains("url("), "no CSS fetches");
    Matcher src = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
    while (src.find()) {
      String target = src.group(1);
      assertTrue(target.startsWith("data:image/png;base64,") || target.startsWith("#"), target);
    }
    assertTrue(
        html.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                + " img-src data:; style-src 'unsafe-inline'\">"));
  }

  @Test
  void theSameResultsGiveTheSamePage() {
    assertEquals(html, HtmlReport.of(results, "bnsweep summary: " + HOSTILE_NAME));
  }

  @Test
  void withoutDiagnosticsTheSectionsSaySoInsteadOfDrawingEmptyCharts() {
    List<TrialResult> plain =
        List.of(
            Results.complete("a", Placement.NONE, ActivationKind.RELU, 1, 0.7, 0.8),
            Results.complete("b", Placement.BEFORE, ActivationKind.RELU, 1, 0.72, 0.82));

    String page = HtmlReport.of(plain, "plain");

    assertTrue(page.contains("No result has diagnostics"), page);
    assertTrue(page.contains("No result has an inference measurement."));
    assertTrue(page.contains("No trial failed."));
    assertEquals(
        3, count(page, "<img "), "1 accuracy bar chart, 1 learning curve chart, seeds per variant");
  }

  @Test
  void theSeedsCaptionSaysWhetherTheCountsDiffer() {
    // the grid's 3 seeds per variant, and a fourth (failed) one for after/tanh
    assertTrue(html.contains("They differ where a sequential design added seeds"), html);
    List<TrialResult> equal =
        List.of(
            Results.complete("a", Placement.NONE, ActivationKind.RELU, 1, 0.7, 0.8),
            Results.complete("b", Placement.BEFORE, ActivationKind.RELU, 1, 0.72, 0.82));
    String page = HtmlReport.of(equal, "equal");
    assertTrue(page.contains("the same number for every variant"), page);
    assertFalse(page.contains("sequential design"), page);
  }

  @Test
  void withoutACompleteTrialThereIsNoAccuracyButTheFailuresAreListed() {
    List<TrialResult> failed =
        List.of(Results.failed("x", Placement.NONE, ActivationKind.RELU, 1, "out of memory"));

    String page = HtmlReport.of(failed, "failed");

    assertTrue(page.contains("No trial completed, so there is no accuracy to show."));
    assertFalse(page.contains("id=\"comparisons\""));
    assertTrue(page.contains("<td>out of memory</td>"));
    assertEquals(0, count(page, "<img "));
  }

  private static String mark(double t) {
    return t < 0 ? " ▼" : "";
  }

  @Test
  void theColourScaleSeparatesTheCellsAReaderComparesDespiteOneCollapsedCell() {
    // the demo's cell means (./bnsweep demo on 2026-12-01, 2 seeds): none/sigmoid collapsed to
    // 12.10%; with a min-max domain before/sigmoid (68.38%) and after/sigmoid (80.25%) came out
    // nearly the same blue
    double[] means = {
      0.7113, 0.1210, 0.7165, 0.7948, 0.6838, 0.7795, 0.7950, 0.8025, 0.7965, 0.7933, 0.7955, 0.7893
    };
    double[] domain = HeatMap.domain(means);

    double t68 = HeatMap.scale(0.6838, domain);
    double t80 = HeatMap.scale(0.8025, domain);
    assertTrue(t80 - t68 > 0.25, "68% at " + t68 + ", 80% at " + t80);
    assertEquals(1.0, t80, 1e-12, "the best mean tops the scale");
    assertTrue(HeatMap.scale(0.1210, domain) < 0, "the collapsed cell is below the domain, marked");
    int[] c68 = rgb(ColorScale.background(t68));
    int[] c80 = rgb(ColorScale.background(t80));
    double distance =
        Math.sqrt(
            Math.pow(c68[0] - c80[0], 2)
                + Math.pow(c68[1] - c80[1], 2)
                + Math.pow(c68[2] - c80[2], 2));
    assertTrue(distance > 80, "RGB distance " + distance);
  }

  private static int[] rgb(String hex) {
    int v = Integer.parseInt(hex.substring(1), 16);
    return new int[] {v >> 16, (v >> 8) & 0xff, v & 0xff};
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
