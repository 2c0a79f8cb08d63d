package io.bnsweep.report.stats;

import io.bnsweep.variant.Variant;
import java.util.Objects;

/**
 * One member of the comparison family: a value of the compared axis against the baseline value,
 * within one stratum (one combination of the other settings), with its decision.
 *
 * @param stratum the settings both variants share (the variant without the compared axis)
 * @param stratumLabel the stratum in words: its swept settings, e.g. {@code relu/lr=0.01}
 * @param axis the compared axis
 * @param candidate the candidate value's text
 * @param baseline the baseline value's text
 * @param difference candidate minus baseline, with its tests, over the seeds both completed
 * @param outcome what the family's decision rule settles ({@link DecisionRule})
 * @param candidateFailures "k of n seeds failed" for the candidate
 * @param baselineFailures the same for the baseline
 */
public record Comparison(
    Variant stratum,
    String stratumLabel,
    String axis,
    String candidate,
    String baseline,
    Difference difference,
    Outcome outcome,
    Failures candidateFailures,
    Failures baselineFailures) {

  /** Whether the stratum is the whole sweep: no setting but the compared one is swept. */
  public boolean wholeSweep() {
    return stratumLabel.equals(Variant.ALL);
  }

  /** {@code label}, followed by the stratum in brackets unless it is the whole sweep. */
  public String within(String label) {
    return wholeSweep() ? label : label + " (" + stratumLabel + ")";
  }

  /**
   * How many of a variant's seeds failed.
   *
   * @param failed seeds whose trial FAILED
   * @param seeds seeds run (complete or failed)
   */
  public record Failures(int failed, int seeds) {
    /** {@code "1 of 3 seeds failed"}, or empty if none did. */
    public String text() {
      return failed == 0 ? "" : failed + " of " + seeds + " seeds failed";
    }
  }

  public Comparison {
    Objects.requireNonNull(stratum, "stratum");
    Objects.requireNonNull(difference, "difference");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** {@code after vs before}. */
  public String label() {
    return candidate + " vs " + baseline;
  }

  /** The decision. */
  public Decision decision() {
    return outcome.decision();
  }

  /** The plain-words reading of this comparison ({@link Verdict}). */
  public String verdict(double margin) {
    return Verdict.of(this, margin);
  }
}
