package io.bnsweep.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FactorialAnova} against a published table (Montgomery), against R, against {@link
 * TwoWayAnova} and against itself (closed form against least squares).
 *
 * <p>The R references were computed with R 4.2.2 Patched (2022-11-10 r83330), car 3.1.1 and afex
 * 1.2.1 (Debian bookworm packages), on the data tables below, read by R's {@code read.table(header
 * = TRUE, stringsAsFactors = TRUE, text = ...)}, printed with {@code options(digits = 15)} and,
 * where more digits are asserted than the table shows, {@code sprintf("%.15g", ...)}.
 */
class FactorialAnovaTest {
  /** Relative tolerance for values compared with R's 15 significant digits. */
  private static final double R_TOLERANCE = 1e-6;

  /**
   * Montgomery, Design and Analysis of Experiments, the soft-drink bottling example (Example 5.3 in
   * several editions): deviation from the target fill height for percent carbonation A (10, 12,
   * 14), operating pressure B (25, 30 psi) and line speed C (200, 250 bpm), two replicates.
   */
  private static final String BOTTLING =
      """
      A  B  C   y
      10 25 200 -3
      10 25 200 -1
      10 25 250 -1
      10 25 250 0
      10 30 200 -1
      10 30 200 0
      10 30 250 1
      10 30 250 1
      12 25 200 0
      12 25 200 1
      12 25 250 2
      12 25 250 1
      12 30 200 2
      12 30 200 3
      12 30 250 6
      12 30 250 5
      14 25 200 5
      14 25 200 4
      14 25 250 7
      14 25 250 6
      14 30 200 7
      14 30 200 9
      14 30 250 10
      14 30 250 11
      """;

  @Test
  void bottlingMatchesMontgomerysPublishedTable() {
    AnovaResult r = FactorialAnova.of(List.of("A", "B", "C"), read(BOTTLING), false);

    assertEquals(Method.BALANCED, r.method());
    assertTrue(r.block().isEmpty());
    assertEquals(
        List.of("A", "B", "C", "A × B", "A × C", "B × C", "A × B × C"),
        r.terms().stream().map(AnovaTerm::label).toList());
    // published SS to three decimals, with their df
    double[] publishedSs = {252.750, 45.375, 22.042, 5.250, 0.583, 1.042, 1.083};
    int[] publishedDf = {2, 1, 1, 2, 2, 1, 2};
    double[] publishedF = {178.412, 64.059, 31.118, 3.706, 0.412, 1.471, 0.765};
    for (int t = 0; t < 7; t++) {
      AnovaRow row = r.terms().get(t).row();
      assertEquals(publishedSs[t], row.ss(), 0.0005, r.terms().get(t).label());
      assertEquals(publishedDf[t], row.df(), r.terms().get(t).label());
      assertEquals(publishedF[t], row.f(), 0.0005, r.terms().get(t).label());
    }
    assertEquals(8.500, r.residual().ss(), 0.0005);
    assertEquals(12, r.residual().df());
    assertEquals(336.625, totalSs(r), 0.0005);
    assertEquals(23, totalDf(r));

    // exact, in rational arithmetic (python3 fractions, inclusion-exclusion over cell means):
    // A 1011/4, B 363/8, C 529/24, AB 21/4, AC 7/12, BC 25/24, ABC 13/12, error 17/2
    double[] exact = {1011.0 / 4, 363.0 / 8, 529.0 / 24, 21.0 / 4, 7.0 / 12, 25.0 / 24, 13.0 / 12};
    for (int t = 0; t < 7; t++) {
      assertEquals(exact[t], r.terms().get(t).row().ss(), 1e-12);
    }
    assertEquals(17.0 / 2, r.residual().ss(), 1e-12);
    assertEquals(17.0 / 24, r.residual().ms(), 1e-14);
  }

  @Test
  void bottlingPValuesMatchR() {
    // > a <- anova(lm(y ~ A * B * C, data = d))   # d: BOTTLING, A, B, C as factors
    //           Df          Sum Sq         Mean Sq   F value     Pr(>F)
    // A          2 252.75000000000 126.37500000000 178.41176 1.1862e-09 ***
    // B          1  45.37500000000  45.37500000000  64.05882 3.7423e-06 ***
    // C          1  22.04166666667  22.04166666667  31.11765 0.00012022 ***
    // A:B        2   5.25000000000   2.62500000000   3.70588 0.05580812 .
    // A:C        2   0.58333333333   0.29166666667   0.41176 0.67149386
    // B:C        1   1.04166666667   1.04166666667   1.47059 0.24858669
    // A:B:C      2   1.08333333333   0.54166666667   0.76471 0.48687109
    // Residuals 12   8.50000000000   0.70833333333
    // sprintf("%.15g") of F and Pr(>F):
    double[] f = {
      178.411764705882,
      64.0588235294118,
      31.1176470588235,
      3.70588235294117,
      0.411764705882352,
      1.47058823529412,
      0.764705882352943
    };
    double[] p = {
      1.18624872751969e-09,
      3.74225686330334e-06,
      0.000120217399106996,
      0.0558081164712929,
      0.671493855366377,
      0.248586689749621,
      0.486871091326346
    };
    AnovaResult r = FactorialAnova.of(List.of("A", "B", "C"), read(BOTTLING), false);
    for (int t = 0; t < 7; t++) {
      assertRelative(f[t], r.terms().get(t).row().f(), R_TOLERANCE);
      assertP(p[t], r.terms().get(t).row().p());
    }
    assertTrue(Double.isNaN(r.residual().f()));
  }

