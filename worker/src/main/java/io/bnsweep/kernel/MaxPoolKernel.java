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
 * Max pooling of NCHW float activations for DL4J's {@code SubsamplingLayer}, in plain Java loops
 * over the (example, channel) planes, each of which is contiguous in NCHW.
 *
 * <p>DL4J M2 asks a pooling layer's helper for the backward pass only: {@link MaxPoolLayer} routes
 * the forward pass here too.
 *
 * <p>Why: the oneDNN 2.3 inside ND4J M2's native library has no vectorised max pooling for NCHW
 * below AVX-512, and runs its generic {@code simple_nchw} implementation; DL4J's helper also runs
 * the forward pass a second time in the backward pass to get oneDNN's index workspace. Measured
 * under the AVX2 cap, pooling took more time than every convolution of the step together
 * (BENCHMARKS.md). Here a window's maximum is one pass over the plane, and the backward pass finds
 * each window's maximum again in the input, which costs less than keeping indices from the forward
 * pass and proving that DL4J did not run another forward pass in between.
 *
 * <p>Which input of a window takes the gradient when several hold its maximum is the first in
 * row-major order, as in ND4J's own {@code maxpool2d_bp}; any choice is a valid subgradient there.
 * Windows that overlap (stride below the kernel size) add their gradients. Returning {@code null}
 * (padding, dilation, a mode other than {@code Truncate}, another pooling type, layout or data
 * type) sends the layer to DL4J's path.
 */
public final class MaxPoolKernel implements SubsamplingHelper {
  private final KernelCalls calls = new KernelCalls();
  private float[] source = new float[0];
  private float[] target = new float[0];
  private float[] gradient = new float[0];

  /** The calls this kernel served and declined so far. */
  KernelUse use() {
    return calls.use();
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
    Windows w = new Windows(input, kernel, strides);
    INDArray out =
        workspaceMgr.createUninitialized(
            ArrayType.ACTIVATIONS,
            DataType.FLOAT,
            new long[] {input.size(0), input.size(1), w.outH, w.outW},
            'c');
    Planes in = Planes.reading(input);
    Planes y = Planes.writing(out);
    float[] src = source = Planes.atLeast(source, in.size);
    float[] dst = target = Planes.atLeast(target, y.size);
    for (int p = 0; p < in.count; p++) {
      in.read(p, src);
      if (w.isTwoByTwo()) {
        maxTwoByTwo(src, dst, w);
      } else {
        for (int oy = 0, o = 0; oy < w.outH; oy++) {
          for (int ox = 0; ox < w.outW; ox++, o++) {
            dst[o] = src[w.argmax(src, oy, ox)];
          }
        }
      }
      y.write(p, dst);
    }
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
    Windows w = new Windows(input, kernel, strides);
    if (epsilon.size(2) != w.outH || epsilon.size(3) != w.outW) {
      throw new IllegalArgumentException(
          "max pooling: the gradient's planes are "
              + epsilon.size(2)
              + "x"
              + epsilon.size(3)
              + ", the forward pass's "
              + w.outH
              + "x"
              + w.outW);
    }
    INDArray grad =
        workspaceMgr.createUninitialized(
            ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
    Planes in = Planes.reading(input);
    Planes eps = Planes.reading(epsilon);
    Planes dx = Planes.writing(grad);
    float[] src = source = Planes.atLeast(source, in.size);
    float[] e = target = Planes.atLeast(target, eps.size);
    float[] g = gradient = Planes.atLeast(gradient, in.size);
    for (int p = 0; p < in.count; p++) {
      in.read(p, src);
      eps.read(p, e);
      Arrays.fill(g, 0, in.size, 0f);
      for (int oy = 0, o = 0; oy < w.outH; oy++) {
        for (int ox = 0; ox < w.outW; ox++, o++) {
          g[w.argmax(src, oy, ox)] += e[o];
        }
      }
      dx.write(p, g);
    }
    return new Pair<>(new DefaultGradient(), grad);
  }

  /** The forward pass of 2x2 windows at stride 2, the common case, without the general loops. */
  private static void maxTwoByTwo(float[] src, float[] dst, Windows w) {
    int inW = w.inW;
    for (int oy = 0, o = 0; oy < w.outH; oy++) {
      int top = 2 * oy * inW;
      int bottom = top + inW;
      for (int ox = 0; ox < w.outW; ox++, o++) {
        int x = 2 * ox;
        // the same comparisons, in the same order, as Windows.argmax: NaN and ties behave alike
        float m = src[top + x];
        if (src[top + x + 1] > m) {
          m = src[top + x + 1];
        }
        if (src[bottom + x] > m) {
          m = src[bottom + x];
        }
        if (src[bottom + x + 1] > m) {
          m = src[bottom + x + 1];
        }
        dst[o] = m;
      }
    }
  }

  /** The pooling windows over one plane: kernel, strides and the sizes they give (truncating). */
  private static final class Windows {
    final int kH;
    final int kW;
    final int sH;
    final int sW;
    final int inW;
    final int outH;
    final int outW;

    Windows(INDArray input, int[] kernel, int[] strides) {
      kH = kernel[0];
      kW = kernel[1];
      sH = strides[0];
      sW = strides[1];
      int inH = (int) input.size(2);
      inW = (int) input.size(3);
      if (kH < 1 || kW < 1 || sH < 1 || sW < 1 || kH > inH || kW > inW) {
        throw new IllegalArgumentException(
            "max pooling: a "
                + kH
                + "x"
                + kW
                + " window at stride "
                + sH
                + "x"
                + sW
                + " does not fit a "
                + inH
                + "x"
                + inW
                + " plane");
      }
      outH = (inH - kH) / sH + 1;
      outW = (inW - kW) / sW + 1;
    }

    boolean isTwoByTwo() {
      return kH == 2 && kW == 2 && sH == 2 && sW == 2;
    }

    /** The index in the plane of window (oy, ox)'s maximum: the first in row-major order. */
    int argmax(float[] plane, int oy, int ox) {
      int start = oy * sH * inW + ox * sW;
      int best = start;
      float max = plane[start];
      for (int ky = 0; ky < kH; ky++) {
        int row = start + ky * inW;
        for (int kx = 0; kx < kW; kx++) {
          if (plane[row + kx] > max) {
            max = plane[row + kx];
            best = row + kx;
          }
        }
      }
      return best;
    }
  }
}
