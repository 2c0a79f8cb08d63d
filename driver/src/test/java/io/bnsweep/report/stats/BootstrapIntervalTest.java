package io.bnsweep.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BootstrapIntervalTest {
  private static final double[] SLEEP_2 = ReferenceData.SLEEP_2;

  @Test
  void isDeterministic() {
    assertEquals(BootstrapInterval.ofMean(SLEEP_2), BootstrapInterval.ofMean(SLEEP_2));
  }

  @Test
  void anotherSeedGivesAnotherInterval() {
    assertNotEquals(
        BootstrapInterval.ofMean(SLEEP_2, 10_000, 1), BootstrapInterval.ofMean(SLEEP_2, 10_000, 2));
  }

  @Test
  void liesWithinTheDataAndCoversTheMean() {
    Interval ci = BootstrapInterval.ofMean(SLEEP_2);

    assertTrue(ci.contains(2.33), ci.toString());
    assertTrue(ci.low() >= -0.1 && ci.high() <= 5.5, ci.toString());
  }

  @Test
  void isUndefinedBelowFiveValues() {
    assertFalse(BootstrapInterval.ofMean(new double[] {1, 2, 3, 4}).isDefined());
    assertTrue(BootstrapInterval.ofMean(new double[] {1, 2, 3, 4, 5}).isDefined());
  }

  @Test
  void constantValuesGiveAPoint() {
    double[] same = new double[7];
    Arrays.fill(same, 0.83);

    assertEquals(new Interval(0.83, 0.83), BootstrapInterval.ofMean(same));
  }

  @Test
  void forManyValuesApproachesTheNormalInterval() {
    // NIST StRD NumAcc2 shape: 1.2, then 1.1 and 1.3 alternating, 1001 values; mean 1.2, sd 0.1.
    // The bootstrap distribution of the mean is then close to normal with sd = sqrt((n-1)/n) *
    // 0.1 / sqrt(n), so the interval is close to 1.2 +- 1.959964 of that. Monte Carlo error of a
    // 2.5% quantile from 10,000 resamples is about 0.03 of that sd; allow 0.1.
    double[] values = new double[1001];
    values[0] = 1.2;
    for (int i = 1; i < values.length; i++) {
      values[i] = i % 2 == 1 ? 1.1 : 1.3;
    }
    double sd = Math.sqrt(1000.0 / 1001) * 0.1 / Math.sqrt(1001);

    Interval ci = BootstrapInterval.ofMean(values);

    assertEquals(1.2 - 1.959964 * sd, ci.low(), 0.1 * sd);
    assertEquals(1.2 + 1.959964 * sd, ci.high(), 0.1 * sd);
  }

  @Test
  void needsResamples() {
    assertThrows(IllegalArgumentException.class, () -> BootstrapInterval.ofMean(SLEEP_2, 0, 1));
  }
}