  @Test
  void bottlingGeneralisedEtaSquaredAndMarginalRangesByHand() {
    AnovaResult r = FactorialAnova.of(List.of("A", "B", "C"), read(BOTTLING), false);

    // no blocks: ges = SS_T / (SS_T + SS_error), with the exact sums above
    // A: (1011/4) / (1011/4 + 17/2) = 1011/1045; A x B: (21/4) / (21/4 + 17/2) = 21/55
    assertEquals(1011.0 / 1045, r.term("A").orElseThrow().generalizedEtaSquared(), 1e-14);
    assertEquals(21.0 / 55, r.term("A", "B").orElseThrow().generalizedEtaSquared(), 1e-14);
    // A x B x C: (13/12) / (13/12 + 17/2) = 13/115
    assertEquals(13.0 / 115, r.term("A", "B", "C").orElseThrow().generalizedEtaSquared(), 1e-14);

    // marginal means, summing the 8 or 12 observations at each level of the table above:
    // A: 10% -4/8, 12% 20/8, 14% 59/8 -> range 63/8; B: 25 psi 21/12, 30 psi 54/12 -> 33/12;
    // C: 200 bpm 26/12, 250 bpm 49/12 -> 23/12
    assertEquals(List.of("A", "B", "C"), List.copyOf(r.marginalRange().keySet()));
    assertEquals(63.0 / 8, r.marginalRange().get("A"), 1e-14);
    assertEquals(33.0 / 12, r.marginalRange().get("B"), 1e-14);
    assertEquals(23.0 / 12, r.marginalRange().get("C"), 1e-14);
  }

  @Test
  void twoFactorsInBlocksEqualTwoWayAnova() {
    Random random = new Random(20240601);
    for (int trial = 0; trial < 5; trial++) {
      int a = 2 + random.nextInt(3);
      int b = 2 + random.nextInt(3);
      int seeds = 2 + random.nextInt(4);
      double[][][] y = new double[a][b][seeds];
      List<Observation> observations = new ArrayList<>();
      for (int i = 0; i < a; i++) {
        for (int j = 0; j < b; j++) {
          for (int k = 0; k < seeds; k++) {
            y[i][j][k] = 0.8 + 0.01 * i - 0.005 * j + 0.003 * k + 0.01 * random.nextGaussian();
            observations.add(
                new Observation(
                    Map.of("placement", "p" + i, "activation", "a" + j), 100 + k, y[i][j][k]));
          }
        }
      }

      AnovaTable expected = TwoWayAnova.of(y);
      AnovaResult r = FactorialAnova.of(List.of("placement", "activation"), observations, true);

      assertEquals(Method.BALANCED, r.method());
      assertSameRow(expected.factorA(), r.term("placement").orElseThrow().row());
      assertSameRow(expected.factorB(), r.term("activation").orElseThrow().row());
      assertSameRow(expected.interaction(), r.term("placement", "activation").orElseThrow().row());
      assertSameRow(expected.block(), r.block().orElseThrow());
      assertSameRow(expected.residual(), r.residual());
    }
  }

  @Test
  void radarEqualsTwoWayAnova() {
    List<Observation> observations = new ArrayList<>();
    double[][][] radar = ReferenceData.RADAR;
    for (int i = 0; i < radar.length; i++) {
      for (int j = 0; j < radar[i].length; j++) {
        for (int k = 0; k < radar[i][j].length; k++) {
          observations.add(
              new Observation(Map.of("filter", "f" + i, "clutter", "c" + j), k, radar[i][j][k]));
        }
      }
    }
    AnovaTable expected = TwoWayAnova.of(radar);
    AnovaResult r = FactorialAnova.of(List.of("filter", "clutter"), observations, true);

    assertSameRow(expected.factorA(), r.terms().get(0).row());
    assertSameRow(expected.factorB(), r.terms().get(1).row());
    assertSameRow(expected.interaction(), r.terms().get(2).row());
    assertSameRow(expected.block(), r.block().orElseThrow());
    assertSameRow(expected.residual(), r.residual());
  }

  /** A balanced 2 x 2 x 3 design in 3 seeds (made in R: set.seed(7), rounded to 3 decimals). */
  private static final String BALANCED_IN_SEEDS =
      """
      A  B  C  seed y
      a1 b1 c1 1 0.809
      a1 b1 c1 2 0.801
      a1 b1 c1 3 0.793
      a1 b1 c2 1 0.806
      a1 b1 c2 2 0.81
      a1 b1 c2 3 0.8
      a1 b1 c3 1 0.823
      a1 b1 c3 2 0.826
      a1 b1 c3 3 0.817
      a1 b2 c1 1 0.794
      a1 b2 c1 2 0.792
      a1 b2 c1 3 0.792
      a1 b2 c2 1 0.802
      a1 b2 c2 2 0.8
      a1 b2 c2 3 0.797
      a1 b2 c3 1 0.807
      a1 b2 c3 2 0.807
      a1 b2 c3 3 0.8
      a2 b1 c1 1 0.81
      a2 b1 c1 2 0.82
      a2 b1 c1 3 0.809
      a2 b1 c2 1 0.821
      a2 b1 c2 2 0.829
      a2 b1 c2 3 0.808
      a2 b1 c3 1 0.835
      a2 b1 c3 2 0.837
      a2 b1 c3 3 0.829
      a2 b2 c1 1 0.809
      a2 b2 c1 2 0.809
      a2 b2 c1 3 0.802
      a2 b2 c2 1 0.812
      a2 b2 c2 2 0.824
      a2 b2 c2 3 0.811
      a2 b2 c3 1 0.827
      a2 b2 c3 2 0.831
      a2 b2 c3 3 0.821
      """;

