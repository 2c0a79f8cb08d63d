/**
 * Hand-written replacements for DL4J layer paths that profiling found slow, plugged in through
 * DL4J's own layer-helper interfaces so that the network, its configuration and its parameters are
 * DL4J's unchanged: {@link io.bnsweep.kernel.BatchNormKernel} (BatchNorm on NCHW activations),
 * {@link io.bnsweep.kernel.FirstConvKernel} (the first convolution's weight gradient, without the
 * unused input gradient), and {@link io.bnsweep.kernel.Kernels}, which installs them into a
 * network. {@code Planes} reads and writes an NCHW array plane by plane.
 *
 * <p>Each kernel is tested against DL4J's built-in layer (same loss, gradients, running statistics
 * and parameters after training) and measured by {@code src/bench/speed.sh} (BENCHMARKS.md).
 */
package io.bnsweep.kernel;
