package io.bnsweep.report.stats;

import java.util.Map;

/**
 * One observation of a factorial sweep, the input of {@link FactorialAnova}: which level of each
 * factor the variant had, which block (seed) it ran in, and what it measured.
 *
 * <p>A seed fixes initialisation and data order for every variant, so observations with the same
 * {@code block} share those and differ only in the factor levels. The map may hold more factors
 * than an analysis uses; the ones it leaves out are ignored (their runs then count as replicates).
 *
 * @param levels factor name to level label, e.g. {@code placement -> "before"}; copied, no null
 *     keys or values
 * @param block the block, the seed in a sweep
 * @param value the response, a test accuracy as a fraction in a sweep
 */
public record Observation(Map<String, String> levels, long block, double value) {
  /** Copies {@code levels}, so that an observation cannot change after it is made. */
  public Observation {
    levels = Map.copyOf(levels);
  }
}