  @Test
  void balancedThreeFactorsInSeedsMatchR() {
    // > d$block <- factor(d$seed); a <- anova(lm(y ~ block + A * B * C, data = d))
    //           Df             Sum Sq            Mean Sq   F value     Pr(>F)
    // block      2 0.0005051666666667 0.0002525833333333  19.50907 1.3384e-05 ***
    // A          1 0.0019951111111111 0.0019951111111111 154.09869 2.0680e-11 ***
    // B          1 0.0005921111111111 0.0005921111111111  45.73357 8.5221e-07 ***
    // C          2 0.0020666666666667 0.0010333333333333  79.81276 8.2358e-11 ***
    // A:B        1 0.0000490000000000 0.0000490000000000   3.78467   0.064613 .
    // A:C        2 0.0000202222222222 0.0000101111111111   0.78096   0.470252
    // B:C        2 0.0000908888888889 0.0000454444444444   3.51004   0.047529 *
    // A:B:C      2 0.0000320000000000 0.0000160000000000   1.23581   0.309998
    // Residuals 22 0.0002848333333333 0.0000129469696970
    // sprintf("%.15g"):
    //                             ss df                 F                    p
    // block     0.000505166666666663  2  19.5090696313642 1.33844623846416e-05
    // A          0.00199511111111111  1  154.098693192908 2.06802827783585e-11
    // B         0.000592111111111101  1  45.7335673883377 8.52210976934796e-07
    // C          0.00206666666666667  2  79.8127559976634 8.23576833524584e-11
    // A:B        4.8999999999998e-05  1   3.7846693973084   0.0646130859285533
    // A:C       2.02222222222202e-05  2 0.780963526428671    0.470251956410605
    // B:C       9.08888888888888e-05  2   3.5100448605424   0.0475294983069792
    // A:B:C                  3.2e-05  2  1.23581041544769    0.309998365808825
    // Residuals 0.000284833333333319 22                NA                   NA
    String[] labels = {"A", "B", "C", "A × B", "A × C", "B × C", "A × B × C"};
    double[] ss = {
      0.00199511111111111,
      0.000592111111111101,
      0.00206666666666667,
      4.8999999999998e-05,
      2.02222222222202e-05,
      9.08888888888888e-05,
      3.2e-05
    };
    int[] df = {1, 1, 2, 1, 2, 2, 2};
    double[] f = {
      154.098693192908,
      45.7335673883377,
      79.8127559976634,
      3.7846693973084,
      0.780963526428671,
      3.5100448605424,
      1.23581041544769
    };
    double[] p = {
      2.06802827783585e-11,
      8.52210976934796e-07,
      8.23576833524584e-11,
      0.0646130859285533,
      0.470251956410605,
      0.0475294983069792,
      0.309998365808825
    };
    AnovaResult r = FactorialAnova.of(List.of("A", "B", "C"), read(BALANCED_IN_SEEDS), true);

    assertEquals(Method.BALANCED, r.method());
    for (int t = 0; t < labels.length; t++) {
      AnovaTerm term = r.terms().get(t);
      assertEquals(labels[t], term.label());
      assertRelative(ss[t], term.row().ss(), R_TOLERANCE);
      assertEquals(df[t], term.row().df());
      assertRelative(f[t], term.row().f(), R_TOLERANCE);
      assertP(p[t], term.row().p());
    }
    AnovaRow block = r.block().orElseThrow();
    assertRelative(0.000505166666666663, block.ss(), R_TOLERANCE);
    assertEquals(2, block.df());
    assertRelative(19.5090696313642, block.f(), R_TOLERANCE);
    assertP(1.33844623846416e-05, block.p());
    assertRelative(0.000284833333333319, r.residual().ss(), R_TOLERANCE);
    assertEquals(22, r.residual().df());
  }

  @Test
  void generalisedEtaSquaredInSeedsMatchesHandAndAfex() {
    AnovaResult r = FactorialAnova.of(List.of("A", "B", "C"), read(BALANCED_IN_SEEDS), true);

    // by hand, from R's sums of squares above: SS_A / (SS_A + SS_block + SS_residual)
    // = 0.00199511111111111 / (0.00199511111111111 + 0.000505166666666663 + 0.000284833333333319)
    double hand =
        0.00199511111111111 / (0.00199511111111111 + 0.000505166666666663 + 0.000284833333333319);
    assertRelative(hand, r.term("A").orElseThrow().generalizedEtaSquared(), 1e-9);

    // afex treats the seed as the subject and every factor as within it; its error strata
    // (A x seed, ..., A x B x C x seed) add up to our pooled residual, so its ges is the same:
    // > x <- aov_car(y ~ Error(block / (A * B * C)), data = d,
    // +              anova_table = list(es = "ges", correction = "none"))
    //       num Df den Df                MSE         F             ges     Pr(>F)
    // A          1      2 3.936111111111e-05  50.68737 0.7163488390649 0.01916350 *
    // B          1      2 1.636111111111e-05  36.19015 0.4284106439424 0.02653686 *
    // C          2      4 9.791666666670e-06 105.53191 0.7234539089848 0.00034593 ***
    // A:B        1      2 1.583333333330e-06  30.94737 0.0584028605483 0.03082658 *
    // A:C        2      4 9.236111111110e-06   1.09474 0.0249588590236 0.41765005
    // B:C        2      4 4.819444444440e-06   9.42939 0.1031786074672 0.03062059 *
    // A:B:C      2      4 1.870833333333e-05   0.85523 0.0389294403893 0.49065545
    // > sprintf("%.15g", x$anova_table$ges)
    // "0.716348839064866"  "0.428410643942428"  "0.72345390898483" "0.0584028605482708"
    // "0.0249588590235857" "0.103178607467202" "0.0389294403892928"
    // (afex's F tests each term against its own stratum, not the pooled residual: not compared)
    double[] ges = {
      0.716348839064866,
      0.428410643942428,
      0.72345390898483,
      0.0584028605482708,
      0.0249588590235857,
      0.103178607467202,
      0.0389294403892928
    };
    for (int t = 0; t < ges.length; t++) {
      assertRelative(ges[t], r.terms().get(t).generalizedEtaSquared(), R_TOLERANCE);
    }
  }

