package io.bnsweep.variant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.nd4j.linalg.activations.Activation;

/** The nonlinearity of every conv block. Adding one is one line here. */
public enum ActivationKind {
  RELU(Activation.RELU),
  SIGMOID(Activation.SIGMOID),
  TANH(Activation.TANH);

  private final Activation dl4j;

  ActivationKind(Activation dl4j) {
    this.dl4j = dl4j;
  }

  /** The DL4J activation this stands for. */
  public Activation dl4j() {
    return dl4j;
  }

  /** The name used in specs and results, e.g. {@code relu}. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The activation called {@code id}.
   *
   * @throws IllegalArgumentException listing the known names if there is none
   */
  @JsonCreator
  public static ActivationKind parse(String id) {
    for (ActivationKind a : values()) {
      if (a.id().equals(id)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown activation '" + id + "' (known: " + known() + ")");
  }

  /** The known names, comma-separated. */
  public static String known() {
    return Arrays.stream(values()).map(ActivationKind::id).collect(Collectors.joining(", "));
  }
}
