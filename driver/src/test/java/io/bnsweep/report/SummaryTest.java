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
}
