package io.bnsweep.report;

import io.bnsweep.report.TunedReport.ArmSearch;
import io.bnsweep.report.TunedReport.Configuration;
import java.util.List;
import java.util.Optional;

/**
 * {@code summary.md} of a tuned comparison ({@link TunedReport}): the answer at each variant's own
 * best settings, the answer at the spec's settings beside it and where they disagree, each
 * variant's search, then the confirmed comparison's and the fixed comparison's full summaries.
 */
public final class TunedMarkdown {
  private TunedMarkdown() {}

  /** The whole summary. */
  public static String of(TunedReport report) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(report.title()).append("\n\n");
    md.append("## The answer\n\n");
    md.append(TunedText.tunedPreamble(report)).append("\n\n");
    List<String> tuned = report.answer();
    if (tuned.isEmpty()) {
      md.append("- No comparison could be made at the chosen settings.\n");
    }
    tuned.forEach(line -> md.append("- ").append(line).append('\n'));
    md.append('\n');
    report
        .fixed()
        .ifPresent(
            fixed -> {
              md.append(TunedText.fixedPreamble(report)).append("\n\n");
              io.bnsweep.report.stats.StatisticsText.answer(fixed.statistics())
                  .forEach(line -> md.append("- ").append(line).append('\n'));
              md.append('\n');
              md.append(TunedText.disagreement(report)).append("\n\n");
            });
    report.budgetNotes().forEach(note -> md.append(note).append("\n\n"));
    md.append(TunedText.NO_SELECTION_BIAS).append("\n\n");
    appendSearch(md, report);
    md.append("## The confirmed comparison, at each variant's chosen settings\n\n");
    md.append(demoted(MarkdownReport.of(report.tuned())));
    report
        .fixed()
        .ifPresent(
            fixed -> {
              md.append("## The comparison at the spec's own settings\n\n");
              md.append(demoted(MarkdownReport.of(fixed)));
            });
    return md.toString();
  }

  private static void appendSearch(StringBuilder md, TunedReport report) {
    TuneSetup setup = report.setup();
    md.append("## The search, per variant\n\n");
    md.append(TunedText.searchCaption(setup)).append("\n\n");
    md.append(
        "| variant | chosen | validation % | spread (sd, points) | epochs trained | of a full"
            + " search |\n|---|---|---|---|---|---|\n");
    for (ArmSearch arm : report.arms()) {
      md.append("| ")
          .append(arm.label())
          .append(" | ")
          .append(arm.chosen().map(Configuration::settings).orElse("none reached the last rung"))
          .append(" | ")
          .append(arm.chosen().map(c -> Numbers.percent(c.validation())).orElse(Numbers.NONE))
          .append(" | ")
          .append(arm.spread().map(Numbers::points).orElse(Numbers.NONE))
          .append(" | ")
          .append(arm.epochsTrained())
          .append(" | ")
          .append(arm.fullBudget())
          .append(" |\n");
    }
    md.append('\n');
    md.append("### The configurations that got furthest, best first\n\n");
    md.append(
        "| variant | settings | epochs reached | validation % | state |\n|---|---|---|---|---|\n");
    for (ArmSearch arm : report.arms()) {
      for (Configuration c : arm.top()) {
        md.append("| ")
            .append(arm.label())
            .append(" | ")
            .append(c.settings())
            .append(" | ")
            .append(c.epochs())
            .append(" | ")
            .append(Numbers.percent(c.validation()))
            .append(" | ")
            .append(c.state())
            .append(" |\n");
      }
    }
    md.append('\n');
    List<Integer> columns = TunedText.curveColumns(setup.configurations());
    md.append(
        "### Expected best first-rung validation accuracy (%) by configurations searched\n\n");
    md.append(TunedText.EXPECTED_BEST_CAPTION).append("\n\n| variant |");
    columns.forEach(n -> md.append(" n=").append(n).append(" |"));
    md.append("\n|---|");
    columns.forEach(n -> md.append("---|"));
    md.append('\n');
    for (ArmSearch arm : report.arms()) {
      md.append("| ").append(arm.label()).append(" |");
      for (int n : columns) {
        Optional<Double> e =
            n <= arm.expectedBest().size()
                ? Optional.of(arm.expectedBest().get(n - 1))
                : Optional.empty();
        md.append(' ').append(e.map(Numbers::percent).orElse(Numbers.NONE)).append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
  }

  /** {@code md} one heading level down, without its title line. */
  static String demoted(String md) {
    StringBuilder out = new StringBuilder();
    boolean first = true;
    for (String line : md.split("\n", -1)) {
      if (first && line.startsWith("# ")) {
        first = false;
        continue;
      }
      first = false;
      out.append(line.startsWith("#") ? "#" + line : line).append('\n');
    }
    return out.toString();
  }
}
