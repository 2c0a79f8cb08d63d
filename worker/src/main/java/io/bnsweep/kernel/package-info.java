/**
 * Hand-written replacements for DL4J paths that profiling found slow, plugged in through DL4J's own
 * interfaces so that the network, its parameters and its layers stay DL4J's: {@link
 * io.bnsweep.kernel.ConvKernel} (convolutions through oneDNN's direct kernels, called through
 * JavaCPP; {@code OneDnn} and {@code Scratch} hold its engine and per-thread buffers), {@link
 * io.bnsweep.kernel.BatchNormKernel} (BatchNorm on NCHW activations) and {@link
 * io.bnsweep.kernel.FirstConvKernel} (the first convolution's weight gradient, without the unused
 * input gradient) and {@link io.bnsweep.kernel.MaxPoolKernel} (max pooling, whose forward pass
 * {@code MaxPoolLayer} routes to it) are layer helpers; {@link io.bnsweep.kernel.TanhKernel} and
 * {@link io.bnsweep.kernel.SigmoidKernel} are activation functions over {@code RationalTanh} and
 * {@code Logistic}, a tanh and a sigmoid the JIT vectorises. {@link io.bnsweep.kernel.Kernels}
 * installs them into a network. {@code Planes} reads and writes an NCHW array plane by plane;
 * {@code Elementwise} runs a float loop over a contiguous array a chunk at a time.
 *
 * <p>Each kernel is tested against DL4J's own path (same loss, gradients, running statistics and
 * parameters after training) and measured by {@code src/bench/speed.sh} (BENCHMARKS.md).
 */
package io.bnsweep.kernel;
