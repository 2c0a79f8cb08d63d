package io.bnsweep.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The noncentral t and the power functions against R 4.2.2 (Debian's r-base-core), the values
 * printed with {@code options(digits = 17)}.
 */
class PowerTest {
  @ParameterizedTest(name = "pt({0}, {1}, {2})")
  @CsvSource({
    // q, df, ncp, R: pt(q, df, ncp)
    "2.5, 4, 1.5, 0.73739374301661509",
    "-1.2, 7, 0.8, 0.03066656410752977",
    "3.0, 2, -1.0, 0.99237124776610619",
    "10, 19, 8, 0.83755558653435591",
    "0.5, 30, 4, 0.0002353779156436297",
    "25, 3, 20, 0.58909267147620648"
  })
  void noncentralTMatchesR(double q, double df, double ncp, double expected) {
    assertEquals(expected, NoncentralT.cdf(q, df, ncp), 1e-10);
  }

  @Test
  void centralTIsCommonsMathsT() {
    var t = new org.apache.commons.math3.distribution.TDistribution(null, 5);
    for (double q = -4; q <= 4; q += 0.5) {
      assertEquals(t.cumulativeProbability(q), NoncentralT.cdf(q, 5, 0), 1e-12, "q " + q);
    }
  }

  @ParameterizedTest(name = "power.t.test(n = {0}, delta = {1}, sd = {2}, sig.level = {3})")
  @CsvSource({
    // R: power.t.test(n, delta, sd, sig.level, type = "paired", strict = TRUE)$power
    "5, 1, 0.7, 0.005555555555555556, 0.18501687375261699",
    "10, 2, 1.5, 0.05, 0.96210493859158619",
    "3, 0.5, 0.4, 0.01, 0.055113968977758443",
    "20, 0.3, 1, 0.05, 0.24708908996852186"
  })
  void differencePowerMatchesRsStrictPowerTTest(
      int n, double delta, double sd, double alpha, double expected) {
    assertEquals(expected, Power.difference(n, delta, sd, alpha), 1e-9);
  }

  @ParameterizedTest(name = "TOST n = {0}, delta = {1}, sd = {2}, margin = {3}, alpha = {4}")
  @CsvSource({
    // R: integrate() of the same integral over the chi-squared density, rel.tol 1e-12 (the test
    // file's comment gives the R function); a Monte Carlo check of the first in R (200,000
    // draws, set.seed(1)) gave 0.958005
    "10, 0, 0.7, 1, 0.025, 0.95846371280850551",
    "5, 0.2, 0.5, 1, 0.05, 0.89297181390994984",
    "20, 0.5, 1, 1, 0.025, 0.56447703495551205",
    "3, 0, 0.3, 1, 0.05, 0.93259559276111248"
  })
  void equivalencePowerMatchesRsIntegral(
      int n, double delta, double sd, double margin, double alpha, double expected) {
    // tost <- function(n, delta, sd, m, a) { c <- qt(1 - a, n - 1); df <- n - 1
    //   f <- function(u) { s <- sd * sqrt(u / df); h <- m - c * s / sqrt(n)
    //     ifelse(h <= 0, 0, (pnorm((h - delta) / (sd / sqrt(n)))
    //       - pnorm((-h - delta) / (sd / sqrt(n)))) * dchisq(u, df)) }
    //   integrate(f, 0, Inf, rel.tol = 1e-12, subdivisions = 1000)$value }
    assertEquals(expected, Power.equivalence(n, delta, sd, margin, alpha), 1e-6);
  }

  @Test
  void seedsForFindsTheFirstCountThatReachesThePower() {
    // R: power.t.test(delta = 2, sd = 1.5, sig.level = 0.05, power = 0.8, type = "paired",
    // strict = TRUE) gives n = 6.58, so 7 pairs
    int n = Power.seedsFor(k -> Power.difference(k, 2, 1.5, 0.05), 0.8).orElseThrow();
    assertEquals(7, n);
    assertTrue(Power.difference(6, 2, 1.5, 0.05) < 0.8);
    assertTrue(Power.seedsFor(k -> 0.1, 0.8).isEmpty());
  }
}
