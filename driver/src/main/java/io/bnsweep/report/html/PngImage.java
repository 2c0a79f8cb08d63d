package io.bnsweep.report.html;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * A chart rendered to PNG and embedded in the page as a {@code data:} URI, so that the report is
 * one file that needs nothing else.
 *
 * <p>Rendered at twice the displayed size, so that it stays sharp on high-density screens and when
 * zoomed. Rendering needs no display: {@link HtmlReport} makes AWT headless before any chart is
 * drawn.
 */
final class PngImage {
  private static final int SCALE = 2;

  private PngImage() {}

  /** An {@code <img>} of {@code chart}, displayed at {@code width x height} CSS pixels. */
  static String img(JFreeChart chart, int width, int height, String alt) {
    BufferedImage image =
        chart.createBufferedImage(width * SCALE, height * SCALE, width, height, null);
    byte[] png;
    try {
      png = ChartUtils.encodeAsPNG(image);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a chart as PNG", e);
    }
    return "<img src=\"data:image/png;base64,"
        + Base64.getEncoder().encodeToString(png)
        + "\" width=\""
        + width
        + "\" height=\""
        + height
        + "\" alt=\""
        + Html.text(alt)
        + "\">";
  }
}
