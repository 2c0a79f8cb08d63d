package io.bnsweep.report.stats;

import java.util.Locale;
import java.util.stream.Collectors;

/** The sentences about a {@link MainEffects} model that both renderers print, worded once. */
public final class MainEffectsText {
  private MainEffectsText() {}

  /** What the model is: its terms, blocks, method and units. */
  public static String model(MainEffects effects) {
    AnovaResult t = effects.anova().orElseThrow();
    return "Test accuracy = "
        + t.terms().stream().map(AnovaTerm::label).collect(Collectors.joining(" + "))
        + " + seed; seeds "
        + effects.seeds().stream().map(String::valueOf).collect(Collectors.joining(", "))
        + " as blocks; "
        + (t.method() == Method.BALANCED
            ? "balanced design, closed-form sums of squares"
            : "unbalanced design, Type II sums of squares from a least-squares fit")
        + ". SS and MS in points². Generalised η² (Olejnik & Algina 2003): the share of the"
        + " variance an effect explains against the seeds' and the residual's, comparable across"
        + " axes.";
  }

  /** {@code placement 12.30, activation 4.10}: each axis's range of marginal means, in points. */
  public static String ranges(AnovaResult t) {
    return t.marginalRange().entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), 100 * e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
