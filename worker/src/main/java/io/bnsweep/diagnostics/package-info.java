/**
 * What the BatchNorm-placement debate argues about, measured inside a trial: the statistics of each
 * conv layer's input, dead and saturated units, per-layer gradient norms and BN scale sign flips on
 * a fixed probe batch at the end of every epoch, and in a residual network the size of each unit's
 * branch against its shortcut ({@link io.bnsweep.diagnostics.EpochDiagnostics}), and the inference
 * cost of each variant, with BatchNorm folded into the preceding convolution where the placement
 * allows it ({@link io.bnsweep.diagnostics.InferenceCost}).
 *
 * <p>{@link io.bnsweep.diagnostics.DiagnosticsProbe} measures the former and {@link
 * io.bnsweep.diagnostics.InferenceCosts} the latter; each measurement is its own small class
 * (conv-input moments, activation health, gradient norms, BatchNorm scales, BatchNorm folding,
 * latency). None of them changes the network it measures.
 */
package io.bnsweep.diagnostics;
