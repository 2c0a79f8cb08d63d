/**
 * Hand-written replacements for DL4J layer paths that profiling found slow, plugged in through
 * DL4J's own layer-helper interfaces so that the network, its configuration and its parameters are
 * DL4J's unchanged: {@link io.bnsweep.kernel.BatchNormKernel} (BatchNorm on NCHW activations) and
 * {@link io.bnsweep.kernel.Kernels}, which installs them into a network.
 *
 * <p>Each kernel is tested against DL4J's built-in layer (same outputs, gradients and running
 * statistics) and measured by {@code src/bench/speed.sh} (BENCHMARKS.md).
 */
package io.bnsweep.kernel;
