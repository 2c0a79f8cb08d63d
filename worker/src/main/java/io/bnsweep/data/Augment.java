package io.bnsweep.data;

/**
 * One training-time augmentation, applied as each minibatch is converted to floats (never to the
 * test or validation examples). Together they are the standard CIFAR recipe.
 */
public enum Augment {
  /** A random crop of the original size from the image padded by {@link #PAD} pixels a side. */
  CROP("crop"),
  /** A horizontal flip with probability 1/2. */
  FLIP("flip");

  /** Padding of the random crop, in pixels on each side. */
  public static final int PAD = 4;

  private final String id;

  Augment(String id) {
    this.id = id;
  }

  /** The spec's name of it. */
  public String id() {
    return id;
  }

  /** The augmentation called {@code id}. */
  public static Augment parse(String id) {
    for (Augment a : values()) {
      if (a.id.equals(id)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown augmentation '" + id + "' (known: crop, flip)");
  }
}
