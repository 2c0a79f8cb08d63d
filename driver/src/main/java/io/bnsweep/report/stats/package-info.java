/**
 * Inference on a sweep's results, all on Commons Math 3 distributions and tests: does a placement
 * beat the baseline, for which activation, and do placement and activation matter at all.
 *
 * <p>The pipeline: {@link io.bnsweep.report.stats.SeedTable} (accuracy by variant and seed) feeds
 * {@link io.bnsweep.report.stats.ComparisonFamily} (every placement against a baseline within each
 * activation; {@link io.bnsweep.report.stats.Pairing} picks {@link
 * io.bnsweep.report.stats.PairedDifference} or {@link io.bnsweep.report.stats.WelchDifference};
 * {@link io.bnsweep.report.stats.Holm} adjusts the family; {@link io.bnsweep.report.stats.Verdict}
 * says it in words) and {@link io.bnsweep.report.stats.MainEffects} (a {@link
 * io.bnsweep.report.stats.TwoWayAnova} with seed as block). {@link
 * io.bnsweep.report.stats.SweepStatistics} holds both and {@link
 * io.bnsweep.report.stats.StatisticsMarkdown} prints them. Descriptive statistics of one cell stay
 * in {@link io.bnsweep.report.CellStats}, which uses {@link
 * io.bnsweep.report.stats.BootstrapInterval} from here.
 *
 * <p>Seed i of every variant shares initialisation and data order, which is why comparisons are
 * paired by seed and the ANOVA treats seeds as blocks. Accuracies are fractions throughout; the
 * Markdown shows percentage points. Everything here is immutable and deterministic.
 */
package io.bnsweep.report.stats;
