package io.bnsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.testing.Results;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {
  @Test
  void cellStatsMatchAHandComputedTInterval() {
    // values 0.80, 0.82, 0.84: mean 0.82, sd 0.02, t(0.975, 2) = 4.302652729911275
    CellStats s = CellStats.of(List.of(0.80, 0.82, 0.84));

    assertEquals(3, s.n());
    assertEquals(0.82, s.mean(), 1e-12);
    assertEquals(0.02, s.std(), 1e-12);
    double half = 4.302652729911275 * 0.02 / Math.sqrt(3);
    assertEquals(0.82 - half, s.ciLow(), 1e-9);
    assertEquals(0.82 + half, s.ciHigh(), 1e-9);
  }

  @Test
  void oneValueHasNoSpread() {
    CellStats s = CellStats.of(List.of(0.5));

    assertTrue(Double.isNaN(s.std()));
    assertEquals("50.00 (1)", Summary.formatCell(s));
  }

  @Test
  void tableHasPlacementRowsActivationColumnsAndTheBestCellInBold() {
    List<TrialResult> results =
        List.of(
            Results.complete("1", Placement.BEFORE, ActivationKind.RELU, 1, 0.70, 0.80),
            Results.complete("2", Placement.BEFORE, ActivationKind.RELU, 2, 0.72, 0.84),
            Results.complete("3", Placement.AFTER, ActivationKind.RELU, 1, 0.60, 0.86),
            Results.complete("4", Placement.AFTER, ActivationKind.RELU, 2, 0.62, 0.88),
            Results.complete("5", Placement.AFTER, ActivationKind.TANH, 1, 0.5, 0.5),
            Results.failed("6", Placement.AFTER, ActivationKind.TANH, 2, "loss became NaN"));

    Summary summary = Summary.of(results);
    String md = summary.toMarkdown("t");

    assertEquals(new Variant(Placement.AFTER, ActivationKind.RELU), summary.best().orElseThrow());
    assertTrue(md.contains("6 trials: 5 complete, 1 failed."), md);
    assertTrue(md.contains("| placement | relu | tanh |"), md);
    assertTrue(md.contains("| before | 82.00 ± 2.83 (2) [56.59, 107.41] | – |"), md);
    assertTrue(md.contains("| after | **87.00 ± 1.41 (2) [74.29, 99.71]** | 50.00 (1) |"), md);
    assertTrue(md.contains("| before/relu | 71.00 | 82.00 |"), md);
    assertTrue(md.contains("| 6 | after/tanh | 2 | loss became NaN |"), md);
  }

  @Test
  void perVariantTableAddsSpreadRangeAndIntervals() {
    // before/relu 0.80, 0.84: sd 2.83 points, se 2.00; bootstrap needs 5 seeds
    String md = Summary.of(sweepWithAHole()).toMarkdown("t");

    assertTrue(
        md.contains(
            "| before/relu | 2 | 82.00 | 2.83 | 2.00 | 80.00 | 84.00 | [56.59, 107.41] | – |"),
        md);
    assertTrue(md.contains("| after/tanh | 1 | 50.00 | – | – | 50.00 | 50.00 | – | – |"), md);
    assertTrue(md.contains("fixed seed; needs 5 seeds or more, – with fewer)."), md);
  }

  @Test
  void comparisonsTablePairsBySeedAndSaysWhatCannotBeTested() {
    // after/relu - before/relu by seed: +6 and +4 points. Mean 5, sd of differences sqrt(2), so
    // t = 5 on 1 df (Cauchy): p = 1 - 2 atan(5) / pi = 0.1257, CI 5 +- tan(0.475 pi) * 1 =
    // [-7.71, 17.71], d_z = 5 / sqrt(2) = 3.54, MDD = (tan(0.475 pi) + tan(0.3 pi)) * 1 = 14.08.
    // Wilcoxon: both differences positive, exact p = 2 * 1/4.
    String md = Summary.of(sweepWithAHole()).toMarkdown("t");

    assertTrue(
        md.contains(
            "| activation | placement vs baseline | n pairs | mean diff (points) | 95% CI | p (t) |"
                + " p (Wilcoxon) | d_z | p_holm | verdict |"),
        md);
    assertTrue(
        md.contains(
            "| relu | after vs before | 2 | +5.00 | [-7.71, 17.71] | 0.126 | 0.500 | 3.54 | 0.126 |"
                + " no detectable difference between after and before for relu with 2 seeds"
                + " (p_holm = 0.126); the smallest detectable difference at this spread is 14.08"
                + " points |"),
        md);
    assertTrue(
        md.contains(
            "| tanh | after vs before | 1 / 0 | – | – | – | – | – | – | not tested: no complete"
                + " trial of before/tanh |"),
        md);
    assertTrue(
        md.contains(
            "- after vs before (relu): Wilcoxon with 2 non-zero differences can never reach p <"
                + " 0.05 (smallest p is 0.5000)"),
        md);
  }

  @Test
  void anovaIsSkippedWithTheReasonWhenACellIsMissing() {
    String md = Summary.of(sweepWithAHole()).toMarkdown("t");

    assertTrue(
        md.contains(
            "## Main effects (two-way ANOVA, seed as block)\n\nANOVA skipped: no complete trial"
                + " of before/tanh, so the placement x activation grid has holes.\n"),
        md);
  }

  @Test
  void anovaTableInPointsSquared() {
    // accuracies in points [placement][activation][seed]: before/relu 80 83, before/tanh 78 80,
    // after/relu 85 86, after/tanh 77 80. In exact fractions (python3): SS placement 49/8,
    // activation 361/8, interaction 81/8, seed 81/8, residual 11/8 on 3 df; F = SS / (11/24);
    // p from SciPy's F distribution: 0.0354, 0.0022, 0.0182, 0.0182.
    List<TrialResult> results =
        List.of(
            Results.complete("1", Placement.BEFORE, ActivationKind.RELU, 1, 0.80),
            Results.complete("2", Placement.BEFORE, ActivationKind.RELU, 2, 0.83),
            Results.complete("3", Placement.BEFORE, ActivationKind.TANH, 1, 0.78),
            Results.complete("4", Placement.BEFORE, ActivationKind.TANH, 2, 0.80),
            Results.complete("5", Placement.AFTER, ActivationKind.RELU, 1, 0.85),
            Results.complete("6", Placement.AFTER, ActivationKind.RELU, 2, 0.86),
            Results.complete("7", Placement.AFTER, ActivationKind.TANH, 1, 0.77),
            Results.complete("8", Placement.AFTER, ActivationKind.TANH, 2, 0.80));

    String md = Summary.of(results).toMarkdown("t");

    assertTrue(md.contains("seeds 1, 2 as blocks. SS and MS in points²."), md);
    assertTrue(md.contains("| placement | 6.125 | 1 | 6.125 | 13.36 | 0.035 |"), md);
    assertTrue(md.contains("| activation | 45.125 | 1 | 45.125 | 98.45 | 0.002 |"), md);
    assertTrue(md.contains("| placement × activation | 10.125 | 1 | 10.125 | 22.09 | 0.018 |"), md);
    assertTrue(md.contains("| seed (block) | 10.125 | 1 | 10.125 | 22.09 | 0.018 |"), md);
    assertTrue(md.contains("| residual | 1.375 | 3 | 0.458 | – | – |"), md);
  }

  @Test
  void theBaselineCanBeChosen() {
    Summary summary = Summary.of(sweepWithAHole(), Placement.AFTER);

    assertEquals(Placement.AFTER, summary.statistics().baseline());
    assertTrue(summary.toMarkdown("t").contains("| relu | before vs after | 2 | -5.00 |"));
  }

  @Test
  void aBaselineOutsideTheSweepIsAWarning() {
    String md = Summary.of(sweepWithAHole(), Placement.EXTRA).toMarkdown("t");

    assertTrue(
        md.contains(
            "- baseline placement 'extra' is not in this sweep, so there are no comparisons; the"
                + " sweep has before, after"),
        md);
  }

  private static List<TrialResult> sweepWithAHole() {
    return List.of(
        Results.complete("1", Placement.BEFORE, ActivationKind.RELU, 1, 0.70, 0.80),
        Results.complete("2", Placement.BEFORE, ActivationKind.RELU, 2, 0.72, 0.84),
        Results.complete("3", Placement.AFTER, ActivationKind.RELU, 1, 0.60, 0.86),
        Results.complete("4", Placement.AFTER, ActivationKind.RELU, 2, 0.62, 0.88),
        Results.complete("5", Placement.AFTER, ActivationKind.TANH, 1, 0.5, 0.5),
        Results.failed("6", Placement.AFTER, ActivationKind.TANH, 2, "loss became NaN"));
  }
}
