/**
 * What a grid point is and the network it builds: {@link io.bnsweep.variant.Placement} of BatchNorm
 * relative to the nonlinearity, the {@link io.bnsweep.variant.ActivationKind}, the sweep-wide
 * {@link io.bnsweep.network.NetworkShape}, and {@link io.bnsweep.network.NetworkFactory}, which
 * turns them into a DL4J configuration.
 */
package io.bnsweep.variant;
