package io.bnsweep.report.html;

import java.awt.Color;
import java.util.List;

/**
 * One colour per series (a value of the accuracy table's row axis), the same in every chart, so
 * that a reader learns them once. Colour-blind-safe hues (Okabe–Ito), grey first: with placement as
 * rows, that is the no-BatchNorm baseline.
 */
final class Palette {
  private static final Color[] SERIES = {
    new Color(0x7f7f7f),
    new Color(0x0072b2),
    new Color(0xe69f00),
    new Color(0x009e73),
    new Color(0xd55e00),
    new Color(0x56b4e9),
    new Color(0xcc79a7),
    new Color(0xf0e442),
    new Color(0x000000)
  };

  private Palette() {}

  /** The colour of the series {@code value} among {@code all}. */
  static Color of(String value, List<String> all) {
    int i = Math.max(0, all.indexOf(value));
    return SERIES[i % SERIES.length];
  }
}
