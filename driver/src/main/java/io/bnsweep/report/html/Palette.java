package io.bnsweep.report.html;

import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import java.awt.Color;

/**
 * One colour per placement and per activation, the same in every chart, so that a reader learns
 * them once. Colour-blind-safe hues (Okabe–Ito), with grey for the no-BatchNorm baseline.
 */
final class Palette {
  private static final Color[] PLACEMENTS = {
    new Color(0x7f7f7f), // none
    new Color(0x0072b2), // before
    new Color(0xe69f00), // after
    new Color(0x009e73) // extra
  };
  private static final Color[] ACTIVATIONS = {
    new Color(0xd55e00), new Color(0x56b4e9), new Color(0xcc79a7), new Color(0xf0e442)
  };

  private Palette() {}

  /** The colour of {@code p}'s lines and bars. */
  static Color of(Placement p) {
    return PLACEMENTS[p.ordinal() % PLACEMENTS.length];
  }

  /** The colour of {@code a}'s bars. */
  static Color of(ActivationKind a) {
    return ACTIVATIONS[a.ordinal() % ACTIVATIONS.length];
  }
}
