package io.bnsweep.report;

import java.util.ArrayList;
import java.util.List;

/** The sentences of a tuned comparison's report, shared by the Markdown and HTML renderers. */
public final class TunedText {
  /** Why nothing from the search enters a p-value. */
  public static final String NO_SELECTION_BIAS =
      "No selection bias in the confirmed comparison: each configuration was chosen on the"
          + " validation split only, then trained again on fresh seeds and scored on the test"
          + " split, which the search never saw, so its intervals are those of a comparison of"
          + " configurations fixed in advance.";

  /** What the expected-best table shows. */
  public static final String EXPECTED_BEST_CAPTION =
      "The expected best validation accuracy at the first rung of a search of n configurations"
          + " drawn from those tried (Dodge et al. 2019; unbiased estimator of Tang et al. 2020),"
          + " computed on the first rung, which every configuration reached. A variant whose row"
          + " rises faster gains more from a larger search.";

  private TunedText() {}

  /** Before the tuned answer: at what settings, chosen how. */
  public static String tunedPreamble(TunedReport report) {
    TuneSetup s = report.setup();
    return "At each variant's own best "
        + String.join(", ", s.axes())
        + " (chosen on validation accuracy among "
        + s.configurations()
        + " configurations per variant, up to "
        + s.maxEpochs()
        + " epochs each, by asynchronous successive halving with eta "
        + s.eta()
        + "), confirmed on fresh seeds and decided on test accuracy:";
  }

  /** Before the fixed answer. */
  public static String fixedPreamble(TunedReport report) {
    String at =
        report.fixed().orElseThrow().results().stream()
            .findFirst()
            .map(r -> r.variant().label(report.setup().axes()))
            .orElse("the spec's value");
    return "At the spec's own settings for every variant (" + at + "), on the same seeds:";
  }

  /** Where the tuned and fixed answers disagree, in words. */
  public static String disagreement(TunedReport report) {
    if (report.disagreements().isEmpty()) {
      return "The two answers make the same claims.";
    }
    return "**The two answers disagree**: "
        + String.join(" ", report.disagreements())
        + " The answer at the fixed settings is not the answer at each variant's best.";
  }

  /** What the search table shows. */
  public static String searchCaption(TuneSetup s) {
    return "Each variant searched apart, the same budget for each: "
        + s.configurations()
        + " configurations, rungs from "
        + s.minEpochs()
        + " to "
        + s.maxEpochs()
        + " epochs, eta "
        + s.eta()
        + ". Chosen: the best validation accuracy at the last rung. Spread: the standard"
        + " deviation of the validation accuracy of the configurations that reached the last"
        + " rung (how stable the choice is). Epochs trained: what the search spent, a promoted"
        + " configuration continuing from its checkpoint; a full search trains every"
        + " configuration to the last rung.";
  }

  /** The n at which the expected-best table has a column: 1, then powers of 3, then all. */
  public static List<Integer> curveColumns(int configurations) {
    List<Integer> columns = new ArrayList<>();
    for (int n = 1; n < configurations; n *= 3) {
      columns.add(n);
    }
    columns.add(configurations);
    return columns;
  }
}
