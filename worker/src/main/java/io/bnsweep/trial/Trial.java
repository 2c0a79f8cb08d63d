package io.bnsweep.trial;

import io.bnsweep.variant.NetworkShape;
import io.bnsweep.variant.Variant;

/**
 * One run of a variant with one seed: everything an executor needs to train and evaluate it.
 *
 * <p>The seed drives the weight initialisation and the shuffling of every epoch, so trials of
 * different variants with the same seed see the same data order (a paired design).
 *
 * @param id stable id: a hash of every setting that changes the outcome
 * @param variant the grid point
 * @param seed the seed
 * @param network the network's shape, shared by all trials of a sweep
 * @param training the training settings, shared by all trials of a sweep
 */
public record Trial(
    String id, Variant variant, long seed, NetworkShape network, TrainingConfig training) {}
