package io.bnsweep.report.stats;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The analysis of variance of a factorial design, as {@link FactorialAnova#of} returns it.
 *
 * <p>A result is either a table or <em>skipped</em>. A table has one term for every main effect and
 * interaction of the model, the block row when the seeds were blocks, and the residual. A skipped
 * result ({@link #skipped(Method, Map, String)}, {@link #isSkipped()}) is returned when the design
 * is too large to fit ({@link FactorialAnova#MAX_COLUMNS}): it has no terms, no block row and a
 * residual row of {@code NaN} with 0 df, and its first note says why. The marginal ranges are
 * descriptive, so a skipped result has them too.
 *
 * @param method how the sums of squares were computed; for a skipped result, the method that would
 *     have been used
 * @param terms main effects in factor order, then two-factor interactions, then three-factor
 *     interactions, each order lexicographic by factor order ({@code A, B, C, A × B, A × C, B × C,
 *     A × B × C}); empty when skipped
 * @param block the seed as a block, when the analysis had blocks (and was not skipped)
 * @param residual the residual row; its mean square is the denominator of every F
 * @param marginalRange for each factor, in factor order: the largest minus the smallest of its
 *     marginal means (the mean of all observations at one level), in the unit of the response (a
 *     fraction for accuracies)
 * @param notes plain sentences on how the table was computed and what it leaves out: the method and
 *     why, terms that cannot be estimated, why an F is missing, or why the analysis was skipped
 */
public record AnovaResult(
    Method method,
    List<AnovaTerm> terms,
    Optional<AnovaRow> block,
    AnovaRow residual,
    Map<String, Double> marginalRange,
    List<String> notes) {

  /** Copies the collections; {@code marginalRange} keeps its iteration order. */
  public AnovaResult {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(residual, "residual");
    terms = List.copyOf(terms);
    marginalRange = Collections.unmodifiableMap(new LinkedHashMap<>(marginalRange));
    notes = List.copyOf(notes);
  }

  /**
   * A result without a table: no terms, no block row, a residual of {@code NaN} with 0 df, and
   * {@code why} as the only note.
   */
  public static AnovaResult skipped(Method method, Map<String, Double> marginalRange, String why) {
    AnovaRow none = new AnovaRow(Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN);
    return new AnovaResult(method, List.of(), Optional.empty(), none, marginalRange, List.of(why));
  }

  /** Whether this result has no table (see {@link #skipped(Method, Map, String)}). */
  public boolean isSkipped() {
    return terms.isEmpty();
  }

  /** The term of exactly these factors, in the analysis' factor order, if the model has it. */
  public Optional<AnovaTerm> term(String... factors) {
    List<String> wanted = Arrays.asList(factors);
    return terms.stream().filter(t -> t.factors().equals(wanted)).findFirst();
  }
}
