package io.bnsweep.report.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The difference {@code candidate - baseline} between two variants' accuracies, with its test.
 *
 * <p>One record for every {@link Design} so that the report prints one row per comparison; the
 * values a design does not define are {@code NaN} (for example d_z and the Wilcoxon p for {@link
 * Design#WELCH}, everything but the sample sizes for {@link Design#NONE}).
 *
 * @param design how the two samples were compared
 * @param nCandidate candidate values used (the number of pairs when paired)
 * @param nBaseline baseline values used (the number of pairs when paired)
 * @param mean mean difference (paired) or difference of means (Welch), candidate minus baseline
 * @param ci 95% t-interval of {@code mean}
 * @param t t statistic
 * @param df degrees of freedom of {@code t} (n - 1 paired, Welch–Satterthwaite otherwise)
 * @param p two-sided p-value of the t-test
 * @param pWilcoxon two-sided p-value of the Wilcoxon signed-rank test (paired only)
 * @param dz Cohen's d_z, mean difference over the standard deviation of differences (paired only)
 * @param se standard error of {@code mean} (of the mean difference when paired; Welch's otherwise)
 * @param notes caveats a reader should see, in plain words
 */
public record Difference(
    Design design,
    int nCandidate,
    int nBaseline,
    double mean,
    Interval ci,
    double t,
    double df,
    double p,
    double pWilcoxon,
    double dz,
    double se,
    List<String> notes) {

  public Difference {
    notes = List.copyOf(notes);
  }

  /** The sample sizes as a table shows them: pairs, or both sides when they are not paired. */
  public String sampleSizes() {
    return switch (design) {
      case PAIRED -> String.valueOf(nCandidate);
      case WELCH -> nCandidate + " / " + nBaseline + " unpaired";
      case NONE ->
          nCandidate == nBaseline ? String.valueOf(nCandidate) : nCandidate + " / " + nBaseline;
    };
  }

  /** An untested difference of {@code nCandidate} and {@code nBaseline} values, and why. */
  public static Difference untested(int nCandidate, int nBaseline, double mean, String why) {
    return new Difference(
        Design.NONE,
        nCandidate,
        nBaseline,
        mean,
        Interval.UNDEFINED,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        List.of(why));
  }

  /** This difference with {@code note} added to its notes. */
  public Difference withNote(String note) {
    List<String> more = new ArrayList<>(notes);
    more.add(note);
    return new Difference(
        design, nCandidate, nBaseline, mean, ci, t, df, p, pWilcoxon, dz, se, more);
  }

  /** True if a t-test produced a p-value, which makes this part of the Holm family. */
  public boolean isTested() {
    return !Double.isNaN(p);
  }
}
