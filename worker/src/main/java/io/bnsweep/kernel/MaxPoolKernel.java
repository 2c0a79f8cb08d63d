package io.bnsweep.kernel;

import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingHelper;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Max pooling of NCHW float activations for DL4J's {@code SubsamplingLayer}, through ND4J's own
 * pooling ops ({@code maxpool2d}, {@code maxpool2d_bp}), with the native implementation that is
 * fast on this CPU: oneDNN's where it has a JIT kernel for NCHW max pooling (AVX-512), ND4J's own
 * C++ loops elsewhere.
 *
 * <p>Why: below AVX-512 the oneDNN 2.3 inside ND4J M2 runs NCHW max pooling with its generic {@code
 * simple_nchw} code, which DL4J's layer and its oneDNN helper both reach, and which is several
 * times slower than ND4J's own loops there; with AVX-512 oneDNN's JIT kernel is the faster one
 * (figures and the command in BENCHMARKS.md, "Speed on both instruction sets"). DL4J M2 asks a
 * pooling layer's helper for the backward pass only: {@link MaxPoolLayer} routes the forward pass
 * here too.
 *
 * <p>Which native path runs depends on the instruction set alone (oneDNN's effective one, after any
 * cap), so results stay reproducible for the same build, instruction set and threads. The two paths
 * agree exactly on the output; on the gradient they can differ only where a window's maximum is
 * tied, where any choice is a valid subgradient. Returning {@code null} (padding, dilation, a mode
 * other than {@code Truncate}, another pooling type, layout or data type) sends the layer to DL4J's
 * path.
 */
public final class MaxPoolKernel implements SubsamplingHelper {
  /** Whether ND4J's oneDNN is the faster path here (see the class comment). */
  private static final boolean ONEDNN = OneDnn.avx512();

  private final KernelCalls calls = new KernelCalls();

  /** The calls this kernel served and declined so far. */
  KernelUse use() {
    return calls.use();
  }

  /** Which native implementation runs: {@code onednn} or {@code nd4j}. */
  static String implementation() {
    return ONEDNN ? "onednn" : "nd4j";
  }

  @Override
  public boolean checkSupported() {
    return true;
  }

  @Override
  public Map<String, Long> helperMemoryUse() {
    return Map.of();
  }

  /** Whether this kernel pools {@code input} with these settings (else DL4J's path does). */
  static boolean supports(
      INDArray input,
      int[] pad,
      PoolingType type,
      ConvolutionMode mode,
      int[] dilation,
      CNN2DFormat format) {
    return type == PoolingType.MAX
        && format == CNN2DFormat.NCHW
        && mode == ConvolutionMode.Truncate
        && input.rank() == 4
        && input.dataType() == DataType.FLOAT
        && pad[0] == 0
        && pad[1] == 0
        && dilation[0] == 1
        && dilation[1] == 1;
  }

  @Override
  public INDArray activate(
      INDArray input,
      boolean training,
      int[] kernel,
      int[] strides,
      int[] pad,
      PoolingType type,
      ConvolutionMode mode,
      int[] dilation,
      CNN2DFormat format,
      LayerWorkspaceMgr workspaceMgr) {
    if (!calls.count(supports(input, pad, type, mode, dilation, format))) {
      return null;
    }
    long outH = (input.size(2) - kernel[0]) / strides[0] + 1;
    long outW = (input.size(3) - kernel[1]) / strides[1] + 1;
    INDArray out =
        workspaceMgr.createUninitialized(
            ArrayType.ACTIVATIONS,
            DataType.FLOAT,
            new long[] {input.size(0), input.size(1), outH, outW},
            'c');
    run("maxpool2d", kernel, strides, out, input);
    return out;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(
      INDArray input,
      INDArray epsilon,
      int[] kernel,
      int[] strides,
      int[] pad,
      PoolingType type,
      ConvolutionMode mode,
      int[] dilation,
      CNN2DFormat format,
      LayerWorkspaceMgr workspaceMgr) {
    if (!calls.count(
        supports(input, pad, type, mode, dilation, format)
            && epsilon.dataType() == DataType.FLOAT)) {
      return null;
    }
    INDArray grad =
        workspaceMgr.createUninitialized(
            ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
    run("maxpool2d_bp", kernel, strides, grad, input, epsilon);
    return new Pair<>(new DefaultGradient(), grad);
  }

  /**
   * Runs ND4J's pooling op {@code name} on {@code inputs} into {@code output}, allowing ND4J's
   * oneDNN for it or not (the integer arguments are those DL4J's layer passes: kernel, strides, no
   * padding, no dilation, truncate mode, NCHW).
   */
  private static void run(
      String name, int[] kernel, int[] strides, INDArray output, INDArray... inputs) {
    DynamicCustomOp op = DynamicCustomOp.builder(name).build();
    OpContext context = Nd4j.getExecutioner().buildContext();
    try {
      context.allowHelpers(ONEDNN);
      context.setIArguments(kernel[0], kernel[1], strides[0], strides[1], 0, 0, 1, 1, 0, 0, 0);
      context.setInputArrays(inputs);
      context.setOutputArrays(output);
      Nd4j.exec(op, context);
    } finally {
      close(context);
    }
  }

  /** Frees {@code context}'s native side (its {@code close} declares any exception). */
  private static void close(OpContext context) {
    try {
      context.close();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("max pooling: cannot free an op context (" + e + ")", e);
    }
  }
}
