package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bnsweep.cli.ExitCodes;
import io.bnsweep.store.ResultStore;
import io.bnsweep.testing.Results;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report.html} as a browser shows it: {@code bnsweep report} on a ledger of made-up results
 * with diagnostics (a 4 x 3 grid, 3 seeds, 3 epochs, and one failed trial), then headless Chromium
 * dumps the page's DOM and takes a screenshot of it.
 */
class ReportInChromiumTest {
  private static final int WIDTH = 1400;
  private static final int HEIGHT = 4000;

  /** The colour of the relu bars in the accuracy chart (Palette): only a rendered chart has it. */
  private static final int BEFORE_BARS =
      0x0072b2; // the palette colour of the second row value, placement "before"

  @TempDir Path work;

  @Test
  void chromiumShowsTheReportsTablesAndCharts() throws IOException, InterruptedException {
    assumeTrue(
        Chromium.installed(),
        Chromium.BINARY
            + " is missing, so report.html is not rendered in a browser;"
            + " install it with: apt-get install -y chromium");
    Path out = work.resolve("sweep");
    List<TrialResult> results = new ArrayList<>(Results.grid(3, 3));
    results.add(
        Results.failed("f1", Placement.AFTER, ActivationKind.TANH, 4, "<b>loss became NaN</b>"));
    try (ResultStore store = ResultStore.open(out)) {
      results.forEach(store::append);
    }

    Cli report = Cli.run("report", out.toString());

    assertEquals(ExitCodes.TRIALS_FAILED, report.exitCode(), report.err());
    Path page = out.resolve(ResultStore.HTML);
    assertTrue(Files.isRegularFile(page), "report.html written");
    assertTrue(Files.isDirectory(out.resolve(ResultStore.PARQUET)), "results.parquet written");

    String dom = Chromium.dumpDom(page, work);
    assertTrue(dom.contains("<table class=\"heatmap\">"), dom);
    assertTrue(dom.contains("<th>placement</th><th>relu</th><th>sigmoid</th><th>tanh</th>"), dom);
    assertTrue(dom.contains("<h2>Comparisons</h2>"));
    assertTrue(dom.contains("<th>failed</th><th>decision</th><th>verdict</th>"));
    assertTrue(dom.contains("<td>placement × activation</td>"), "ANOVA table");
    assertTrue(dom.contains("<h2>Diagnostics</h2>"));
    assertTrue(dom.contains("<h2>Inference latency</h2>"));
    assertTrue(dom.contains("<td>&lt;b&gt;loss became NaN&lt;/b&gt;</td>"), "reason shown as text");
    assertTrue(dom.contains("<td>CPU/OPENBLAS (37)</td>"), "provenance");
    // the same 22 charts as HtmlReportTest counts: one bar chart (one facet), 3 learning curves,
    // 16 diagnostics charts, 1 inference chart, seeds per variant
    assertEquals(22, count(dom, "<img src=\"data:image/png;base64,"), "every chart");

    Path png = work.resolve("report.png");
    Chromium.screenshot(page, png, WIDTH, HEIGHT, work);
    BufferedImage shot = ImageIO.read(png.toFile());
    assertEquals(WIDTH, shot.getWidth());
    assertEquals(HEIGHT, shot.getHeight());
    Set<Integer> colours = new HashSet<>();
    int background = shot.getRGB(WIDTH - 1, HEIGHT - 1) & 0xffffff;
    long painted = 0;
    long beforeBars = 0;
    for (int y = 0; y < HEIGHT; y += 2) {
      for (int x = 0; x < WIDTH; x += 2) {
        int rgb = shot.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        painted += rgb == background ? 0 : 1;
        beforeBars += rgb == BEFORE_BARS ? 1 : 0;
      }
    }
    assertTrue(colours.size() > 200, "not blank: " + colours.size() + " colours");
    assertTrue(painted > WIDTH * HEIGHT / 4 / 10, "not blank: " + painted + " painted pixels");
    assertTrue(beforeBars > 200, "the accuracy bar chart is drawn: " + beforeBars + " bar pixels");
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
