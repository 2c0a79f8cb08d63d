/**
 * What the BatchNorm-placement debate argues about, measured inside a trial: the statistics of each
 * conv layer's input, dead and saturated units, per-layer gradient norms and BN scale sign flips on
 * a fixed probe batch at the end of every epoch ({@link io.bnsweep.diagnostics.EpochDiagnostics}),
 * and the inference cost of each variant, with BatchNorm folded into the preceding convolution
 * where the placement allows it ({@link io.bnsweep.diagnostics.InferenceCost}).
 */
package io.bnsweep.diagnostics;
