package io.bnsweep.report.stats;

import static io.bnsweep.report.stats.ReferenceData.SLEEP_1;
import static io.bnsweep.report.stats.ReferenceData.SLEEP_2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WelchDifferenceTest {
  @Test
  void sleepDataMatchRsWelchTest() {
    // R's documented example t.test(extra ~ group, data = sleep): t = -1.860813,
    // df = 17.77647, p = 0.07939414, 95% CI [-3.3654832, 0.2054832], means 0.75 and 2.33
    Difference d = WelchDifference.of(SLEEP_1, SLEEP_2);

    assertEquals(Design.WELCH, d.design());
    assertEquals(-1.58, d.mean(), 1e-12);
    assertEquals(-1.860813, d.t(), 1e-6);
    assertEquals(17.77647, d.df(), 1e-5);
    assertEquals(17.776473516178488, d.df(), 1e-9); // SciPy, more digits
    assertEquals(0.07939414, d.p(), 1e-8);
    assertEquals(-3.3654832, d.ci().low(), 1e-7);
    assertEquals(0.2054832, d.ci().high(), 1e-7);
    assertTrue(Double.isNaN(d.dz()));
    assertTrue(Double.isNaN(d.pWilcoxon()));
  }

  @Test
  void theStandardErrorIsWelchs() {
    // sqrt(s1^2/10 + s2^2/10); R: t.test(extra ~ group, data = sleep)$stderr
    Difference d = WelchDifference.of(SLEEP_1, SLEEP_2);
    assertEquals(0.849091017238762, d.se(), 1e-12);
  }

  @Test
  void noSpreadOnEitherSideCannotBeTested() {
    Difference d = WelchDifference.of(new double[] {0.8, 0.8}, new double[] {0.7, 0.7, 0.7});

    assertFalse(d.isTested());
    assertEquals(0.1, d.mean(), 1e-12);
  }

  @Test
  void needsTwoValuesASide() {
    assertThrows(
        IllegalArgumentException.class,
        () -> WelchDifference.of(new double[] {1}, new double[] {2, 3}));
  }
}
