package io.bnsweep.report.stats;

import static io.bnsweep.report.stats.ReferenceData.SLEEP_1;
import static io.bnsweep.report.stats.ReferenceData.SLEEP_2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairedDifferenceTest {
  @Test
  void sleepDataMatchRsPairedTTest() {
    // R: t.test(extra ~ group, data = sleep, paired = TRUE) (group 1 minus group 2):
    // t = -4.062128, df = 9, p = 0.002832890, 95% CI [-2.4598858, -0.7001142], mean -1.58
    Difference d = PairedDifference.of(SLEEP_1, SLEEP_2);

    assertEquals(Design.PAIRED, d.design());
    assertEquals(10, d.nCandidate());
    assertEquals(10, d.nBaseline());
    assertEquals(-1.58, d.mean(), 1e-12);
    assertEquals(-4.062128, d.t(), 1e-6);
    assertEquals(9, d.df(), 0);
    assertEquals(0.002832890, d.p(), 1e-9);
    assertEquals(-2.4598858, d.ci().low(), 1e-7);
    assertEquals(-0.7001142, d.ci().high(), 1e-7);
    assertTrue(d.isTested());
  }

  @Test
  void cohensDzIsTheMeanDifferenceOverTheSdOfDifferences() {
    // differences -1.2 -2.4 -1.3 -1.3 0 -1.0 -1.8 -0.8 -4.6 -1.4: sd = 1.2299954832798732
    // (SciPy), so d_z = -1.58 / 1.2299954832798732 = -1.2845575625910546 = t / sqrt(10)
    Difference d = PairedDifference.of(SLEEP_1, SLEEP_2);

    assertEquals(-1.2845575625910546, d.dz(), 1e-9);
    assertEquals(-4.062128 / Math.sqrt(10), d.dz(), 1e-6);
  }

  @Test
  void theStandardErrorIsTheSdOfDifferencesOverRootN() {
    // R: sd(sleep$extra[1:10] - sleep$extra[11:20]) = 1.2299954832798732
    Difference d = PairedDifference.of(SLEEP_1, SLEEP_2);

    assertEquals(1.2299954832798732 / Math.sqrt(10), d.se(), 1e-12);
  }

  @Test
  void wilcoxonDropsTheZeroDifferenceAndIsExact() {
    // One difference is 0 (patient 5); the other 9 are all negative, so W+ = 0, which only the
    // all-negative sign pattern gives, whatever the (mid-)ranks: the exact two-sided p is 2 / 2^9.
    // R reports 0.009091 here: with ties (two differences of -1.3) and zeros it falls back to the
    // normal approximation.
    Difference d = PairedDifference.of(SLEEP_1, SLEEP_2);

    assertEquals(2.0 / 512, d.pWilcoxon(), 1e-15);
    assertTrue(
        d.notes()
            .contains(
                "tied differences: Wilcoxon p exact over their mid-ranks (R's wilcox.test would"
                    + " use the normal approximation)"),
        d.notes().toString());
  }

  @Test
  void fewerThanSixPairsCarryTheWilcoxonWarning() {
    // differences +0.01, -0.02, +0.03: W+ = 1 + 3 = 4; sign patterns of ranks 1..3 with rank
    // sum >= 4 are {1,3}, {2,3}, {1,2,3}, so the exact two-sided p is 2 * 3/8
    Difference d =
        PairedDifference.of(new double[] {0.81, 0.80, 0.84}, new double[] {0.80, 0.82, 0.81});

    assertEquals(0.75, d.pWilcoxon(), 1e-15);
    assertTrue(
        d.notes()
            .contains(
                "Wilcoxon with 3 non-zero differences can never reach p < 0.05 (smallest p is"
                    + " 0.2500)"),
        d.notes().toString());
  }

  @Test
  void identicalDifferencesCannotBeTested() {
    Difference d = PairedDifference.of(new double[] {0.82, 0.84}, new double[] {0.80, 0.82});

    assertEquals(Design.NONE, d.design());
    assertFalse(d.isTested());
    assertEquals(0.02, d.mean(), 1e-12);
    assertFalse(d.ci().isDefined());
    assertTrue(d.notes().get(0).startsWith("all 2 seeds give the same difference (2.00 points)"));
  }

  @Test
  void needsTwoPairsOfEqualLength() {
    assertThrows(
        IllegalArgumentException.class,
        () -> PairedDifference.of(new double[] {1}, new double[] {2}));
    assertThrows(
        IllegalArgumentException.class,
        () -> PairedDifference.of(new double[] {1, 2, 3}, new double[] {2, 3}));
  }
}
