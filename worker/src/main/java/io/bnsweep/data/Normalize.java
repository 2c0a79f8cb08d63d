package io.bnsweep.data;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a trial turns pixel bytes into network inputs; the same for every variant of a sweep. */
public enum Normalize {
  /** Per channel, minus the training subset's mean and divided by its standard deviation. */
  PER_CHANNEL("per-channel"),
  /** Scaled to [0, 1]: the first release's behaviour, and the default of IDX data. */
  UNIT("unit"),
  /** The byte values 0..255 as they are. */
  NONE("none");

  private final String id;

  Normalize(String id) {
    this.id = id;
  }

  /** The spec's name of it. */
  public String id() {
    return id;
  }

  /** The normalisation called {@code id}. */
  public static Normalize parse(String id) {
    for (Normalize n : values()) {
      if (n.id.equals(id)) {
        return n;
      }
    }
    throw new IllegalArgumentException(
        "unknown normalize '"
            + id
            + "' (known: "
            + Arrays.stream(values()).map(Normalize::id).collect(Collectors.joining(", "))
            + ")");
  }
}
