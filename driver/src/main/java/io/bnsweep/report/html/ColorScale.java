package io.bnsweep.report.html;

import io.bnsweep.report.Numbers;
import java.awt.Color;

/**
 * A sequential colour scale from light yellow (low) through green to dark blue (high),
 * ColorBrewer's YlGnBu, with the text colour that stays readable on each.
 */
final class ColorScale {
  private static final Color[] STOPS = {
    new Color(0xffffcc),
    new Color(0xa1dab4),
    new Color(0x41b6c4),
    new Color(0x2c7fb8),
    new Color(0x253494)
  };

  private ColorScale() {}

  /** The colour at {@code t} in [0, 1] (clamped), as {@code #rrggbb}. */
  static String background(double t) {
    return hex(at(t));
  }

  /** Black or white, whichever reads better on {@link #background}{@code (t)}. */
  static String text(double t) {
    Color c = at(t);
    double luminance = (0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue()) / 255;
    return luminance < 0.55 ? "#ffffff" : "#111111";
  }

  /** A CSS linear gradient through the whole scale, for a legend. */
  static String gradient() {
    StringBuilder css = new StringBuilder("linear-gradient(to right");
    for (Color c : STOPS) {
      css.append(", ").append(hex(c));
    }
    return css.append(')').toString();
  }

  private static Color at(double t) {
    double clamped = Double.isNaN(t) ? 0.5 : Math.max(0, Math.min(1, t));
    double pos = clamped * (STOPS.length - 1);
    int i = Math.min((int) pos, STOPS.length - 2);
    double f = pos - i;
    Color a = STOPS[i];
    Color b = STOPS[i + 1];
    return new Color(
        mix(a.getRed(), b.getRed(), f),
        mix(a.getGreen(), b.getGreen(), f),
        mix(a.getBlue(), b.getBlue(), f));
  }

  private static int mix(int a, int b, double f) {
    return (int) Math.round(a + (b - a) * f);
  }

  private static String hex(Color c) {
    return Numbers.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }
}
