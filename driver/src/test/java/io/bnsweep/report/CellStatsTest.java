package io.bnsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellStatsTest {
  @Test
  void sleepGroupOneMatchesRsOneSampleTTest() {
    // R: t.test(sleep$extra[sleep$group == 1]): mean 0.75, 95% CI [-0.5297804, 2.0297804];
    // sd 1.789010 (sd(...)), se = sd / sqrt(10) = 0.5657345274557276 (SciPy)
    CellStats s = CellStats.of(List.of(0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0));

    assertEquals(10, s.n());
    assertEquals(0.75, s.mean(), 1e-12);
    assertEquals(1.7890096577591623, s.std(), 1e-12);
    assertEquals(0.5657345274557276, s.se(), 1e-12);
    assertEquals(-0.5297804, s.ciLow(), 1e-7);
    assertEquals(2.0297804, s.ciHigh(), 1e-7);
    assertEquals(-1.6, s.min(), 0);
    assertEquals(3.7, s.max(), 0);
    assertTrue(s.bootstrap().isDefined());
    assertTrue(s.bootstrap().contains(0.75));
  }

  @Test
  void nistNumAcc1() {
    // NIST StRD univariate NumAcc1: 10000001, 10000003, 10000002; certified mean 10000002,
    // certified sd 1
    CellStats s = CellStats.of(List.of(10000001.0, 10000003.0, 10000002.0));

    assertEquals(10000002, s.mean(), 1e-6);
    assertEquals(1, s.std(), 1e-9);
    assertFalse(s.bootstrap().isDefined()); // 3 values: too few to resample
  }

  @Test
  void nistNumAcc3() {
    // NIST StRD univariate NumAcc3: 1000000.2, then 1000000.1 and 1000000.3 alternating, 1001
    // values; certified mean 1000000.2, certified sd 0.1
    List<Double> values = new ArrayList<>();
    values.add(1000000.2);
    for (int i = 1; i < 1001; i++) {
      values.add(i % 2 == 1 ? 1000000.1 : 1000000.3);
    }

    CellStats s = CellStats.of(values);

    assertEquals(1001, s.n());
    assertEquals(1000000.2, s.mean(), 1e-7);
    assertEquals(0.1, s.std(), 1e-7);
    assertEquals(1000000.1, s.min(), 0);
    assertEquals(1000000.3, s.max(), 0);
  }

  @Test
  void oneValueHasNoSpreadButHasExtremes() {
    CellStats s = CellStats.of(List.of(0.5));

    assertTrue(Double.isNaN(s.se()));
    assertFalse(s.ci().isDefined());
    assertEquals(0.5, s.min(), 0);
    assertEquals(0.5, s.max(), 0);
  }
}