  @Test
  void leastSquaresAgreesWithTheClosedFormOnBalancedData() {
    for (String data : List.of(BALANCED_IN_SEEDS, BOTTLING)) {
      boolean blocks = data.equals(BALANCED_IN_SEEDS);
      List<Observation> observations = read(data);
      AnovaResult closed = FactorialAnova.of(List.of("A", "B", "C"), observations, blocks);
      AnovaResult fitted =
          FactorialAnova.leastSquares(List.of("A", "B", "C"), observations, blocks);

      assertEquals(Method.BALANCED, closed.method());
      assertEquals(Method.TYPE_II, fitted.method());
      for (int t = 0; t < closed.terms().size(); t++) {
        assertSameRow(closed.terms().get(t).row(), fitted.terms().get(t).row(), 1e-9);
        assertRelative(
            closed.terms().get(t).generalizedEtaSquared(),
            fitted.terms().get(t).generalizedEtaSquared(),
            1e-9);
      }
      assertEquals(closed.block().isPresent(), fitted.block().isPresent());
      if (blocks) {
        assertSameRow(closed.block().orElseThrow(), fitted.block().orElseThrow(), 1e-9);
      }
      assertSameRow(closed.residual(), fitted.residual(), 1e-9);
    }
  }

  /**
   * Unbalanced: a 2 x 3 design in 4 seeds with 5 of the 24 runs missing (placement before/after,
   * activation relu/tanh/elu; accuracies made up for this test).
   */
  private static final String UNBALANCED_IN_SEEDS =
      """
      A      B    seed y
      before relu 1 0.812
      before relu 2 0.824
      before relu 3 0.805
      before tanh 1 0.790
      before tanh 3 0.786
      before tanh 4 0.797
      before elu  1 0.821
      before elu  2 0.833
      before elu  3 0.814
      before elu  4 0.826
      after  relu 1 0.829
      after  relu 2 0.838
      after  relu 3 0.822
      after  tanh 1 0.794
      after  tanh 2 0.801
      after  tanh 3 0.789
      after  tanh 4 0.796
      after  elu  2 0.846
      after  elu  4 0.839
      """;

  @Test
  void unbalancedInSeedsMatchesCarTypeTwo() {
    // > d$seed <- factor(d$seed)
    // > m <- lm(y ~ seed + A * B, data = d,
    // +         contrasts = list(A = contr.sum, B = contr.sum, seed = contr.sum))
    // > anova(m)                                       # Type I, sequential
    //           Df            Sum Sq            Mean Sq   F value     Pr(>F)
    // seed       3 0.001735357894737 0.0005784526315789 233.81803 1.4764e-09 ***
    // A          1 0.000048913043478 0.0000489130434783  19.77128  0.0012419 **
    // B          2 0.004408464808312 0.0022042324041559 890.97922 5.4120e-12 ***
    // A:B        2 0.000201682711590 0.0001008413557951  40.76138 1.5572e-05 ***
    // Residuals 10 0.000024739436620 0.0000024739436620
    // > car::Anova(m, type = 2)
    // Anova Table (Type II tests)
    //                      Sum Sq Df   F value     Pr(>F)
    // seed      0.000642093896714  3  86.51422 1.8730e-07 ***
    // A         0.000417887204308  1 168.91541 1.3748e-07 ***
    // B         0.004408464808312  2 890.97922 5.4120e-12 ***
    // A:B       0.000201682711590  2  40.76138 1.5572e-05 ***
    // Residuals 0.000024739436620 10
    // > car::Anova(m, type = 3)
    // Anova Table (Type III tests)
    //                      Sum Sq Df       F value     Pr(>F)
    // (Intercept) 11.893344087486  1 4807443.38293 < 2.22e-16 ***
    // seed         0.000642093897  3      86.51422 1.8730e-07 ***
    // A            0.000454896373  1     183.87499 9.1842e-08 ***
    // B            0.004205649219  2     849.98888 6.8399e-12 ***
    // A:B          0.000201682712  2      40.76138 1.5572e-05 ***
    // Residuals    0.000024739437 10
    // sprintf("%.15g") of the Type II table:
    //                             ss df                F                    p
    // seed      0.000642093896713614  3 86.5142170351401 1.87298716948689e-07
    // A          0.00041788720430816  1 168.915408516252 1.37477002492459e-07
    // B           0.0044084648083119  2 890.979223997007   5.412031615788e-12
    // A:B       0.000201682711590106  2 40.7613792282883 1.55723621296425e-05
    // Residuals  2.4739436619718e-05 10               NA                   NA
    AnovaResult r = FactorialAnova.of(List.of("A", "B"), read(UNBALANCED_IN_SEEDS), true);

    assertEquals(Method.TYPE_II, r.method());
    assertTrue(r.notes().get(0).startsWith("not balanced"), r.notes().toString());
    AnovaRow a = r.term("A").orElseThrow().row();
    AnovaRow b = r.term("B").orElseThrow().row();
    AnovaRow ab = r.term("A", "B").orElseThrow().row();
    AnovaRow seed = r.block().orElseThrow();
    assertRelative(0.00041788720430816, a.ss(), R_TOLERANCE);
    assertRelative(0.0044084648083119, b.ss(), R_TOLERANCE);
    assertRelative(0.000201682711590106, ab.ss(), R_TOLERANCE);
    assertRelative(0.000642093896713614, seed.ss(), R_TOLERANCE);
    assertRelative(2.4739436619718e-05, r.residual().ss(), R_TOLERANCE);
    assertEquals(List.of(1, 2, 2, 3), List.of(a.df(), b.df(), ab.df(), seed.df()));
    assertEquals(10, r.residual().df());
    assertRelative(168.915408516252, a.f(), R_TOLERANCE);
    assertRelative(890.979223997007, b.f(), R_TOLERANCE);
    assertRelative(40.7613792282883, ab.f(), R_TOLERANCE);
    assertRelative(86.5142170351401, seed.f(), R_TOLERANCE);
    assertP(1.37477002492459e-07, a.p());
    assertP(5.412031615788e-12, b.p());
    assertP(1.55723621296425e-05, ab.p());
    assertP(1.87298716948689e-07, seed.p());

    // the three types really differ here: A is 0.0000489 (Type I), 0.000418 (II), 0.000455 (III)
    assertNotEquals(0.000048913043478, a.ss(), 1e-6);
    assertNotEquals(0.000454896373, a.ss(), 1e-6);

    // ges with blocks, by hand from the R sums of squares: SS_A / (SS_A + SS_seed + SS_residual)
    double gesA =
        0.00041788720430816 / (0.00041788720430816 + 0.000642093896713614 + 2.4739436619718e-05);
    assertRelative(gesA, r.term("A").orElseThrow().generalizedEtaSquared(), R_TOLERANCE);
  }

