package io.bnsweep.variant;

import java.util.Objects;

/**
 * One grid point of a sweep: where BatchNorm goes and which nonlinearity the blocks use.
 *
 * @param placement BatchNorm placement
 * @param activation nonlinearity
 */
public record Variant(Placement placement, ActivationKind activation) {
  public Variant {
    Objects.requireNonNull(placement, "placement");
    Objects.requireNonNull(activation, "activation");
  }

  /** A short human label, e.g. {@code before/relu}. */
  public String label() {
    return placement.id() + "/" + activation.id();
  }
}
