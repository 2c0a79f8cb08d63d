/**
 * {@code report.html}: the sweep's report as one self-contained page that opens offline. {@link
 * io.bnsweep.report.html.HtmlReport} lays out the sections: the accuracy {@link
 * io.bnsweep.report.html.HeatMap} with its bar chart and learning curves ({@link
 * io.bnsweep.report.html.AccuracySection}), the comparisons and the ANOVA ({@link
 * io.bnsweep.report.html.StatisticsSection}), the diagnostics charts ({@link
 * io.bnsweep.report.html.DiagnosticsSection}), inference latency ({@link
 * io.bnsweep.report.html.InferenceSection}), failed trials ({@link
 * io.bnsweep.report.html.FailuresSection}) and provenance ({@link
 * io.bnsweep.report.html.ProvenanceSection}).
 *
 * <p>Charts are JFreeChart charts ({@link io.bnsweep.report.html.Charts}) rendered headless to PNG
 * and embedded as {@code data:} URIs ({@link io.bnsweep.report.html.PngImage}); styles are inline;
 * there is no script. Every string that comes from a spec or from results is escaped ({@link
 * io.bnsweep.report.html.Html}), and the page's Content-Security-Policy forbids fetching anything.
 */
package io.bnsweep.report.html;