  /**
   * Unbalanced with an empty cell: a 3 x 2 x 2 design, 1 to 3 replicates per cell, no observation
   * at a3 b2 c2 (integers made up for this test).
   */
  private static final String EMPTY_CELL =
      """
      A  B  C  y
      a1 b1 c1 10
      a1 b1 c1 12
      a1 b1 c2 14
      a1 b2 c1 11
      a1 b2 c1 13
      a1 b2 c1 12
      a1 b2 c2 17
      a1 b2 c2 16
      a2 b1 c1 13
      a2 b1 c2 18
      a2 b1 c2 16
      a2 b2 c1 15
      a2 b2 c1 14
      a2 b2 c2 21
      a2 b2 c2 19
      a2 b2 c2 22
      a3 b1 c1 16
      a3 b1 c1 18
      a3 b1 c2 20
      a3 b2 c1 19
      a3 b2 c1 17
      a3 b2 c1 18
      """;

  @Test
  void emptyCellLeavesOutTheNonEstimableColumnsAsRDoes() {
    // > m <- lm(y ~ A * B * C, data = d, contrasts = list(A = contr.sum, B = contr.sum,
    // +         C = contr.sum))                       # coefficient A2:B1:C1 is NA (aliased)
    // > car::Anova(m, type = 2)
    // Note: model has aliased coefficients
    //       sums of squares computed by model comparison
    // Anova Table (Type II tests)
    //                    Sum Sq Df  F value     Pr(>F)
    // A         127.36599378882  2 44.71359 5.2177e-06 ***
    // B          18.16576576577  1 12.75469  0.0043845 **
    // C          86.12525252525  1 60.47092 8.5451e-06 ***
    // A:B         0.61853002070  2  0.21714  0.8081831
    // A:C         2.01587301587  2  0.70770  0.5138967
    // B:C         2.88095238095  1  2.02280  0.1826850
    // A:B:C       0.09523809524  1  0.06687  0.8007256
    // Residuals  15.66666666667 11
    // The same by comparing nested lm fits, SS = deviance difference, df = rank difference,
    // F against the full model's residual (15.6666666666667 on 11 df, rank 11), sprintf("%.15g"):
    // y ~ B * C -> y ~ A + B * C    SS 127.36599378882 df 2 F 44.7135935641601 p
    // 5.21768222625359e-06
    // y ~ A * C -> y ~ B + A * C    SS 18.1657657657658 df 1 F 12.7546866014951 p
    // 0.00438450977969932
    // y ~ A * B -> y ~ C + A * B    SS 86.1252525252526 df 1 F 60.4709219858155 p
    // 8.54514504998977e-06
    // y ~ A + B + C + A:C + B:C -> y ~ A * B + A:C + B:C
    //                               SS 0.618530020703917 df 2 F 0.217143517906694 p
    // 0.808183114801535
    // y ~ A + B + C + A:B + B:C -> y ~ A * C + A:B + B:C
    //                               SS 2.01587301587301 df 2 F 0.707700101317119 p
    // 0.513896654104782
    // y ~ A + B + C + A:B + A:C -> y ~ B * C + A:B + A:C
    //                               SS 2.88095238095234 df 1 F 2.02279635258355 p 0.182684996624333
    // y ~ (A + B + C)^2 -> y ~ A * B * C
    //                               SS 0.0952380952380985 df 1 F 0.0668693009118562 p
    // 0.800725604757791
    double[] ss = {
      127.36599378882,
      18.1657657657658,
      86.1252525252526,
      0.618530020703917,
      2.01587301587301,
      2.88095238095234,
      0.0952380952380985
    };
    int[] df = {2, 1, 1, 2, 2, 1, 1};
    double[] f = {
      44.7135935641601,
      12.7546866014951,
      60.4709219858155,
      0.217143517906694,
      0.707700101317119,
      2.02279635258355,
      0.0668693009118562
    };
    double[] p = {
      5.21768222625359e-06,
      0.00438450977969932,
      8.54514504998977e-06,
      0.808183114801535,
      0.513896654104782,
      0.182684996624333,
      0.800725604757791
    };
    AnovaResult r = FactorialAnova.of(List.of("A", "B", "C"), read(EMPTY_CELL), false);

    assertEquals(Method.TYPE_II, r.method());
    for (int t = 0; t < ss.length; t++) {
      AnovaRow row = r.terms().get(t).row();
      assertRelative(ss[t], row.ss(), R_TOLERANCE);
      assertEquals(df[t], row.df(), r.terms().get(t).label());
      assertRelative(f[t], row.f(), R_TOLERANCE);
      assertP(p[t], row.p());
    }
    assertRelative(15.6666666666667, r.residual().ss(), R_TOLERANCE);
    assertEquals(11, r.residual().df());
    assertTrue(
        r.notes()
            .contains(
                "not balanced: 1 of the 12 cells (combinations of factor levels) have"
                    + " no observation"),
        r.notes().toString());
    assertTrue(
        r.notes().stream().anyMatch(n -> n.startsWith("the model has rank 11 of 12 columns")),
        r.notes().toString());
    assertTrue(r.notes().contains("A × B × C: 1 of its 2 df are estimable"), r.notes().toString());
  }

