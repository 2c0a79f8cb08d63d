package io.bnsweep.report.html;

import io.bnsweep.report.ReportModel;
import io.bnsweep.trial.TrialResult;
import java.util.List;

/**
 * The failed trials, each with the first line of its reason and the whole reason (a stack trace,
 * say) folded away under it.
 */
final class FailuresSection {
  private FailuresSection() {}

  /** The section for {@code results}' failed trials; a sentence if none failed. */
  static String of(ReportModel model) {
    List<TrialResult> results = model.results();
    StringBuilder html = new StringBuilder(Html.sectionStart("failures", "Failed trials"));
    List<TrialResult> failed = results.stream().filter(TrialResult::isFailed).toList();
    if (failed.isEmpty()) {
      html.append(Html.note("No trial failed."));
      return html.append(Html.sectionEnd()).toString();
    }
    HtmlTable table = new HtmlTable("stats failures", "trial", "variant", "seed", "reason");
    for (TrialResult r : failed) {
      String reason = r.failureReason() == null ? "" : r.failureReason();
      String first = reason.lines().findFirst().orElse("");
      String cell =
          reason.lines().count() > 1
              ? "<details><summary>"
                  + Html.text(first)
                  + "</summary><pre>"
                  + Html.text(reason)
                  + "</pre></details>"
              : Html.text(first);
      table.rowHtml(
          null,
          "<code>" + Html.text(r.trialId()) + "</code>",
          Html.text(model.label(r.variant())),
          String.valueOf(r.seed()),
          cell);
    }
    return html.append(table.html()).append(Html.sectionEnd()).toString();
  }
}
