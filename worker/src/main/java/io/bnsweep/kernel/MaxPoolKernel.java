package io.bnsweep.kernel;

import java.util.Arrays;
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

/**
 * 2 x 2 max pooling with stride 2 and no padding (DL4J's {@code Truncate} mode: a last odd row or
 * column is dropped) of NCHW float activations, for DL4J's {@code SubsamplingLayer}, in plain Java
 * loops over each (example, channel) plane.
 *
 * <p>Why: with DL4J M2's oneDNN helper, the backward pass runs oneDNN's forward pass again (to get
 * the positions of the maxima) and then its backward pass, all on plain NCHW, where oneDNN's
 * pooling kernels are slow; for the default network's first pooling layer that was about 4 ms of a
 * 30 ms training step. Here the forward pass reads each input once; the backward pass reads input
 * and gradient once and writes the input gradient once, sending each output's gradient to the first
 * maximum of its window (in row-major order, as oneDNN and DL4J do).
 *
 * <p>Returning {@code null} (another pooling, layout or data type) sends the layer to its built-in
 * path.
 */
public final class MaxPoolKernel implements SubsamplingHelper {
  private float[] inputPlane = new float[0];
  private float[] outputGradientPlane = new float[0];
  private float[] inputGradientPlane = new float[0];

  /** Whether this kernel computes a pooling layer with these settings. */
  static boolean supports(
      PoolingType type,
      int[] kernel,
      int[] strides,
      int[] pad,
      int[] dilation,
      CNN2DFormat format) {
    return type == PoolingType.MAX
        && Arrays.equals(kernel, new int[] {2, 2})
        && Arrays.equals(strides, new int[] {2, 2})
        && Arrays.equals(pad, new int[] {0, 0})
        && Arrays.equals(dilation, new int[] {1, 1})
        && format == CNN2DFormat.NCHW;
  }

  @Override
  public boolean checkSupported() {
    return true;
  }

  @Override
  public INDArray activate(
      INDArray input,
      boolean training,
      int[] kernel,
      int[] strides,
      int[] pad,
      PoolingType poolingType,
      ConvolutionMode convolutionMode,
      int[] dilation,
      CNN2DFormat format,
      LayerWorkspaceMgr workspaceMgr) {
    return null; // never called: DL4J M2's forward pass is ND4J's maxpool2d op, without a helper
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(
      INDArray input,
      INDArray epsilon,
      int[] kernel,
      int[] strides,
      int[] pad,
      PoolingType poolingType,
      ConvolutionMode convolutionMode,
      int[] dilation,
      CNN2DFormat format,
      LayerWorkspaceMgr workspaceMgr) {
    if (!supported(input, kernel, strides, pad, poolingType, convolutionMode, dilation, format)) {
      return null;
    }
    if (epsilon.size(2) != input.size(2) / 2 || epsilon.size(3) != input.size(3) / 2) {
      throw new IllegalArgumentException(
          "pooling gradient of shape "
              + Arrays.toString(epsilon.shape())
              + " for an input of shape "
              + Arrays.toString(input.shape()));
    }
    INDArray gradient =
        workspaceMgr.createUninitialized(
            ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
    Planes x = Planes.reading(input);
    Planes dy = Planes.reading(epsilon);
    Planes dx = Planes.writing(gradient);
    float[] src = inputPlane = grow(inputPlane, x.size);
    float[] grad = outputGradientPlane = grow(outputGradientPlane, dy.size);
    float[] back = inputGradientPlane = grow(inputGradientPlane, x.size);
    int pooledRows = dy.size / dy.width;
    for (int p = 0; p < x.count; p++) {
      x.read(p, src);
      dy.read(p, grad);
      Arrays.fill(back, 0, x.size, 0f);
      for (int r = 0; r < pooledRows; r++) {
        int top = 2 * r * x.width;
        int bottom = top + x.width;
        for (int c = 0; c < dy.width; c++) {
          int at = top + 2 * c;
          at = src[at + 1] > src[at] ? at + 1 : at;
          at = src[bottom + 2 * c] > src[at] ? bottom + 2 * c : at;
          at = src[bottom + 2 * c + 1] > src[at] ? bottom + 2 * c + 1 : at;
          back[at] = grad[r * dy.width + c];
        }
      }
      dx.write(p, back);
    }
    return new Pair<>(new DefaultGradient(), gradient);
  }

  @Override
  public Map<String, Long> helperMemoryUse() {
    return Map.of();
  }

  private static boolean supported(
      INDArray input,
      int[] kernel,
      int[] strides,
      int[] pad,
      PoolingType poolingType,
      ConvolutionMode convolutionMode,
      int[] dilation,
      CNN2DFormat format) {
    return supports(poolingType, kernel, strides, pad, dilation, format)
        && (convolutionMode == ConvolutionMode.Truncate
            || convolutionMode == ConvolutionMode.Strict)
        && input.rank() == 4
        && input.dataType() == DataType.FLOAT
        && input.size(2) >= 2
        && input.size(3) >= 2
        && input.length() <= Integer.MAX_VALUE;
  }

  private static float[] grow(float[] buffer, int size) {
    return buffer.length < size ? new float[size] : buffer;
  }
}