  @Test
  void scatteredEmptyCellsLeaveTheRankOfTheObservedCells() {
    // 6 x 6 x 6 cells, numbered 36 a + 6 b + c; the 17 with number % 13 == 5 are empty, those
    // with number % 3 == 0 have two replicates; y = (7a + 3b + 5c + 2abc) % 11 + 0.5 * replicate.
    // The same data in R (a loop building the same rows; n 265):
    // > m <- lm(y ~ A * B * C, data = d, contrasts = list(A = contr.sum, B = contr.sum,
    // +         C = contr.sum))
    // > c(m$rank, df.residual(m))
    // 199 66
    // > a2 <- car::Anova(m, type = 2)                # sprintf("%.15g"):
    //                         ss  df                F                    p
    // A         27.9579269314563   5 44.7326830903301 6.57624564905828e-20
    // B         17.3665120366345   5 27.7864192586152 4.96595934845837e-15
    // C         60.1938881060346   5 96.3102209696553 5.94581848237966e-29
    // A:B       339.611975326628  25 108.675832104521 2.72486315090251e-44
    // A:C       440.478482236932  25 140.953114315818 6.49666313933251e-48
    // B:C       324.952977117116  25 103.984952677477 1.11481566787024e-43
    // A:B:C     1461.00275639227 108 108.222426399427 2.61646240927038e-51
    // Residuals             8.25  66               NA                   NA
    List<Observation> observations = new ArrayList<>();
    for (int a = 0; a < 6; a++) {
      for (int b = 0; b < 6; b++) {
        for (int c = 0; c < 6; c++) {
          int cell = 36 * a + 6 * b + c;
          if (cell % 13 == 5) {
            continue;
          }
          for (int rep = 0; rep < (cell % 3 == 0 ? 2 : 1); rep++) {
            double y = (7 * a + 3 * b + 5 * c + 2 * a * b * c) % 11 + 0.5 * rep;
            observations.add(
                new Observation(Map.of("A", "a" + a, "B", "b" + b, "C", "c" + c), 0, y));
          }
        }
      }
    }
    double[] ss = {
      27.9579269314563,
      17.3665120366345,
      60.1938881060346,
      339.611975326628,
      440.478482236932,
      324.952977117116,
      1461.00275639227
    };
    int[] df = {5, 5, 5, 25, 25, 25, 108};
    double[] f = {
      44.7326830903301,
      27.7864192586152,
      96.3102209696553,
      108.675832104521,
      140.953114315818,
      103.984952677477,
      108.222426399427
    };

    AnovaResult r = FactorialAnova.of(List.of("A", "B", "C"), observations, false);

    assertEquals(265, observations.size());
    // the full model spans the means of the 199 observed cells: 216 columns, rank 199
    assertEquals(66, r.residual().df());
    assertRelative(8.25, r.residual().ss(), R_TOLERANCE);
    for (int t = 0; t < ss.length; t++) {
      AnovaRow row = r.terms().get(t).row();
      assertEquals(df[t], row.df(), r.terms().get(t).label());
      assertRelative(ss[t], row.ss(), R_TOLERANCE);
      assertRelative(f[t], row.f(), R_TOLERANCE);
      assertTrue(row.p() < 1e-14);
    }
    assertTrue(
        r.notes().contains("A × B × C: 108 of its 125 df are estimable"), r.notes().toString());
  }

  @Test
  void aFactorConfoundedWithTheSeedsGetsNoDf() {
    // level a1 ran in seeds 1 and 2 only, a2 in seeds 3 and 4: the A contrast is a seed contrast,
    // so A adjusted for the seeds has nothing left (0 df), and the seeds adjusted for A, B and
    // A x B keep 3 - 1 = 2 df. Model rank: intercept 1 + A 1 + B 1 + AB 1 + seeds 3 - 1 aliased
    // = 6, so of the 8 observations 2 df are residual. R agrees:
    // > m <- lm(y ~ seed + A * B, data = d,
    // +         contrasts = list(A = contr.sum, B = contr.sum, seed = contr.sum))
    // > c(m$rank, df.residual(m))
    // 6 2
    // > car::Anova(m, type = 2)
    // Note: model has aliased coefficients
    //       sums of squares computed by model comparison
    //           Sum Sq Df F value  Pr(>F)
    // seed        14.5  2      29 0.03333 *
    // A                 0
    // B           12.5  1      50 0.01942 *
    // A:B          2.0  1       8 0.10557
    // Residuals    0.5  2
    String table =
        """
        A  B  seed y
        a1 b1 1 10
        a1 b2 1 13
        a1 b1 2 11
        a1 b2 2 15
        a2 b1 3 12
        a2 b2 3 14
        a2 b1 4 16
        a2 b2 4 17
        """;

    AnovaResult r = FactorialAnova.of(List.of("A", "B"), read(table), true);

    assertEquals(Method.TYPE_II, r.method());
    AnovaRow a = r.term("A").orElseThrow().row();
    assertEquals(0, a.df());
    assertEquals(0, a.ss(), 1e-12);
    assertTrue(Double.isNaN(a.f()));
    assertTrue(Double.isNaN(r.term("A").orElseThrow().generalizedEtaSquared()));
    AnovaRow b = r.term("B").orElseThrow().row();
    AnovaRow ab = r.term("A", "B").orElseThrow().row();
    AnovaRow seed = r.block().orElseThrow();
    assertEquals(List.of(1, 1, 2, 2), List.of(b.df(), ab.df(), seed.df(), r.residual().df()));
    assertRelative(12.5, b.ss(), 1e-12);
    assertRelative(2.0, ab.ss(), 1e-12);
    assertRelative(14.5, seed.ss(), 1e-12);
    assertRelative(0.5, r.residual().ss(), 1e-12);
    assertRelative(50, b.f(), 1e-12);
    assertRelative(8, ab.f(), 1e-12);
    assertRelative(29, seed.f(), 1e-12);
    // R prints p to 4 significant digits
    assertEquals(0.01942, b.p(), 0.000005);
    assertEquals(0.10557, ab.p(), 0.000005);
    assertEquals(0.03333, seed.p(), 0.000005);
    assertTrue(
        r.notes().contains("A cannot be estimated from these data (0 df)"), r.notes().toString());
    assertTrue(
        r.notes().contains("seed (block): 2 of its 3 df are estimable"), r.notes().toString());
  }

