package io.bnsweep.report;

import io.bnsweep.variant.Variant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Markdown table of what the diagnostics say at the end of training, one row per variant: the
 * last epoch's {@link DiagnosticsMean} and the {@link InferenceStats}.
 *
 * <p>Values that do not apply are a dash: zero and dead fractions for activations that do not
 * output zeros, saturation for ReLU, BatchNorm scale flips without BatchNorm.
 */
final class DiagnosticsMarkdown {
  private static final String NONE = "–";

  private DiagnosticsMarkdown() {}

  /** Appends the section to {@code md}; one sentence if no result measured anything. */
  static void append(StringBuilder md, ReportModel model) {
    Map<Variant, VariantDiagnostics> diagnostics = model.diagnostics();
    Map<Variant, InferenceStats> inference = model.inference();
    md.append("## Diagnostics at the last epoch, mean over seeds\n\n");
    if (diagnostics.isEmpty() && inference.isEmpty()) {
      md.append("No result has diagnostics or an inference measurement.\n\n");
      return;
    }
    md.append("Conv input: the input of the conv layers after the first, on a fixed probe batch. ")
        .append("ReLU zero / dead: outputs that are zero / units zero on the whole batch. ")
        .append("Saturated: sigmoid or tanh outputs where the derivative is below a tenth of its ")
        .append("maximum. BN γ flips: BatchNorm scales whose sign changed since initialisation. ")
        .append("Latency: µs per image, batch of 1 and batched; folded: BatchNorm folded into ")
        .append("the convolution before timing.");
    Set<Variant> variants = new TreeSet<>(Variant.ORDER);
    variants.addAll(diagnostics.keySet());
    variants.addAll(inference.keySet());
    boolean residual =
        diagnostics.values().stream()
            .flatMap(d -> d.last().stream())
            .anyMatch(d -> !Double.isNaN(d.residualRatio()));
    if (residual) {
      md.append(" Branch / shortcut: a residual unit's branch norm over its shortcut's at the ")
          .append("addition, averaged over the units.");
    }
    md.append("\n\n")
        .append("| variant | seeds | conv input mean | conv input std | ReLU zero | ReLU dead ")
        .append("| saturated | BN γ flips | ")
        .append(residual ? "branch / shortcut | " : "")
        .append("µs/image | µs/image batched | folded |\n")
        .append(
            residual
                ? "|---|---|---|---|---|---|---|---|---|---|---|---|\n"
                : "|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Variant v : variants) {
      DiagnosticsMean d =
          diagnostics.containsKey(v) ? diagnostics.get(v).last().orElse(null) : null;
      InferenceStats i = inference.get(v);
      boolean zeroes = VariantDiagnostics.zeroesOut(v.activation());
      md.append("| ")
          .append(model.label(v))
          .append(" | ")
          .append(d != null ? String.valueOf(d.seeds()) : String.valueOf(i.n()))
          .append(" | ")
          .append(d == null ? NONE : number(d.convInputMean()))
          .append(" | ")
          .append(d == null ? NONE : number(d.convInputStd()))
          .append(" | ")
          .append(d == null || !zeroes ? NONE : percent(d.zeroFraction()))
          .append(" | ")
          .append(d == null || !zeroes ? NONE : percent(d.deadFraction()))
          .append(" | ")
          .append(d == null || zeroes ? NONE : percent(d.saturatedFraction()))
          .append(" | ")
          .append(d == null ? NONE : flips(d))
          .append(" | ")
          .append(!residual ? "" : (d == null ? NONE : number(d.residualRatio())) + " | ")
          .append(i == null ? NONE : micros(i.perImage().mean()))
          .append(" | ")
          .append(i == null ? NONE : micros(i.batchedMean()))
          .append(" | ")
          .append(i == null ? NONE : i.foldedText())
          .append(" |\n");
    }
    md.append('\n');
  }

  /** {@code 3.5 of 96 (3.6%)}, or a dash without BatchNorm. */
  static String flips(DiagnosticsMean d) {
    if (d.bnScaleCount() == 0) {
      return NONE;
    }
    return String.format(
        Locale.ROOT,
        "%s of %d (%.1f%%)",
        trim(d.bnScaleSignFlips()),
        d.bnScaleCount(),
        100 * d.bnScaleFlipFraction());
  }

  static String number(double value) {
    return Double.isNaN(value) ? NONE : String.format(Locale.ROOT, "%.3f", value);
  }

  static String percent(double fraction) {
    return Double.isNaN(fraction) ? NONE : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
  }

  static String micros(double value) {
    return Double.isNaN(value) ? NONE : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String trim(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.1f", value);
  }
}
