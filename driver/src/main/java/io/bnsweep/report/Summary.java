package io.bnsweep.report;

import io.bnsweep.report.stats.StatisticsMarkdown;
import io.bnsweep.report.stats.SweepStatistics;
import io.bnsweep.trial.EpochMetrics;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The Markdown summary of a sweep's results: test accuracy per placement (rows) and activation
 * (columns) aggregated over seeds with its 95% t-interval and the best cell marked, then each
 * variant's descriptive statistics ({@link CellTable}); the comparisons of every placement with a
 * baseline placement and the main-effects ANOVA ({@link SweepStatistics}); mean test accuracy per
 * epoch for every variant; the diagnostics at the last epoch and the inference cost ({@link
 * DiagnosticsMarkdown}); and the failed trials with their reasons.
 */
public final class Summary {
  private final List<TrialResult> results;
  private final Placement baseline;
  private final Map<Variant, List<TrialResult>> complete;

  private Summary(List<TrialResult> results, Placement baseline) {
    this.results = List.copyOf(results);
    this.baseline = Objects.requireNonNull(baseline, "baseline");
    this.complete =
        results.stream()
            .filter(TrialResult::isComplete)
            .collect(
                Collectors.groupingBy(
                    TrialResult::variant, () -> new TreeMap<>(VARIANT_ORDER), Collectors.toList()));
  }

  /** Placements, then activations, in declaration order: the order of every table. */
  static final Comparator<Variant> VARIANT_ORDER =
      Comparator.comparing(Variant::placement).thenComparing(Variant::activation);

  /** Placements, then activations, in declaration order: the order of every table. */
  public static Comparator<Variant> variantOrder() {
    return VARIANT_ORDER;
  }

  /** The summary of {@code results}, comparing placements with {@code before}. */
  public static Summary of(List<TrialResult> results) {
    return of(results, SweepStatistics.DEFAULT_BASELINE);
  }

  /** The summary of {@code results}, comparing every placement with {@code baseline}. */
  public static Summary of(List<TrialResult> results, Placement baseline) {
    return new Summary(results, baseline);
  }

  /** The results summarised, as given. */
  public List<TrialResult> results() {
    return results;
  }

  /** Comparisons against the baseline placement and the main-effects ANOVA. */
  public SweepStatistics statistics() {
    return SweepStatistics.of(results, baseline);
  }

  /** Accuracy statistics (as fractions) of every variant with at least one COMPLETE trial. */
  public Map<Variant, CellStats> accuracy() {
    Map<Variant, CellStats> cells = new TreeMap<>(VARIANT_ORDER);
    complete.forEach(
        (variant, trials) ->
            cells.put(
                variant, CellStats.of(trials.stream().map(TrialResult::testAccuracy).toList())));
    return cells;
  }

  /** The variant with the highest mean accuracy, if any trial completed. */
  public Optional<Variant> best() {
    return accuracy().entrySet().stream()
        .max(Comparator.comparingDouble(e -> e.getValue().mean()))
        .map(Map.Entry::getKey);
  }

  /** The whole summary as Markdown. */
  public String toMarkdown(String title) {
    StringBuilder md = new StringBuilder();
    long failed = results.stream().filter(r -> !r.isComplete()).count();
    md.append("# ").append(title).append("\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "%d trials: %d complete, %d failed.%n%n",
            results.size(),
            results.size() - failed,
            failed));
    appendAccuracyTable(md);
    if (!complete.isEmpty()) {
      CellTable.append(md, accuracy());
      md.append(StatisticsMarkdown.of(statistics()));
    }
    appendEpochTable(md);
    DiagnosticsMarkdown.append(md, VariantDiagnostics.of(results), InferenceStats.of(results));
    appendFailures(md);
    return md.toString();
  }

  private void appendAccuracyTable(StringBuilder md) {
    Map<Variant, CellStats> cells = accuracy();
    if (cells.isEmpty()) {
      md.append("No trial completed, so there is no accuracy table.\n\n");
      return;
    }
    List<Placement> rows =
        cells.keySet().stream().map(Variant::placement).distinct().sorted().toList();
    List<ActivationKind> cols =
        cells.keySet().stream().map(Variant::activation).distinct().sorted().toList();
    Variant best = best().orElseThrow();

    md.append("## Test accuracy (%)\n\n");
    md.append("Each cell: mean ± std (n seeds) [95% CI of the mean, t-distribution]. ");
    md.append("**Bold**: the best mean.\n\n");
    md.append("| placement |");
    cols.forEach(c -> md.append(' ').append(c.id()).append(" |"));
    md.append("\n|---|");
    cols.forEach(c -> md.append("---|"));
    md.append('\n');
    for (Placement p : rows) {
      md.append("| ").append(p.id()).append(" |");
      for (ActivationKind a : cols) {
        Variant v = new Variant(p, a);
        CellStats s = cells.get(v);
        String cell = s == null ? "–" : formatCell(s);
        md.append(' ').append(v.equals(best) ? "**" + cell + "**" : cell).append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
  }

  static String formatCell(CellStats s) {
    if (s.n() < 2) {
      return String.format(Locale.ROOT, "%.2f (1)", 100 * s.mean());
    }
    return String.format(
        Locale.ROOT,
        "%.2f ± %.2f (%d) [%.2f, %.2f]",
        100 * s.mean(),
        100 * s.std(),
        s.n(),
        100 * s.ciLow(),
        100 * s.ciHigh());
  }

  private void appendEpochTable(StringBuilder md) {
    int epochs =
        complete.values().stream()
            .flatMap(List::stream)
            .mapToInt(r -> r.epochs().size())
            .max()
            .orElse(0);
    if (epochs == 0) {
      return;
    }
    md.append("## Test accuracy (%) by epoch, mean over seeds\n\n| variant |");
    for (int e = 1; e <= epochs; e++) {
      md.append(" epoch ").append(e).append(" |");
    }
    md.append("\n|---|");
    md.append("---|".repeat(epochs)).append('\n');
    complete.forEach(
        (variant, trials) -> {
          md.append("| ").append(variant.label()).append(" |");
          for (int e = 0; e < epochs; e++) {
            List<Double> values = new ArrayList<>();
            for (TrialResult r : trials) {
              if (e < r.epochs().size()) {
                EpochMetrics m = r.epochs().get(e);
                values.add(m.testAccuracy());
              }
            }
            md.append(
                    values.isEmpty()
                        ? " –"
                        : String.format(Locale.ROOT, " %.2f", 100 * CellStats.of(values).mean()))
                .append(" |");
          }
          md.append('\n');
        });
    md.append('\n');
  }

  private void appendFailures(StringBuilder md) {
    List<TrialResult> failed = results.stream().filter(r -> !r.isComplete()).toList();
    if (failed.isEmpty()) {
      return;
    }
    md.append("## Failed trials\n\n| trial | variant | seed | reason |\n|---|---|---|---|\n");
    for (TrialResult r : failed) {
      String reason =
          r.failureReason() == null ? "" : r.failureReason().lines().findFirst().orElse("");
      md.append("| ")
          .append(r.trialId())
          .append(" | ")
          .append(r.variant().label())
          .append(" | ")
          .append(r.seed())
          .append(" | ")
          .append(reason.replace("|", "\\|"))
          .append(" |\n");
    }
    md.append('\n');
  }
}
