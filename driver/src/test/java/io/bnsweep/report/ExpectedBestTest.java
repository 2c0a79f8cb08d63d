package io.bnsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The expected best of n configurations, against every subset counted out by brute force. */
class ExpectedBestTest {
  @Test
  void equalsTheMeanOfTheMaximumOverEverySubsetOfEachSize() {
    Random random = new Random(7);
    List<Double> scores = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      scores.add(Math.round(random.nextDouble() * 100) / 100.0); // ties included
    }
    List<Double> curve = ExpectedBest.curve(scores);
    assertEquals(scores.size(), curve.size());
    for (int n = 1; n <= scores.size(); n++) {
      double sum = 0;
      int subsets = 0;
      for (int mask = 0; mask < 1 << scores.size(); mask++) {
        if (Integer.bitCount(mask) != n) {
          continue;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.size(); i++) {
          if ((mask & 1 << i) != 0) {
            max = Math.max(max, scores.get(i));
          }
        }
        sum += max;
        subsets++;
      }
      assertEquals(sum / subsets, curve.get(n - 1), 1e-12, "n = " + n);
    }
  }

  @Test
  void startsAtTheMeanAndEndsAtTheBest() {
    List<Double> curve = ExpectedBest.curve(List.of(0.2, 0.9, 0.5, 0.4));
    assertEquals(0.5, curve.get(0), 1e-12);
    assertEquals(0.9, curve.get(3), 1e-12);
    for (int i = 1; i < curve.size(); i++) {
      assertEquals(true, curve.get(i) >= curve.get(i - 1), "non-decreasing");
    }
  }
}
