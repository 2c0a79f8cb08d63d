/**
 * From results to what a researcher reads: {@link io.bnsweep.report.CellStats} summarise one
 * variant's seeds, {@link io.bnsweep.report.Summary} lays them out as the placement x activation
 * accuracy table and the per-variant table ({@link io.bnsweep.report.CellTable}), then the
 * comparisons against a baseline placement and the main-effects ANOVA (from {@link
 * io.bnsweep.report.stats}), the per-epoch table, the diagnostics and inference cost at the end of
 * training ({@link io.bnsweep.report.VariantDiagnostics}, {@link io.bnsweep.report.InferenceStats})
 * and the list of failed trials, in Markdown; {@link io.bnsweep.report.html} draws the same as
 * {@code report.html}, and {@link io.bnsweep.report.ReportWriter} writes every derived file.
 */
package io.bnsweep.report;
