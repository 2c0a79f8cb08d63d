package io.bnsweep.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One variant's diagnostics at one epoch, averaged over the seeds that measured it.
 *
 * <p>Each value is first averaged over the layers it is measured on (conv inputs over the conv
 * layers after the first, activation statistics over the activation layers), then over seeds, so
 * that variants with different numbers of BatchNorm layers still give one number each. {@code NaN}
 * where the network has no such layer.
 *
 * @param epoch 1-based epoch
 * @param seeds number of trials averaged
 * @param convInputMean mean of the conv layers' input
 * @param convInputStd standard deviation of the conv layers' input
 * @param zeroFraction fraction of activation outputs exactly zero (ReLU)
 * @param deadFraction fraction of units zero on the whole probe batch (ReLU)
 * @param saturatedFraction fraction of outputs where a sigmoid or tanh is saturated
 * @param bnScaleSignFlips BatchNorm scale values whose sign flipped since initialisation
 * @param bnScaleCount BatchNorm scale values in the network; 0 without BatchNorm
 * @param gradientNorms L2 gradient norm per layer, keyed by a label such as {@code conv1} or {@code
 *     bn2}, in network order
 * @param residualRatio the residual branch's norm over the shortcut's at each addition, averaged
 *     over a residual network's units; {@code NaN} for a network without residual units
 */
public record DiagnosticsMean(
    int epoch,
    int seeds,
    double convInputMean,
    double convInputStd,
    double zeroFraction,
    double deadFraction,
    double saturatedFraction,
    double bnScaleSignFlips,
    int bnScaleCount,
    Map<String, Double> gradientNorms,
    double residualRatio) {

  public DiagnosticsMean {
    gradientNorms = Collections.unmodifiableMap(new LinkedHashMap<>(gradientNorms));
  }

  /** Flipped BatchNorm scales as a fraction of all of them; {@code NaN} without BatchNorm. */
  public double bnScaleFlipFraction() {
    return bnScaleCount == 0 ? Double.NaN : bnScaleSignFlips / bnScaleCount;
  }
}
