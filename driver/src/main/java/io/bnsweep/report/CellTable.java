package io.bnsweep.report;

import io.bnsweep.report.stats.BootstrapInterval;
import io.bnsweep.report.stats.Interval;
import java.util.Locale;

/**
 * The Markdown table of every variant's {@link CellStats}, in percent: n, mean, std, standard
 * error, min, max, the t-interval and the bootstrap interval of the mean.
 *
 * <p>The accuracy grid shows the mean and t-interval at a glance; this table adds what a reader
 * checks before trusting them: the range of the seeds and an interval that does not assume
 * normality.
 */
final class CellTable {
  private static final String NONE = "–";

  private CellTable() {}

  /** Appends the table of {@code cells}, which must not be empty, to {@code md}. */
  static void append(StringBuilder md, ReportModel model) {
    boolean validation =
        model.variants().values().stream().anyMatch(v -> v.validation().isPresent());
    md.append("## Test accuracy (%) per variant\n\n")
        .append("95% intervals of the mean: t (n-1 df) and percentile bootstrap (")
        .append(String.format(Locale.ROOT, "%,d", BootstrapInterval.RESAMPLES))
        .append(" resamples, fixed seed; needs ")
        .append(BootstrapInterval.MIN_VALUES)
        .append(" seeds or more, – with fewer).\n\n")
        .append("| variant | n | failed | mean | std | se | min | max | 95% CI (t) | 95% CI")
        .append(" (bootstrap) |")
        .append(validation ? " validation mean [95% CI] |" : "")
        .append("\n|---|---|---|---|---|---|---|---|---|---|")
        .append(validation ? "---|" : "")
        .append("\n");
    model
        .variants()
        .values()
        .forEach(
            row -> {
              if (row.accuracy().isEmpty()) {
                return;
              }
              CellStats s = row.accuracy().get();
              md.append("| ")
                  .append(row.label())
                  .append(" | ")
                  .append(s.n())
                  .append(" | ")
                  .append(row.failed())
                  .append(" | ")
                  .append(points(s.mean()))
                  .append(" | ")
                  .append(points(s.std()))
                  .append(" | ")
                  .append(points(s.se()))
                  .append(" | ")
                  .append(points(s.min()))
                  .append(" | ")
                  .append(points(s.max()))
                  .append(" | ")
                  .append(interval(s.ci()))
                  .append(" | ")
                  .append(interval(s.bootstrap()))
                  .append(" |");
              if (validation) {
                md.append(
                        row.validation()
                            .map(c -> " " + points(c.mean()) + " " + interval(c.ci()))
                            .orElse(" " + NONE))
                    .append(" |");
              }
              md.append('\n');
            });
    md.append('\n');
  }

  private static String points(double fraction) {
    return Double.isNaN(fraction) ? NONE : String.format(Locale.ROOT, "%.2f", 100 * fraction);
  }

  private static String interval(Interval i) {
    return i.isDefined()
        ? String.format(Locale.ROOT, "[%.2f, %.2f]", 100 * i.low(), 100 * i.high())
        : NONE;
  }
}
