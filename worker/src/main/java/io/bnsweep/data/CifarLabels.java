package io.bnsweep.data;

/** Which of CIFAR-100's two label bytes a dataset uses: its 100 fine classes or 20 superclasses. */
public enum CifarLabels {
  /** The 100 classes (the default). */
  FINE("fine"),
  /** The 20 superclasses. */
  COARSE("coarse");

  private final String id;

  CifarLabels(String id) {
    this.id = id;
  }

  /** The spec's name of it. */
  public String id() {
    return id;
  }

  /** The label set called {@code id}. */
  public static CifarLabels parse(String id) {
    for (CifarLabels l : values()) {
      if (l.id.equals(id)) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown labels '" + id + "' (known: fine, coarse)");
  }
}
