package io.bnsweep.report;

import io.bnsweep.report.ReportModel.Facet;
import io.bnsweep.report.ReportModel.VariantSummary;
import io.bnsweep.report.stats.StatisticsMarkdown;
import io.bnsweep.report.stats.StatisticsText;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.Variant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code summary.md}: the {@link ReportModel} as Markdown. Test accuracy per row and column axis
 * aggregated over seeds with its 95% t-interval and the best cell marked, one table per facet; each
 * variant's descriptive statistics ({@link CellTable}); the comparisons and the linear model
 * ({@link StatisticsMarkdown}); mean test accuracy per epoch for every variant; the diagnostics at
 * the last epoch and the inference cost ({@link DiagnosticsMarkdown}); and the failed trials with
 * their reasons.
 */
public final class MarkdownReport {
  private MarkdownReport() {}

  /** The whole summary. */
  public static String of(ReportModel model) {
    StringBuilder md = new StringBuilder();
    long failed = model.failedCount();
    int total = model.results().size();
    md.append("# ").append(model.title()).append("\n\n");
    md.append(
        Numbers.format("%d trials: %d complete, %d failed.%n%n", total, total - failed, failed));
    appendAnswer(md, model);
    appendAccuracyTables(md, model);
    if (model.hasAccuracy()) {
      CellTable.append(md, model);
      md.append(StatisticsMarkdown.of(model.statistics()));
    }
    appendEpochTable(md, model);
    DiagnosticsMarkdown.append(md, model);
    appendFailures(md, model);
    return md.toString();
  }

  /** The decisions in words, before any table. */
  private static void appendAnswer(StringBuilder md, ReportModel model) {
    List<String> answer = StatisticsText.answer(model.statistics());
    if (answer.isEmpty()) {
      return;
    }
    md.append("## The answer\n\n");
    answer.forEach(line -> md.append("- ").append(line).append('\n'));
    md.append('\n');
    model.testSetNoise().ifPresent(noise -> md.append(noise).append(' '));
    md.append("How these are decided: see Comparisons below.\n\n");
  }

  private static void appendAccuracyTables(StringBuilder md, ReportModel model) {
    if (!model.hasAccuracy()) {
      md.append("No trial completed, so there is no accuracy table.\n\n");
      return;
    }
    Optional<Variant> best = model.best();
    md.append("## Test accuracy (%)\n\n");
    md.append("Each cell: mean ± std (n seeds) [95% CI of the mean, t-distribution, clipped to ")
        .append("0-100]. **Bold**: the best mean.");
    md.append(model.layout().isEmpty() ? "" : " " + model.layout());
    if (!model.facetAxes().isEmpty()) {
      md.append(" One table per ").append(String.join(" × ", model.facetAxes())).append(".");
    }
    md.append("\n\n");
    List<String> columns = model.columnValues();
    String rowAxis = model.rows().orElse("variant");
    for (Facet facet : model.facets()) {
      if (!facet.label().isEmpty()) {
        md.append("### ").append(facet.label()).append("\n\n");
      }
      md.append("| ").append(rowAxis).append(" |");
      columns.forEach(c -> md.append(' ').append(c.isEmpty() ? "test accuracy" : c).append(" |"));
      md.append("\n|---|");
      columns.forEach(c -> md.append("---|"));
      md.append('\n');
      Map<String, Map<String, Variant>> grid = model.grid(facet);
      grid.forEach(
          (row, cells) -> {
            md.append("| ").append(row).append(" |");
            for (String c : columns) {
              Variant v = cells.get(c);
              VariantSummary s = v == null ? null : model.variants().get(v);
              String cell = s == null ? Numbers.NONE : formatCell(s);
              md.append(' ')
                  .append(v != null && best.equals(Optional.of(v)) ? "**" + cell + "**" : cell)
                  .append(" |");
            }
            md.append('\n');
          });
      md.append('\n');
    }
  }

  /** {@code 81.20 ± 0.42 (3) [80.16, 82.24]}, with failures appended; one number format. */
  static String formatCell(VariantSummary s) {
    String failures = s.failed() == 0 ? "" : ", " + s.failed() + " of " + s.seeds() + " failed";
    if (s.accuracy().isEmpty()) {
      return "all " + s.seeds() + " failed";
    }
    CellStats c = s.accuracy().get();
    if (c.n() < 2) {
      return Numbers.points(c.mean()) + " (1" + failures + ")";
    }
    return Numbers.points(c.mean())
        + " ± "
        + Numbers.points(c.std())
        + " ("
        + c.n()
        + failures
        + ") "
        + Numbers.interval(c.ci());
  }

  private static void appendEpochTable(StringBuilder md, ReportModel model) {
    int epochs =
        model.variants().values().stream().mapToInt(s -> s.byEpoch().size()).max().orElse(0);
    if (epochs == 0) {
      return;
    }
    md.append("## Test accuracy (%) by epoch, mean over seeds\n\n| variant |");
    for (int e = 1; e <= epochs; e++) {
      md.append(" epoch ").append(e).append(" |");
    }
    md.append("\n|---|");
    md.append("---|".repeat(epochs)).append('\n');
    model
        .variants()
        .values()
        .forEach(
            s -> {
              if (s.byEpoch().isEmpty()) {
                return;
              }
              md.append("| ").append(s.label()).append(" |");
              for (int e = 0; e < epochs; e++) {
                md.append(
                        e < s.byEpoch().size()
                            ? " " + Numbers.points(s.byEpoch().get(e).mean())
                            : " " + Numbers.NONE)
                    .append(" |");
              }
              md.append('\n');
            });
    md.append('\n');
  }

  private static void appendFailures(StringBuilder md, ReportModel model) {
    List<TrialResult> failed = model.results().stream().filter(TrialResult::isFailed).toList();
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
          .append(model.label(r.variant()))
          .append(" | ")
          .append(r.seed())
          .append(" | ")
          .append(reason.replace("|", "\\|"))
          .append(" |\n");
    }
    md.append('\n');
  }
}
