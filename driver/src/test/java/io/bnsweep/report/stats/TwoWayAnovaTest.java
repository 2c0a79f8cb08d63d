package io.bnsweep.report.stats;

import static io.bnsweep.report.stats.ReferenceData.RADAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TwoWayAnovaTest {
  // RADAR is [filter type][ground clutter][operator]: factor A = filter, B = clutter.
  private final AnovaTable radar = TwoWayAnova.of(RADAR);

  @Test
  void radarSumsOfSquaresMatchMontgomerysTable() {
    // published to two decimals
    assertEquals(1066.67, radar.factorA().ss(), 0.005);
    assertEquals(335.58, radar.factorB().ss(), 0.005);
    assertEquals(77.08, radar.interaction().ss(), 0.005);
    assertEquals(402.17, radar.block().ss(), 0.005);
    assertEquals(166.33, radar.residual().ss(), 0.005);
    assertEquals(2047.83, radar.totalSs(), 0.005);
    // exact, in rational arithmetic (python3 fractions): 3200/3, 4027/12, 925/12, 2413/6, 499/3
    assertEquals(3200.0 / 3, radar.factorA().ss(), 1e-9);
    assertEquals(4027.0 / 12, radar.factorB().ss(), 1e-9);
    assertEquals(925.0 / 12, radar.interaction().ss(), 1e-9);
    assertEquals(2413.0 / 6, radar.block().ss(), 1e-9);
    assertEquals(499.0 / 3, radar.residual().ss(), 1e-9);
  }

  @Test
  void radarDegreesOfFreedomMeanSquaresAndFMatchMontgomerysTable() {
    assertEquals(1, radar.factorA().df());
    assertEquals(2, radar.factorB().df());
    assertEquals(2, radar.interaction().df());
    assertEquals(3, radar.block().df());
    assertEquals(15, radar.residual().df());
    assertEquals(23, radar.totalDf());
    assertEquals(499.0 / 45, radar.residual().ms(), 1e-9);
    // published F to two decimals, then exact ratios of the fractions above
    assertEquals(96.19, radar.factorA().f(), 0.005);
    assertEquals(15.13, radar.factorB().f(), 0.005);
    assertEquals(3.48, radar.interaction().f(), 0.005);
    assertEquals((3200.0 / 3) / (499.0 / 45), radar.factorA().f(), 1e-9);
    assertEquals((4027.0 / 24) / (499.0 / 45), radar.factorB().f(), 1e-9);
    assertEquals((925.0 / 24) / (499.0 / 45), radar.interaction().f(), 1e-9);
    assertEquals((2413.0 / 18) / (499.0 / 45), radar.block().f(), 1e-9);
    assertTrue(Double.isNaN(radar.residual().f()));
  }

  @Test
  void radarPValuesMatchTheFDistribution() {
    // SciPy 1.17: scipy.stats.f.sf(F, df, 15)
    assertEquals(6.44679266888018e-08, radar.factorA().p(), 1e-12);
    assertEquals(0.000252701344943176, radar.factorB().p(), 1e-10);
    assertEquals(0.05750655478744721, radar.interaction().p(), 1e-9);
    assertEquals(0.0002771485095955307, radar.block().p(), 1e-10);
    assertTrue(Double.isNaN(radar.residual().p()));
  }

  @Test
  void purelyAdditiveDataHaveNoInteraction() {
    // y = a_i + b_j + s_k exactly: no interaction, no residual, so no F either
    double[] a = {0.80, 0.83};
    double[] b = {0.0, 0.05, -0.02};
    double[] s = {0.0, 0.01};
    double[][][] y = new double[2][3][2];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 2; k++) {
          y[i][j][k] = a[i] + b[j] + s[k];
        }
      }
    }

    AnovaTable t = TwoWayAnova.of(y);

    assertEquals(0, t.interaction().ss(), 1e-15);
    assertEquals(0, t.residual().ss(), 1e-15);
    // SS_A = b r sum (a_i - mean a)^2 = 3 * 2 * 2 * 0.015^2
    assertEquals(12 * 0.015 * 0.015, t.factorA().ss(), 1e-15);
    assertTrue(Double.isNaN(t.factorA().f()));
  }

  @Test
  void rejectsUnbalancedAndTooSmallDesigns() {
    assertThrows(
        IllegalArgumentException.class,
        () -> TwoWayAnova.of(new double[][][] {{{1, 2}, {3, 4}}, {{1, 2}, {3}}}));
    assertThrows(
        IllegalArgumentException.class,
        () -> TwoWayAnova.of(new double[][][] {{{1, 2}}, {{1, 2}}}));
  }
}
