/**
 * Layers that DL4J 1.0.0-M2 does not have, written as DL4J SameDiff layers so that they sit in a
 * {@code MultiLayerConfiguration} or a {@code ComputationGraphConfiguration} beside DL4J's own
 * layers, train with its updaters and round-trip through its JSON: {@link
 * io.bnsweep.network.layer.ChannelScaling} multiplies each channel by a learned positive scale.
 */
package io.bnsweep.network.layer;
