package io.bnsweep.diagnostics;

/**
 * What the trained network costs at inference.
 *
 * @param folded true if BatchNorm was folded into the preceding convolution (placement {@code
 *     before}: conv -> BN is one affine map) and the folded network was timed
 * @param foldedMaxAbsDiff largest absolute difference between the folded and unfolded network's
 *     outputs on the test subset, or {@code null} if nothing was folded
 * @param microsPerImage mean inference latency per image, in microseconds, batch of 1 image
 * @param microsPerImageBatched mean inference latency per image, in microseconds, in batches
 */
public record InferenceCost(
    boolean folded, Double foldedMaxAbsDiff, double microsPerImage, double microsPerImageBatched) {}