  @Test
  void aDesignPastTheCapIsSkippedWithItsReason() {
    // three factors of 11 levels: 1 + 3 * 10 + 3 * 100 + 1000 = 1331 columns > MAX_COLUMNS
    List<Observation> observations = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      String level = "l" + i;
      observations.add(new Observation(Map.of("A", level, "B", level, "C", level), 1, i));
      observations.add(new Observation(Map.of("A", level, "B", level, "C", level), 1, i + 0.5));
    }
    assertTrue(1331 > FactorialAnova.MAX_COLUMNS);

    AnovaResult r = FactorialAnova.of(List.of("A", "B", "C"), observations, false);

    assertTrue(r.isSkipped());
    assertEquals(Method.TYPE_II, r.method());
    assertTrue(r.terms().isEmpty());
    assertTrue(r.block().isEmpty());
    assertTrue(Double.isNaN(r.residual().ss()));
    assertEquals(1, r.notes().size());
    assertTrue(r.notes().get(0).contains("1331 columns"), r.notes().get(0));
    assertTrue(r.notes().get(0).contains("MAX_COLUMNS"), r.notes().get(0));
    assertTrue(r.notes().get(0).contains("1320 of the 1331 cells"), r.notes().get(0));
    // the marginal ranges are descriptive and still there: level i has mean i + 0.25
    assertEquals(10.0, r.marginalRange().get("A"), 1e-12);
  }

  @Test
  void aBalancedDesignPastTheCapIsNotSkipped() {
    // the closed form has no cap: the same 11 x 11 x 11 factorial with every cell filled once,
    // values a + b + c, so that everything but the main effects is zero
    List<Observation> observations = new ArrayList<>();
    for (int a = 0; a < 11; a++) {
      for (int b = 0; b < 11; b++) {
        for (int c = 0; c < 11; c++) {
          observations.add(
              new Observation(Map.of("A", "a" + a, "B", "b" + b, "C", "c" + c), 1, a + b + c));
        }
      }
    }

    AnovaResult r = FactorialAnova.of(List.of("A", "B", "C"), observations, false);

    assertFalse(r.isSkipped());
    assertEquals(Method.BALANCED, r.method());
    // SS_A = 121 * sum_a (a - 5)^2 = 121 * 110; one observation per cell: no residual df, no F
    assertEquals(121 * 110, r.term("A").orElseThrow().row().ss(), 1e-8);
    assertEquals(0, r.term("A", "B").orElseThrow().row().ss(), 1e-8);
    assertEquals(0, r.residual().df());
    assertTrue(Double.isNaN(r.term("A").orElseThrow().row().f()));
    assertTrue(r.notes().contains("no residual degrees of freedom: sums of squares without F"));
  }

  @Test
  void fourFactorsFitInteractionsUpToThreeAndPoolTheRest() {
    // a 2 x 2 x 2 x 3 factorial in 2 seeds, values from a fixed random generator
    Random random = new Random(7);
    List<Observation> observations = new ArrayList<>();
    for (int cell = 0; cell < 24; cell++) {
      Map<String, String> levels =
          Map.of(
              "w", "w" + cell % 2,
              "x", "x" + cell / 2 % 2,
              "y", "y" + cell / 4 % 2,
              "z", "z" + cell / 8);
      for (int seed = 0; seed < 2; seed++) {
        observations.add(new Observation(levels, seed, 0.8 + 0.01 * random.nextGaussian()));
      }
    }
    List<String> factors = List.of("w", "x", "y", "z");

    AnovaResult r = FactorialAnova.of(factors, observations, true);

    assertEquals(
        List.of(
            "w",
            "x",
            "y",
            "z",
            "w × x",
            "w × y",
            "w × z",
            "x × y",
            "x × z",
            "y × z",
            "w × x × y",
            "w × x × z",
            "w × y × z",
            "x × y × z"),
        r.terms().stream().map(AnovaTerm::label).toList());
    // residual: the 4-way interaction (1 * 1 * 1 * 2 = 2 df) and seed x treatment (23 * 1)
    assertEquals(25, r.residual().df());
    assertEquals(47, totalDf(r));
    double mean = observations.stream().mapToDouble(Observation::value).average().orElseThrow();
    double total =
        observations.stream().mapToDouble(o -> (o.value() - mean) * (o.value() - mean)).sum();
    assertRelative(total, totalSs(r), 1e-12);
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("more than 3 factors")));

    AnovaResult fitted = FactorialAnova.leastSquares(factors, observations, true);
    for (int t = 0; t < r.terms().size(); t++) {
      assertSameRow(r.terms().get(t).row(), fitted.terms().get(t).row(), 1e-9);
    }
    assertSameRow(r.residual(), fitted.residual(), 1e-9);
  }

  @Test
  void exactlyAdditiveDataHaveNoF() {
    // y = a_i + b_j + s_k exactly (as in TwoWayAnovaTest): the residual is rounding noise
    double[] a = {0.80, 0.83};
    double[] b = {0.0, 0.05, -0.02};
    double[] s = {0.0, 0.01};
    List<Observation> observations = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 2; k++) {
          observations.add(
              new Observation(Map.of("A", "a" + i, "B", "b" + j), k, a[i] + b[j] + s[k]));
        }
      }
    }
    // the same without one run, so that the least-squares path is taken too
    List<Observation> oneMissing = observations.subList(1, observations.size());

    for (AnovaResult r :
        List.of(
            FactorialAnova.of(List.of("A", "B"), observations, true),
            FactorialAnova.of(List.of("A", "B"), oneMissing, true))) {
      assertEquals(0, r.residual().ss(), 1e-15);
      assertTrue(Double.isNaN(r.term("A").orElseThrow().row().f()));
      assertTrue(Double.isNaN(r.block().orElseThrow().p()));
      assertTrue(
          r.notes().contains("the residual spread is below the resolution of the data: no F"),
          r.notes().toString());
    }
    // SS_A = b r sum (a_i - mean a)^2 = 3 * 2 * 2 * 0.015^2
    assertEquals(
        12 * 0.015 * 0.015,
        FactorialAnova.of(List.of("A", "B"), observations, true).term("A").orElseThrow().row().ss(),
        1e-15);
  }

  @Test
  void rejectsWhatTheCallerMustLeaveOut() {
    List<Observation> oneLevelOfB =
        List.of(
            new Observation(Map.of("A", "a1", "B", "b1"), 1, 0.1),
            new Observation(Map.of("A", "a2", "B", "b1"), 1, 0.2),
            new Observation(Map.of("A", "a1", "B", "b1"), 2, 0.3),
            new Observation(Map.of("A", "a2", "B", "b1"), 2, 0.4));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FactorialAnova.of(List.of("A", "B"), oneLevelOfB, true));
    assertTrue(e.getMessage().contains("factor B has a single level"), e.getMessage());
    // fine without B
    assertEquals(1, FactorialAnova.of(List.of("A"), oneLevelOfB, true).terms().size());

    List<Observation> oneSeed = oneLevelOfB.subList(0, 2);
    assertThrows(
        IllegalArgumentException.class, () -> FactorialAnova.of(List.of("A"), oneSeed, true));
    assertThrows(
        IllegalArgumentException.class,
        () -> FactorialAnova.of(List.of("A", "C"), oneLevelOfB, true));
    assertThrows(
        IllegalArgumentException.class, () -> FactorialAnova.of(List.of(), oneLevelOfB, true));
    assertThrows(
        IllegalArgumentException.class,
        () -> FactorialAnova.of(List.of("A", "A"), oneLevelOfB, true));
  }

  @Test
  void recordsCopyTheirInputsAndLabelTerms() {
    Map<String, String> levels = new HashMap<>(Map.of("A", "a1"));
    Observation o = new Observation(levels, 3, 0.5);
    levels.put("A", "a2");
    assertEquals("a1", o.levels().get("A"));

    AnovaTerm term =
        new AnovaTerm(
            new ArrayList<>(List.of("placement", "activation")),
            new AnovaRow(1, 1, 1, Double.NaN, Double.NaN),
            0.5);
    assertEquals("placement × activation", term.label());
    assertThrows(UnsupportedOperationException.class, () -> term.factors().add("x"));
  }

  /**
   * Observations from a table as R's {@code read.table(header = TRUE)} reads it: a header of column
   * names, then one row per observation; {@code y} is the value, {@code seed} the block (block 0 if
   * there is none), every other column a factor.
   */
  private static List<Observation> read(String table) {
    List<String> lines = table.lines().filter(l -> !l.isBlank()).toList();
    List<String> header = Arrays.asList(lines.get(0).trim().split("\\s+"));
    List<Observation> observations = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.trim().split("\\s+");
      Map<String, String> levels = new LinkedHashMap<>();
      long block = 0;
      double value = Double.NaN;
      for (int c = 0; c < cells.length; c++) {
        switch (header.get(c)) {
          case "y" -> value = Double.parseDouble(cells[c]);
          case "seed" -> block = Long.parseLong(cells[c]);
          default -> levels.put(header.get(c), cells[c]);
        }
      }
      observations.add(new Observation(levels, block, value));
    }
    return observations;
  }

  private static double totalSs(AnovaResult r) {
    return r.terms().stream().mapToDouble(t -> t.row().ss()).sum()
        + r.block().map(AnovaRow::ss).orElse(0.0)
        + r.residual().ss();
  }

  private static int totalDf(AnovaResult r) {
    return r.terms().stream().mapToInt(t -> t.row().df()).sum()
        + r.block().map(AnovaRow::df).orElse(0)
        + r.residual().df();
  }

  private static void assertRelative(double expected, double actual, double relative) {
    assertEquals(expected, actual, relative * Math.abs(expected), "expected " + expected);
  }

  /**
   * A p-value to {@link #R_TOLERANCE} relative, or 1e-15 absolute for the smallest: like {@link
   * TwoWayAnova}, p is {@code 1 - cdf} in double precision, which is exact only to about 1e-16.
   */
  private static void assertP(double expected, double actual) {
    assertEquals(expected, actual, Math.max(R_TOLERANCE * expected, 1e-15), "p " + expected);
  }

  private static void assertSameRow(AnovaRow expected, AnovaRow actual) {
    assertSameRow(expected, actual, 1e-12);
  }

  private static void assertSameRow(AnovaRow expected, AnovaRow actual, double relative) {
    assertEquals(expected.df(), actual.df());
    assertRelative(expected.ss(), actual.ss(), relative);
    assertRelative(expected.ms(), actual.ms(), relative);
    if (Double.isNaN(expected.f())) {
      assertTrue(Double.isNaN(actual.f()));
      assertTrue(Double.isNaN(actual.p()));
    } else {
      assertRelative(expected.f(), actual.f(), relative);
      assertEquals(expected.p(), actual.p(), Math.max(relative * expected.p(), 1e-15));
    }
  }
}
