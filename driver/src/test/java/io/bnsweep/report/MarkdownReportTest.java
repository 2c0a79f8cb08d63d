package io.bnsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.spec.SweepSpec;
import io.bnsweep.testing.Results;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
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
    assertEquals(
        "50.00 (1)",
        MarkdownReport.formatCell(
            new ReportModel.VariantSummary(
                Variant.of(Placement.NONE, ActivationKind.RELU),
                "none/relu",
                java.util.Optional.of(s),
                0,
                List.of(),
                java.util.Optional.empty())));
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

    ReportModel model = model(results, ReportOptions.DEFAULT);
    String md = MarkdownReport.of(model);

    assertEquals(Variant.of(Placement.AFTER, ActivationKind.RELU), model.best().orElseThrow());
    assertTrue(md.contains("6 trials: 5 complete, 1 failed."), md);
    assertTrue(md.contains("| placement | relu | tanh |"), md);
    // the t-interval [56.59, 107.41] is clipped at 100
    assertTrue(md.contains("| before | 82.00 ± 2.83 (2) [56.59, 100.00] | – |"), md);
    assertTrue(
        md.contains("| after | **87.00 ± 1.41 (2) [74.29, 99.71]** | 50.00 (1, 1 of 2 failed) |"),
        md);
    assertTrue(md.contains("| before/relu | 71.00 | 82.00 |"), md);
    assertTrue(md.contains("| 6 | after/tanh | 2 | loss became NaN |"), md);
  }

  @Test
  void perVariantTableAddsSpreadRangeAndIntervals() {
    // before/relu 0.80, 0.84: sd 2.83 points, se 2.00; bootstrap needs 5 seeds
    String md = markdown(sweepWithAHole(), ReportOptions.DEFAULT);

    assertTrue(
        md.contains(
            "| before/relu | 2 | 0 | 82.00 | 2.83 | 2.00 | 80.00 | 84.00 | [56.59, 100.00] | – |"),
        md);
    assertTrue(md.contains("| after/tanh | 1 | 1 | 50.00 | – | – | 50.00 | 50.00 | – | – |"), md);
    assertTrue(md.contains("fixed seed; needs 5 seeds or more, – with fewer)."), md);
  }

  @Test
  void comparisonsTablePairsBySeedAndSaysWhatCannotBeTested() {
    // after/relu - before/relu by seed: +6 and +4 points. Mean 5, sd of differences sqrt(2), so
    // t = 5 on 1 df (Cauchy): p = 1 - 2 atan(5) / pi = 0.1257, CI 5 +- tan(0.475 pi) * 1 =
    // [-7.71, 17.71], d_z = 5 / sqrt(2) = 3.54, MDD = (tan(0.475 pi) + tan(0.3 pi)) * 1 = 14.08.
    // Wilcoxon: both differences positive, exact p = 2 * 1/4.
    String md = markdown(sweepWithAHole(), ReportOptions.DEFAULT);

    // two comparisons: each interval at 1 - 0.05/2; neither can decide (2 pairs; no baseline)
    assertTrue(
        md.contains(
            "| within | placement vs baseline | n pairs | mean diff (points) | 97.5% interval |"
                + " p (t) | p (Wilcoxon) | d_z | failed | decision | verdict |"),
        md);
    assertTrue(
        md.contains(
            "| relu | after vs before | 2 | +5.00 | – | 0.126 | 0.500 | 3.54 | – | no decision |"
                + " no decision: 2 pairs: a decision needs 3 or more (with 2 the interval rests on"
                + " one degree of freedom) |"),
        md);
    assertTrue(
        md.contains(
            "| tanh | after vs before | 1 / 0 | – | – | – | – | – | after: 1 of 2 seeds failed |"
                + " no decision | no decision: no complete trial of before/tanh |"),
        md);
    assertTrue(
        md.contains(
            "- after vs before (relu): Wilcoxon with 2 non-zero differences can never reach p <"
                + " 0.05 (smallest p is 0.5000)"),
        md);
  }

  @Test
  void anEmptyCellUnbalancesTheLinearModelWhichSaysSo() {
    String md = markdown(sweepWithAHole(), ReportOptions.DEFAULT);

    assertTrue(md.contains("## Main effects and interactions (linear model, seed as block)"), md);
    assertTrue(!md.contains("balanced design, closed-form"), md);
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

    String md = markdown(results, ReportOptions.DEFAULT);

    // generalised eta squared: SS / (SS + SS_seed + SS_residual), e.g. 6.125 / 17.625 = 0.348;
    // marginal means: before 80.25, after 82.00 (range 1.75); relu 83.50, tanh 78.75 (4.75)
    assertTrue(md.contains("seeds 1, 2 as blocks; balanced design, closed-form sums"), md);
    assertTrue(md.contains("| placement | 6.125 | 1 | 6.125 | 13.36 | 0.035 | 0.348 |"), md);
    assertTrue(md.contains("| activation | 45.125 | 1 | 45.125 | 98.45 | 0.002 | 0.797 |"), md);
    assertTrue(
        md.contains("| placement × activation | 10.125 | 1 | 10.125 | 22.09 | 0.018 | 0.468 |"),
        md);
    assertTrue(md.contains("| seed (block) | 10.125 | 1 | 10.125 | 22.09 | 0.018 | – |"), md);
    assertTrue(md.contains("| residual | 1.375 | 3 | 0.458 | – | – | – |"), md);
    assertTrue(md.contains("marginal means (points): placement 1.75, activation 4.75."), md);
  }

  @Test
  void randomSearchSkipsTheLinearModelAndSaysWhy() {
    ReportOptions random =
        new ReportOptions(
            java.util.Optional.empty(),
            SweepSpec.Decisions.DEFAULT,
            SweepSpec.TableSpec.DEFAULT,
            true);

    String md = markdown(sweepWithAHole(), random);

    assertTrue(
        md.contains(
            "linear model skipped: the variants were drawn by random search, so the axes are not"
                + " crossed; the comparisons above stay paired within each sample."),
        md);
    assertTrue(md.contains("| relu | after vs before | 2 | +5.00 |"), "comparisons still made");
  }

  @Test
  void compareMetricValidationDecidesOnTheValidationSplit() {
    // test accuracy: after = before + 5.0 or 5.2 points; validation: after = before, to 0.01 point
    List<TrialResult> results = new ArrayList<>();
    for (long seed = 1; seed <= 4; seed++) {
      double noise = 0.001 * seed;
      results.add(
          Results.withValidation(
              Results.complete(
                  "a" + seed,
                  Placement.AFTER,
                  ActivationKind.RELU,
                  seed,
                  0.85 + noise + 0.002 * (seed % 2)),
              0.80 + noise));
      results.add(
          Results.withValidation(
              Results.complete(
                  "b" + seed, Placement.BEFORE, ActivationKind.RELU, seed, 0.80 + noise),
              0.80 + noise + 0.0001 * (seed % 2)));
    }
    ReportOptions onTest = ReportOptions.DEFAULT;
    ReportOptions onValidation =
        new ReportOptions(
            java.util.Optional.empty(),
            new SweepSpec.Decisions(0.05, 0.01, List.of(), "validation"),
            SweepSpec.TableSpec.DEFAULT,
            false);

    String test = markdown(results, onTest);
    String validation = markdown(results, onValidation);

    assertTrue(test.contains("after beats before by 5.10 points"), test);
    assertTrue(validation.contains("Decided on validation accuracy."), validation);
    assertTrue(validation.contains("after and before are equivalent within ±1 point"), validation);
    assertTrue(validation.contains("| after | 4 | 0 | 85.35 |"), "test accuracy still shown");
    assertTrue(validation.contains("(bootstrap) | validation mean [95% CI] |"), validation);
  }

  @Test
  void theBaselineCanBeChosen() {
    ReportModel model = model(sweepWithAHole(), compare("placement", "after"));

    assertEquals(java.util.Optional.of("after"), model.statistics().baseline());
    assertTrue(MarkdownReport.of(model).contains("| relu | before vs after | 2 | -5.00 |"));
  }

  @Test
  void aBaselineOutsideTheSweepIsAWarning() {
    String md = markdown(sweepWithAHole(), compare("placement", "extra"));

    assertTrue(
        md.contains(
            "- baseline placement 'extra' is not in these results, so there are no comparisons;"
                + " they have before, after"),
        md);
  }

  private static ReportOptions compare(String axis, String baseline) {
    return ReportOptions.DEFAULT.comparing(
        java.util.Optional.of(new SweepSpec.CompareSpec(axis, baseline)));
  }

  private static ReportModel model(List<TrialResult> results, ReportOptions options) {
    return ReportModel.of("t", results, options);
  }

  @Test
  void aNoteOnAComparisonOfTheWholeSweepNamesNoStratum() {
    // only placement swept: one stratum, the whole sweep; 3 pairs, so the Wilcoxon note appears
    List<TrialResult> results = new ArrayList<>();
    for (int seed = 1; seed <= 3; seed++) {
      results.add(
          Results.complete(
              "b" + seed, Placement.BEFORE, ActivationKind.RELU, seed, 0.80 + seed / 100.0));
      results.add(
          Results.complete(
              "a" + seed, Placement.AFTER, ActivationKind.RELU, seed, 0.70 + seed / 50.0));
    }
    String md = markdown(results, ReportOptions.DEFAULT);

    assertTrue(md.contains("after vs before: Wilcoxon with 3"), md);
    assertFalse(md.contains("(" + Variant.ALL + ")"), md);
  }

  private static String markdown(List<TrialResult> results, ReportOptions options) {
    return MarkdownReport.of(model(results, options));
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
