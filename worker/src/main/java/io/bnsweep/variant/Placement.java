package io.bnsweep.variant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where BatchNorm sits in a conv block {@code conv -> [block] -> max-pool}.
 *
 * <p>Each placement is the ordered list of {@link Step}s that make up {@code [block]}.
 */
public enum Placement {
  /** No BatchNorm: {@code act}. */
  NONE(Step.ACTIVATION),
  /** BatchNorm before the nonlinearity, as in the original BN paper: {@code BN -> act}. */
  BEFORE(Step.BATCH_NORM, Step.ACTIVATION),
  /** BatchNorm after the nonlinearity: {@code act -> BN}. */
  AFTER(Step.ACTIVATION, Step.BATCH_NORM),
  /** BatchNorm on both sides: {@code BN -> act -> BN}. */
  EXTRA(Step.BATCH_NORM, Step.ACTIVATION, Step.BATCH_NORM);

  /** One layer of a block. */
  public enum Step {
    BATCH_NORM,
    ACTIVATION
  }

  private final List<Step> block;

  Placement(Step... block) {
    this.block = List.of(block);
  }

  /** The layers between a conv and its pooling, in order. */
  public List<Step> block() {
    return block;
  }

  /** The name used in specs and results, e.g. {@code before}. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The placement called {@code id}.
   *
   * @throws IllegalArgumentException listing the known names if there is none
   */
  @JsonCreator
  public static Placement parse(String id) {
    for (Placement p : values()) {
      if (p.id().equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown placement '" + id + "' (known: " + known() + ")");
  }

  /** The known names, comma-separated. */
  public static String known() {
    return Arrays.stream(values()).map(Placement::id).collect(Collectors.joining(", "));
  }
}
