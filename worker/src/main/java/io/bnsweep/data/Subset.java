package io.bnsweep.data;

/** How {@code trainSize}, {@code testSize} and {@code validationSize} choose their examples. */
public enum Subset {
  /** A seeded, class-stratified order, cut at each size ({@link Subsets}). */
  STRATIFIED("stratified"),
  /** The first N examples in file order: the first release's behaviour. */
  FIRST("first");

  private final String id;

  Subset(String id) {
    this.id = id;
  }

  /** The spec's name of it. */
  public String id() {
    return id;
  }

  /** The subset rule called {@code id}. */
  public static Subset parse(String id) {
    for (Subset s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown subset '" + id + "' (known: stratified, first)");
  }
}
