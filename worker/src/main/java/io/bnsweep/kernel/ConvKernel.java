package io.bnsweep.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 2-D convolution's forward and backward passes (NCHW float, no dilation) through oneDNN's
 * <em>direct</em> convolutions, called through JavaCPP's oneDNN package rather than ND4J.
 *
 * <p>Why: DL4J M2's helper runs ND4J's {@code conv2d} ops, whose oneDNN (2.3, linked into ND4J) is
 * asked for {@code convolution_auto}; on AVX-512 it then picks Winograd for every 3x3 stride-1
 * backward pass, about 1.8x the time of the direct kernels PyTorch runs on the same shapes. Here
 * the three primitives of a layer (forward, backward data, backward weights) are built once per
 * input shape and kept; the arrays DL4J hands over are used in place as oneDNN memory (NCHW
 * activations, OIHW weights), reordered into the blocked layouts the direct kernels want and back.
 * The output gradient is reordered once for both backward passes.
 *
 * <p>The contract is DL4J's {@link ConvolutionHelper}: {@link #preOutput} returns the layer's
 * pre-activation in the activations workspace, {@link #backpropGradient} fills the weight and bias
 * gradient views and returns the input gradient in the activation-gradient workspace. Returning
 * {@code null} (another layout, data type or dilation, a padding oneDNN cannot express, an odd
 * gradient view) sends the layer to DL4J's built-in path for that call.
 */
public final class ConvKernel implements ConvolutionHelper {
  /** Primitives kept per input shape: training and evaluation batch sizes, and a last batch. */
  private static final int SHAPES_KEPT = 4;

  private final boolean hasBias;
  private final KernelCalls calls = new KernelCalls();
  private final stream stream = new stream(OneDnn.ENGINE);
  private INDArray zeroBias;
  private final Map<Geometry, Primitives> primitives =
      new LinkedHashMap<>(SHAPES_KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Geometry, Primitives> eldest) {
          if (size() > SHAPES_KEPT) {
            eldest.getValue().close();
            return true;
          }
          return false;
        }
      };

  /**
   * A kernel for a layer with a bias or without one ({@code hasBias}: DL4J then hands over a zero
   * bias and a gradient view nobody reads, and the layer's gradient must not name a bias).
   */
  public ConvKernel(boolean hasBias) {
    this.hasBias = hasBias;
  }

  /** Whether this kernel serves a convolution with these settings. */
  static boolean supports(int[] dilation, CNN2DFormat format) {
    return Arrays.equals(dilation, new int[] {1, 1}) && format == CNN2DFormat.NCHW;
  }

  @Override
  public boolean checkSupported() {
    return true;
  }

  /** The calls this kernel served and declined so far. */
  KernelUse use() {
    return calls.use();
  }

  @Override
  public INDArray preOutput(
      INDArray input,
      INDArray weights,
      INDArray bias,
      int[] kernel,
      int[] strides,
      int[] pad,
      AlgoMode mode,
      FwdAlgo fwdAlgo,
      ConvolutionMode convolutionMode,
      int[] dilation,
      CNN2DFormat format,
      LayerWorkspaceMgr workspaceMgr) {
    Geometry g = geometry(input, weights, kernel, strides, pad, convolutionMode, dilation, format);
    if (g == null) {
      return calls.count((INDArray) null);
    }
    Primitives p = primitives(g);
    if (bias == null) {
      bias = zeroBias(g.weights[0]); // a layer without bias: DL4J passes none to the forward pass
    }
    INDArray out =
        workspaceMgr.createUninitialized(
            ArrayType.ACTIVATIONS, DataType.FLOAT, g.outputShape(), 'c');
    try (CallMemory a = new CallMemory()) {
      memory x = a.user(p.plainInput, contiguous(input));
      memory w = a.user(p.plainWeights, contiguous(weights));
      memory b = a.user(p.plainBias, contiguous(bias));
      memory y = a.user(p.plainOutput, out);
      p.forward(stream, a, x, w, b, y);
    }
    return calls.count(out);
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(
      INDArray input,
      INDArray weights,
      INDArray bias,
      INDArray delta,
      int[] kernel,
      int[] strides,
      int[] pad,
      INDArray biasGradView,
      INDArray weightGradView,
      IActivation afn,
      AlgoMode mode,
      BwdFilterAlgo bwdFilterAlgo,
      BwdDataAlgo bwdDataAlgo,
      ConvolutionMode convolutionMode,
      int[] dilation,
      CNN2DFormat format,
      LayerWorkspaceMgr workspaceMgr) {
    Geometry g = geometry(input, weights, kernel, strides, pad, convolutionMode, dilation, format);
    if (g == null
        || biasGradView == null
        || delta.dataType() != DataType.FLOAT
        || !Arrays.equals(delta.shape(), g.outputShape())
        || !isPlain(weightGradView)
        || !isPlain(biasGradView)) {
      return calls.count((Pair<Gradient, INDArray>) null);
    }
    Primitives p = primitives(g);
    INDArray inputGradient =
        workspaceMgr.createUninitialized(
            ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
    try (CallMemory a = new CallMemory()) {
      memory x = a.user(p.plainInput, contiguous(input));
      memory w = a.user(p.plainWeights, contiguous(weights));
      memory dy = a.user(p.plainOutput, contiguous(delta));
      memory dx = a.user(p.plainInput, inputGradient);
      memory dw = a.user(p.plainWeights, weightGradView);
      memory db = a.user(p.plainBias, biasGradView);
      p.backward(stream, a, x, w, dy, dx, dw, db);
    }
    Gradient gradient = new DefaultGradient();
    if (hasBias) {
      gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
    }
    gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView, 'c');
    return calls.count(new Pair<>(gradient, inputGradient));
  }

  @Override
  public INDArray activate(INDArray z, IActivation afn, boolean training) {
    return afn.getActivation(z, training);
  }

  @Override
  public Map<String, Long> helperMemoryUse() {
    return Map.of();
  }

  @SuppressWarnings("try") // the scope is what matters, not the resource
  private INDArray zeroBias(long outputs) {
    if (zeroBias == null || zeroBias.length() != outputs) {
      try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
        zeroBias = Nd4j.zeros(DataType.FLOAT, outputs);
      }
    }
    return zeroBias;
  }

  private Primitives primitives(Geometry g) {
    return primitives.computeIfAbsent(g, Primitives::new);
  }

  /** The layer's geometry, or null if this kernel does not serve it. */
  private static Geometry geometry(
      INDArray input,
      INDArray weights,
      int[] kernel,
      int[] strides,
      int[] pad,
      ConvolutionMode mode,
      int[] dilation,
      CNN2DFormat format) {
    if (!supports(dilation, format)
        || input.rank() != 4
        || input.dataType() != DataType.FLOAT
        || weights.dataType() != DataType.FLOAT
        || weights.rank() != 4) {
      return null;
    }
    int[] out;
    int[] top;
    if (mode == ConvolutionMode.Same) {
      out = ConvolutionUtils.getOutputSize(input, kernel, strides, null, mode, dilation, format);
      top =
          ConvolutionUtils.getSameModeTopLeftPadding(
              out, new int[] {(int) input.size(2), (int) input.size(3)}, kernel, strides, dilation);
    } else {
      out = ConvolutionUtils.getOutputSize(input, kernel, strides, pad, mode, dilation, format);
      top = pad;
    }
    long[] bottom = new long[2];
    for (int d = 0; d < 2; d++) {
      // the rows (columns) the last output position reads past the input's end, if any (a
      // stride-2 1x1 convolution of an even size reads none, and skips the last row)
      long in = input.size(2 + d);
      bottom[d] = Math.max(0, (long) (out[d] - 1) * strides[d] + kernel[d] - in - top[d]);
      if ((in + top[d] + bottom[d] - kernel[d]) / strides[d] + 1 != out[d]) {
        return null; // Truncate mode dropping more than a stride: DL4J's path
      }
    }
    return new Geometry(
        input.shape(),
        weights.shape(),
        new long[] {out[0], out[1]},
        new long[] {strides[0], strides[1]},
        new long[] {top[0], top[1]},
        bottom);
  }

  /** {@code a} itself if it is a plain C-order array, else a C-order copy. */
  private static INDArray contiguous(INDArray a) {
    return isPlain(a) ? a : a.dup('c');
  }

  /**
   * Whether {@code a}'s elements lie in C order without gaps. Dimensions of size 1 may have any
   * stride (DL4J's gradient views of a 1x1 kernel or one input channel have odd ones), which ND4J's
   * own check does not allow.
   */
  private static boolean isPlain(INDArray a) {
    long expected = 1;
    for (int d = a.rank() - 1; d >= 0; d--) {
      if (a.size(d) != 1 && a.stride(d) != expected) {
        return false;
      }
      expected *= a.size(d);
    }
    return true;
  }

  /** What a layer's primitives depend on: the shapes, strides and padding. */
  private record Geometry(
      long[] input, long[] weights, long[] output, long[] strides, long[] top, long[] bottom) {
    long[] outputShape() {
      return new long[] {input[0], weights[0], output[0], output[1]};
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Geometry g
          && Arrays.equals(input, g.input)
          && Arrays.equals(weights, g.weights)
          && Arrays.equals(output, g.output)
          && Arrays.equals(strides, g.strides)
          && Arrays.equals(top, g.top)
          && Arrays.equals(bottom, g.bottom);
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(new Object[] {input, weights, output, strides, top, bottom});
    }

    @Override
    public String toString() {
      return "input "
          + Arrays.toString(input)
          + ", weights "
          + Arrays.toString(weights)
          + ", strides "
          + Arrays.toString(strides)
          + ", padding "
          + Arrays.toString(top)
          + "/"
          + Arrays.toString(bottom);
    }
  }

  /**
   * A layer's three oneDNN primitives for one geometry, with the plain (DL4J) memory descriptions
   * and, built with them, the copies between DL4J's layouts and the ones oneDNN chose.
   */
  private static final class Primitives implements AutoCloseable {
    final memory.desc plainInput;
    final memory.desc plainWeights;
    final memory.desc plainBias;
    final memory.desc plainOutput;
    private final convolution_forward.primitive_desc forwardDesc;
    private final convolution_backward_data.primitive_desc dataDesc;
    private final convolution_backward_weights.primitive_desc weightsDesc;
    private final convolution_forward forward;
    private final convolution_backward_data backwardData;
    private final convolution_backward_weights backwardWeights;
    // into and out of the layouts oneDNN chose for each primitive's arguments
    private final Relayout forwardInput;
    private final Relayout forwardWeights;
    private final Relayout forwardOutput;
    private final Relayout dataOutputGradient;
    private final Relayout dataWeights;
    private final Relayout dataInputGradient;
    private final Relayout weightsInput;
    private final Relayout weightsOutputGradient;
    private final Relayout weightsGradient;
    private final boolean oneOutputGradient;

    Primitives(Geometry g) {
      plainInput = OneDnn.desc(g.input, memory.format_tag.nchw);
      plainWeights = OneDnn.desc(g.weights, memory.format_tag.oihw);
      plainBias = OneDnn.desc(new long[] {g.weights[0]}, memory.format_tag.x);
      plainOutput = OneDnn.desc(g.outputShape(), memory.format_tag.nchw);
      memory.desc anyInput = OneDnn.desc(g.input, memory.format_tag.any);
      memory.desc anyWeights = OneDnn.desc(g.weights, memory.format_tag.any);
      memory.desc anyOutput = OneDnn.desc(g.outputShape(), memory.format_tag.any);
      dnnl.algorithm direct = dnnl.algorithm.convolution_direct;
      forwardDesc =
          new convolution_forward.primitive_desc(
              new convolution_forward.desc(
                  dnnl.prop_kind.forward_training,
                  direct,
                  anyInput,
                  anyWeights,
                  plainBias,
                  anyOutput,
                  g.strides,
                  g.top,
                  g.bottom),
              OneDnn.ENGINE);
      dataDesc =
          new convolution_backward_data.primitive_desc(
              new convolution_backward_data.desc(
                  direct, anyInput, anyWeights, anyOutput, g.strides, g.top, g.bottom),
              OneDnn.ENGINE,
              forwardDesc);
      weightsDesc =
          new convolution_backward_weights.primitive_desc(
              new convolution_backward_weights.desc(
                  direct, anyInput, anyWeights, plainBias, anyOutput, g.strides, g.top, g.bottom),
              OneDnn.ENGINE,
              forwardDesc);
      forward = new convolution_forward(forwardDesc);
      backwardData = new convolution_backward_data(dataDesc);
      backwardWeights = new convolution_backward_weights(weightsDesc);
      forwardInput = Relayout.into(plainInput, forwardDesc.src_desc());
      forwardWeights = Relayout.into(plainWeights, forwardDesc.weights_desc());
      forwardOutput = Relayout.outOf(forwardDesc.dst_desc(), plainOutput);
      dataOutputGradient = Relayout.into(plainOutput, dataDesc.diff_dst_desc());
      dataWeights = Relayout.into(plainWeights, dataDesc.weights_desc());
      dataInputGradient = Relayout.outOf(dataDesc.diff_src_desc(), plainInput);
      weightsInput = Relayout.into(plainInput, weightsDesc.src_desc());
      weightsOutputGradient = Relayout.into(plainOutput, weightsDesc.diff_dst_desc());
      weightsGradient = Relayout.outOf(weightsDesc.diff_weights_desc(), plainWeights);
      oneOutputGradient = dataOutputGradient.to.equals(weightsOutputGradient.to);
    }

    void forward(stream s, CallMemory a, memory x, memory w, memory b, memory y) {
      memory bx = a.into(s, 0, x, forwardInput);
      memory bw = a.into(s, 1, w, forwardWeights);
      memory by = a.scratch(2, y, forwardOutput);
      forward.execute(
          s,
          OneDnn.args(
              dnnl.DNNL_ARG_SRC, bx,
              dnnl.DNNL_ARG_WEIGHTS, bw,
              dnnl.DNNL_ARG_BIAS, b,
              dnnl.DNNL_ARG_DST, by));
      a.back(s, by, y, forwardOutput);
      s._wait();
    }

    void backward(
        stream s, CallMemory a, memory x, memory w, memory dy, memory dx, memory dw, memory db) {
      // slots 2 and 3 are free again once the input gradient is back in dx
      memory bdyData = a.into(s, 0, dy, dataOutputGradient);
      memory bdyWeights = oneOutputGradient ? bdyData : a.into(s, 1, dy, weightsOutputGradient);
      memory bw = a.into(s, 2, w, dataWeights);
      memory bdx = a.scratch(3, dx, dataInputGradient);
      backwardData.execute(
          s,
          OneDnn.args(
              dnnl.DNNL_ARG_DIFF_DST, bdyData,
              dnnl.DNNL_ARG_WEIGHTS, bw,
              dnnl.DNNL_ARG_DIFF_SRC, bdx));
      a.back(s, bdx, dx, dataInputGradient);
      memory bx = a.into(s, 2, x, weightsInput);
      memory bdw = a.scratch(3, dw, weightsGradient);
      backwardWeights.execute(
          s,
          OneDnn.args(
              dnnl.DNNL_ARG_SRC, bx,
              dnnl.DNNL_ARG_DIFF_DST, bdyWeights,
              dnnl.DNNL_ARG_DIFF_WEIGHTS, bdw,
              dnnl.DNNL_ARG_DIFF_BIAS, db));
      a.back(s, bdw, dw, weightsGradient);
      s._wait();
    }

    @Override
    public void close() {
      for (Relayout r :
          List.of(
              forwardInput,
              forwardWeights,
              forwardOutput,
              dataOutputGradient,
              dataWeights,
              dataInputGradient,
              weightsInput,
              weightsOutputGradient,
              weightsGradient)) {
        r.close();
      }
      for (Pointer p :
          List.of(
              forward,
              backwardData,
              backwardWeights,
              forwardDesc,
              dataDesc,
              weightsDesc,
              plainInput,
              plainWeights,
              plainBias,
              plainOutput)) {
        p.close();
      }
    }
  }

  /**
   * A copy of an argument from one memory layout to another ({@code from} DL4J's into oneDNN's
   * choice, or back), its reorder primitive built once with the layer's primitives; none when the
   * layouts are the same.
   */
  private static final class Relayout implements AutoCloseable {
    final memory.desc from;
    final memory.desc to;
    private final memory.desc chosen; // oneDNN's side, owned here (the plain side is shared)
    private final reorder.primitive_desc copyDesc;
    private final reorder copy;

    private Relayout(memory.desc from, memory.desc to, memory.desc chosen) {
      this.from = from;
      this.to = to;
      this.chosen = chosen;
      boolean same = from.equals(to);
      copyDesc = same ? null : new reorder.primitive_desc(OneDnn.ENGINE, from, OneDnn.ENGINE, to);
      copy = same ? null : new reorder(copyDesc);
    }

    /** From DL4J's {@code plain} layout into oneDNN's {@code chosen} one. */
    static Relayout into(memory.desc plain, memory.desc chosen) {
      return new Relayout(plain, chosen, chosen);
    }

    /** From oneDNN's {@code chosen} layout back into DL4J's {@code plain} one. */
    static Relayout outOf(memory.desc chosen, memory.desc plain) {
      return new Relayout(chosen, plain, chosen);
    }

    /** Whether the layouts differ, so that the argument is copied. */
    boolean copies() {
      return copy != null;
    }

    void run(stream s, memory source, memory target) {
      copy.execute(s, source, target);
    }

    @Override
    public void close() {
      for (Pointer p : new Pointer[] {copy, copyDesc, chosen}) {
        if (p != null) {
          p.close();
        }
      }
    }
  }

  /**
   * The oneDNN memory objects of one call: DL4J's arrays wrapped in place, and blocked copies in
   * the calling thread's {@link Scratch} buffers, numbered by slot. The objects are released when
   * the call ends; the buffers stay with the thread.
   */
  private static final class CallMemory implements AutoCloseable {
    private final List<Pointer> opened = new ArrayList<>();
    private final Scratch scratch = Scratch.ofThisThread();

    /** {@code array}'s buffer as oneDNN memory of layout {@code plain}, not copied. */
    memory user(memory.desc plain, INDArray array) {
      return keep(new memory(plain, OneDnn.ENGINE, array.data().addressPointer()));
    }

    /** {@code m} (in {@code r}'s source layout) in {@code r}'s target layout: itself, or a copy. */
    memory into(stream s, int slot, memory m, Relayout r) {
      if (!r.copies()) {
        return m;
      }
      memory copy = slot(slot, r.to);
      r.run(s, m, copy);
      return copy;
    }

    /**
     * Where a primitive writes what {@code r} then copies into {@code m}: {@code m} itself if the
     * layouts are the same, else the slot's buffer in {@code r}'s source layout.
     */
    memory scratch(int slot, memory m, Relayout r) {
      return r.copies() ? slot(slot, r.from) : m;
    }

    /** Copies {@code from} into {@code to} through {@code r}, if it copies at all. */
    void back(stream s, memory from, memory to, Relayout r) {
      if (r.copies()) {
        r.run(s, from, to);
      }
    }

    private memory slot(int slot, memory.desc layout) {
      return keep(new memory(layout, OneDnn.ENGINE, scratch.buffer(slot, layout.get_size())));
    }

    private <T extends Pointer> T keep(T p) {
      opened.add(p);
      return p;
    }

    @Override
    public void close() {
      for (Pointer p : opened) {
        p.close();
      }
    }
  }
}
