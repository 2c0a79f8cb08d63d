package io.bnsweep.diagnostics;

/**
 * What the trained network costs at inference.
 *
 * @param folded true if BatchNorm was folded into the preceding convolution (conv -> BN is one
 *     affine map) and the folded network was timed: every BN of placement {@code before}, the first
 *     BN of each block of {@code extra} (its second BN follows the nonlinearity and stays); in a
 *     resnet, each BN whose only input is a conv that feeds nothing else (the projections' always)
 * @param foldedMaxAbsDiff largest absolute difference between the folded and unfolded network's
 *     softmax outputs on the latency batch (the first 128 test images), or {@code null} if nothing
 *     was folded
 * @param microsPerImage mean inference latency per image, in microseconds, batch of 1 image
 * @param microsPerImageBatched mean inference latency per image, in microseconds, in batches of 128
 *     images
 */
public record InferenceCost(
    boolean folded, Double foldedMaxAbsDiff, double microsPerImage, double microsPerImageBatched) {}
