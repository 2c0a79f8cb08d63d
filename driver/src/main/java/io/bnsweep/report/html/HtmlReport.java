package io.bnsweep.report.html;

import io.bnsweep.report.ReportModel;
import io.bnsweep.report.ReportOptions;
import io.bnsweep.report.stats.StatisticsText;
import io.bnsweep.report.stats.SweepStatistics;
import io.bnsweep.trial.TrialResult;
import java.util.List;

/**
 * {@code report.html}: one self-contained page with everything {@code summary.md} says, drawn.
 *
 * <p>The page fetches nothing: its charts are PNG {@code data:} URIs, its styles inline, it has no
 * script, and its Content-Security-Policy ({@code default-src 'none'}) would stop a browser from
 * fetching anything even if a result smuggled a URL in. Strings from the spec and the results are
 * escaped. The same results give the same page, byte for byte, so it can be diffed.
 */
public final class HtmlReport {
  static {
    // JFreeChart draws with AWT; a driver has no display. Set before AWT initialises.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private static final String STYLE =
      """
      body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 0;
             color: #222; background: #fafafa; }
      main { max-width: 1340px; margin: 0 auto; padding: 12px 24px 48px; }
      h1 { font-size: 1.6em; margin-bottom: 0.2em; }
      h2 { border-bottom: 1px solid #ddd; padding-bottom: 4px; margin-top: 1.8em; }
      h3 { margin: 1.2em 0 0.3em; font-size: 1.05em; }
      nav a { margin-right: 1em; color: #0b5cad; }
      table { border-collapse: collapse; margin: 8px 0; font-size: 13px; background: #fff; }
      th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
      th { background: #f0f0f0; }
      table.stats td:not(:last-child) { white-space: nowrap; }
      table.heatmap td.cell { min-width: 200px; text-align: center; padding: 10px 12px; }
      table.heatmap th { vertical-align: middle; }
      table.heatmap .mean { font-size: 16px; font-weight: 600; }
      table.heatmap .n { font-weight: 400; font-size: 13px; }
      table.heatmap .ci { font-size: 12px; margin-top: 2px; }
      td.best { outline: 3px solid #d62728; outline-offset: -3px; }
      tr.detected td { background: #e6f4ea; }
      tr.folded td:first-child::after { content: " ◆"; color: #0072b2; }
      .legend { display: flex; align-items: center; gap: 8px; font-size: 13px; margin: 4px 0 12px; }
      .ramp { display: inline-block; width: 220px; height: 12px; border: 1px solid #ccc; }
      .charts { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0; }
      .charts img { border: 1px solid #e4e4e4; background: #fff; }
      .note { color: #555; font-size: 14px; max-width: 1100px; }
      ul.notes { font-size: 13px; color: #555; }
      pre { white-space: pre-wrap; font-size: 12px; margin: 4px 0; }
      summary { cursor: pointer; }
      """;

  private HtmlReport() {}

  /** The page for {@code results} with every default, headed {@code title}. */
  public static String of(List<TrialResult> results, String title) {
    return of(ReportModel.of(title, results, ReportOptions.DEFAULT));
  }

  /** The page of {@code model}. */
  public static String of(ReportModel model) {
    return of(model, "");
  }

  /**
   * The page of {@code model}, with {@code preface} (sections of HTML) after the header: a tuned
   * comparison's answer and search ({@link TunedHtml}).
   */
  static String of(ReportModel model, String preface) {
    List<TrialResult> results = model.results();
    SweepStatistics statistics = model.statistics();
    long failed = model.failedCount();
    String title = model.title();
    StringBuilder html = new StringBuilder(1 << 20);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
        .append(" img-src data:; style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(Html.text(title))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<main>\n<header>\n<h1>")
        .append(Html.text(title))
        .append("</h1>\n")
        .append(
            Html.note(
                results.size()
                    + " trials: "
                    + (results.size() - failed)
                    + " complete, "
                    + failed
                    + " failed."
                    + (model.swept().isEmpty()
                        ? ""
                        : " Swept: " + String.join(", ", model.swept()) + ".")
                    + statistics
                        .axis()
                        .map(
                            a ->
                                " Each "
                                    + a
                                    + " is compared with the baseline '"
                                    + statistics.baseline().orElseThrow()
                                    + "'.")
                        .orElse("")))
        .append("<nav>")
        .append(link("accuracy", "Accuracy"))
        .append(link("curves", "Learning curves"))
        .append(link("comparisons", "Comparisons"))
        .append(link("anova", "Main effects"))
        .append(link("diagnostics", "Diagnostics"))
        .append(link("inference", "Inference"))
        .append(link("failures", "Failed trials"))
        .append(link("provenance", "Provenance"))
        .append("</nav>\n</header>\n")
        .append(preface)
        .append(preface.isEmpty() ? answer(model) : "")
        .append(AccuracySection.of(model));
    if (model.hasAccuracy()) {
      html.append(StatisticsSection.comparisons(statistics))
          .append(StatisticsSection.seedsUsed(model))
          .append(StatisticsSection.mainEffects(statistics.mainEffects()));
    }
    html.append(DiagnosticsSection.of(model))
        .append(InferenceSection.of(model))
        .append(FailuresSection.of(model))
        .append(ProvenanceSection.of(results))
        .append("</main>\n</body>\n</html>\n");
    return html.toString();
  }

  /** The decisions in words, before any table. */
  private static String answer(ReportModel model) {
    List<String> answer = StatisticsText.answer(model.statistics());
    if (answer.isEmpty()) {
      return "";
    }
    return Html.sectionStart("answer", "The answer")
        + Html.list(answer)
        + Html.note(
            model.testSetNoise().map(n -> n + " ").orElse("")
                + "How these are decided: see Comparisons below.")
        + Html.sectionEnd();
  }

  private static String link(String id, String text) {
    return "<a href=\"#" + id + "\">" + Html.text(text) + "</a>";
  }
}
