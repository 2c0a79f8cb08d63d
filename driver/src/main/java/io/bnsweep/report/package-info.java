/**
 * From results to what a researcher reads: {@link io.bnsweep.report.CellStats} summarise one
 * variant's seeds, {@link io.bnsweep.report.Summary} lays them out as the placement x activation
 * accuracy table and the per-variant table ({@link io.bnsweep.report.CellTable}), then the
 * comparisons against a baseline placement and the main-effects ANOVA (from {@link
 * io.bnsweep.report.stats}), the per-epoch table and the list of failed trials, in Markdown.
 */
package io.bnsweep.report;
