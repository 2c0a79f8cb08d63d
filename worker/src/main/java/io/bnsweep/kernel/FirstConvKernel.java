package io.bnsweep.kernel;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
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
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The backward pass of a network's first convolution (stride 1, no padding, NCHW float, a few input
 * channels): weight and bias gradients only. The forward pass stays with the helper DL4J chose
 * (oneDNN), or DL4J's built-in path if it chose none.
 *
 * <p>Why: the gradient with respect to the network's input is never used, but DL4J computes it for
 * every layer, and for a convolution with one input channel oneDNN pads that channel to 16 and runs
 * a Winograd kernel on it: for the default network that was the largest single cost of a training
 * step (about 4.4 ms of 30, plus 2 ms for the weight gradient and 1.5 ms of layout reorders). Here
 * the weight and bias gradients are one matrix product (ND4J's GEMM): the output gradient as
 * (output channels x examples * positions) times the unfolded input, one row per (input channel,
 * kernel row, kernel column) plus a row of ones for the bias, both laid out in plain Java. The
 * layer then passes no gradient on: there is no layer before it.
 */
public final class FirstConvKernel implements ConvolutionHelper {
  /**
   * Up to this many input channels; oneDNN's waste (padding the channels to 16) is in the
   * few-channel case, and the unfolded input grows with the channels.
   */
  static final long MAX_INPUT_CHANNELS = 4;

  private final ConvolutionHelper forward;
  private float[] inputPlane = new float[0];
  private float[] gradientPlane = new float[0];
  private float[] patchRow = new float[0];

  /** {@code forward}: the helper DL4J chose for the layer, for the forward pass (may be null). */
  public FirstConvKernel(ConvolutionHelper forward) {
    this.forward = forward;
  }

  /** Whether this kernel computes the gradients of a first convolution with these settings. */
  static boolean supports(
      long inputChannels,
      int[] strides,
      int[] pad,
      int[] dilation,
      ConvolutionMode mode,
      CNN2DFormat format) {
    return inputChannels <= MAX_INPUT_CHANNELS
        && Arrays.equals(strides, new int[] {1, 1})
        && Arrays.equals(pad, new int[] {0, 0})
        && Arrays.equals(dilation, new int[] {1, 1})
        && (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict)
        && format == CNN2DFormat.NCHW;
  }

  /** The helper that runs this layer's forward pass (null: DL4J's built-in path). */
  ConvolutionHelper forward() {
    return forward;
  }

  @Override
  public boolean checkSupported() {
    return true;
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
    return forward == null
        ? null
        : forward.preOutput(
            input,
            weights,
            bias,
            kernel,
            strides,
            pad,
            mode,
            fwdAlgo,
            convolutionMode,
            dilation,
            format,
            workspaceMgr);
  }

  @Override
  public INDArray activate(INDArray z, IActivation afn, boolean training) {
    return forward == null ? null : forward.activate(z, afn, training);
  }

  private final KernelCalls calls = new KernelCalls();

  /** The backward passes this kernel served and declined so far (its forward pass is oneDNN's). */
  KernelUse use() {
    return calls.use();
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
    return calls.count(
        backward(
            input,
            weights,
            bias,
            delta,
            kernel,
            strides,
            pad,
            biasGradView,
            weightGradView,
            afn,
            mode,
            bwdFilterAlgo,
            bwdDataAlgo,
            convolutionMode,
            dilation,
            format,
            workspaceMgr));
  }

  private Pair<Gradient, INDArray> backward(
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
    if (!supports(input.size(1), strides, pad, dilation, convolutionMode, format)
        || input.rank() != 4
        || input.dataType() != DataType.FLOAT
        || delta.dataType() != DataType.FLOAT
        || input.length() > Integer.MAX_VALUE
        || delta.length() > Integer.MAX_VALUE) {
      return null;
    }
    int examples = (int) input.size(0);
    int inputChannels = (int) input.size(1);
    int outputChannels = (int) delta.size(1);
    int kh = kernel[0];
    int kw = kernel[1];
    if (delta.size(2) != input.size(2) - kh + 1 || delta.size(3) != input.size(3) - kw + 1) {
      throw new IllegalArgumentException(
          "convolution gradient of shape "
              + Arrays.toString(delta.shape())
              + " for an input of shape "
              + Arrays.toString(input.shape())
              + " and a "
              + kh
              + " x "
              + kw
              + " kernel");
    }
    int taps = inputChannels * kh * kw;
    int positions = (int) (delta.size(2) * delta.size(3));
    long columns = (long) examples * positions;
    if ((taps + 1) * columns > Integer.MAX_VALUE) {
      return null; // too large to unfold in one buffer: DL4J's path
    }
    // dW | db = dy' . [patches ; ones]': one GEMM of (outputs x columns) by (columns x taps + 1)
    INDArray gradients =
        workspaceMgr.createUninitialized(
            ArrayType.BP_WORKING_MEM, DataType.FLOAT, new long[] {outputChannels, columns}, 'c');
    INDArray patches =
        workspaceMgr.createUninitialized(
            ArrayType.BP_WORKING_MEM, DataType.FLOAT, new long[] {taps + 1, columns}, 'c');
    gather(Planes.reading(delta), gradients);
    unfold(Planes.reading(input), kh, kw, positions, patches);
    INDArray product = Nd4j.gemm(gradients, patches, false, true);
    float[] sums = product.dup('c').data().asFloat();
    for (int o = 0; o < outputChannels; o++) {
      for (int t = 0; t < taps; t++) {
        weightGradView.putScalar((long) o * taps + t, sums[o * (taps + 1) + t]);
      }
    }
    Gradient gradient = new DefaultGradient();
    if (biasGradView != null) {
      for (int o = 0; o < outputChannels; o++) {
        biasGradView.putScalar(o, sums[o * (taps + 1) + taps]);
      }
      gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
    }
    gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView, 'c');
    return new Pair<>(gradient, null);
  }

  /** Row o of {@code into} gets the output gradient planes of channel o, example after example. */
  private void gather(Planes dy, INDArray into) {
    FloatBuffer out = into.data().asNioFloat();
    int base = (int) into.offset();
    int outputs = dy.channels;
    int examples = dy.count / outputs;
    float[] plane = gradientPlane = Planes.atLeast(gradientPlane, dy.size);
    for (int p = 0; p < dy.count; p++) {
      dy.read(p, plane);
      int o = p % outputs;
      int n = p / outputs;
      out.put(base + (o * examples + n) * dy.size, plane, 0, dy.size);
    }
  }

  /**
   * Row (i, r, c) of {@code into} gets, for each example and output position (row, col), the input
   * at (row + r, col + c) of channel i; the last row is all ones (for the bias).
   */
  private void unfold(Planes x, int kh, int kw, int positions, INDArray into) {
    FloatBuffer out = into.data().asNioFloat();
    int base = (int) into.offset();
    int channels = x.channels;
    int examples = x.count / channels;
    int outWidth = x.width - kw + 1;
    int outRows = positions / outWidth;
    long columns = (long) examples * positions;
    float[] plane = inputPlane = Planes.atLeast(inputPlane, x.size);
    float[] row = patchRow = Planes.atLeast(patchRow, positions);
    for (int p = 0; p < x.count; p++) {
      x.read(p, plane);
      int i = p % channels;
      int n = p / channels;
      for (int r = 0; r < kh; r++) {
        for (int c = 0; c < kw; c++) {
          for (int y = 0; y < outRows; y++) {
            System.arraycopy(plane, (y + r) * x.width + c, row, y * outWidth, outWidth);
          }
          int tap = (i * kh + r) * kw + c;
          out.put(base + (int) (tap * columns) + n * positions, row, 0, positions);
        }
      }
    }
    Arrays.fill(row, 0, positions, 1f);
    int ones = channels * kh * kw;
    for (int n = 0; n < examples; n++) {
      out.put(base + (int) (ones * columns) + n * positions, row, 0, positions);
    }
  }

  @Override
  public Map<String, Long> helperMemoryUse() {
    return forward == null ? Map.of() : forward.helperMemoryUse();
  }
}
