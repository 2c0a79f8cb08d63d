package io.bnsweep.report.stats;

import static io.bnsweep.report.stats.ReferenceData.SLEEP_1;
import static io.bnsweep.report.stats.ReferenceData.SLEEP_2;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PairingTest {
  /** {@code values[i]} as the accuracy of seed {@code firstSeed + i}. */
  private static SortedMap<Long, Double> bySeed(long firstSeed, double... values) {
    SortedMap<Long, Double> map = new TreeMap<>();
    for (int i = 0; i < values.length; i++) {
      map.put(firstSeed + i, values[i]);
    }
    return map;
  }

  @Test
  void sameSeedsArePaired() {
    Difference d = Pairing.compare(bySeed(1, SLEEP_1), bySeed(1, SLEEP_2));

    assertEquals(Design.PAIRED, d.design());
    assertEquals(0.002832890, d.p(), 1e-9); // R's paired t-test, as in PairedDifferenceTest
  }

  @Test
  void seedsWithoutAPartnerAreLeftOutOfThePairs() {
    SortedMap<Long, Double> candidate = bySeed(1, SLEEP_1);
    candidate.put(11L, 9.9);
    SortedMap<Long, Double> baseline = bySeed(1, SLEEP_2);
    baseline.put(12L, -9.9);

    Difference d = Pairing.compare(candidate, baseline);

    assertEquals(Design.PAIRED, d.design());
    assertEquals(10, d.nCandidate());
    assertEquals(0.002832890, d.p(), 1e-9);
    assertEquals(
        "seeds 11, 12 left out: complete for only one of the two variants",
        d.notes().get(d.notes().size() - 1));
  }

  @Test
  void disjointSeedsFallBackToWelch() {
    Difference d = Pairing.compare(bySeed(1, SLEEP_1), bySeed(101, SLEEP_2));

    assertEquals(Design.WELCH, d.design());
    assertEquals(0.07939414, d.p(), 1e-8); // R's Welch test, as in WelchDifferenceTest
    assertEquals(List.of("no seed in common, so compared unpaired (Welch)"), d.notes());
  }

  @Test
  void oneSharedSeedFallsBackToWelch() {
    Difference d = Pairing.compare(bySeed(1, SLEEP_1), bySeed(10, SLEEP_2));

    assertEquals(Design.WELCH, d.design());
    assertEquals(-1.860813, d.t(), 1e-6);
    assertEquals(List.of("only seed 10 in common, so compared unpaired (Welch)"), d.notes());
  }

  @Test
  void onePairIsNotTested() {
    Difference d = Pairing.compare(bySeed(1, 0.81), bySeed(1, 0.80));

    assertEquals(Design.NONE, d.design());
    assertEquals(0.01, d.mean(), 1e-12);
    assertEquals(
        List.of("too few seeds for any test (1 pair; a test needs 2 pairs, or 2 seeds a side)"),
        d.notes());
  }

  @Test
  void twoAgainstOneUnpairedIsNotTested() {
    Difference d = Pairing.compare(bySeed(1, 0.81, 0.82), bySeed(5, 0.80));

    assertEquals(Design.NONE, d.design());
    assertEquals(2, d.nCandidate());
    assertEquals(1, d.nBaseline());
    assertEquals(0.015, d.mean(), 1e-12);
  }
}
