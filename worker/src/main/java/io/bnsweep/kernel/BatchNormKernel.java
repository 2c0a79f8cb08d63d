package io.bnsweep.kernel;

import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BatchNorm of NCHW float activations for DL4J's {@code BatchNormalization} layer, in plain Java
 * loops over the (example, channel) planes, each of which is contiguous in NCHW.
 *
 * <p>Why: DL4J M2's oneDNN helper computes the batch statistics with ND4J's generic reductions over
 * dimensions (0, 2, 3) and its backward pass with {@code batchnorm_bp}, which corrects oneDNN's
 * fixed-statistics gradient in generic loops; together they were a quarter to a third of a training
 * step of the default network. Here the forward pass reads the input twice (mean, then the centred
 * sum of squares) and writes it once; the backward pass reads input and gradient twice and writes
 * once. Sums over a plane are kept in four float accumulators and added per channel in double.
 *
 * <p>The contract is DL4J's: in training mode {@link #preOutput} normalises with the batch
 * statistics and keeps them ({@link #getMeanCache}, {@link #getVarCache}: the biased variance),
 * from which the layer updates its running mean and variance after {@link #backpropGradient}; in
 * inference mode it normalises with the running statistics it is given. Returning {@code null} (any
 * other layout or data type) sends the layer to its built-in path.
 */
public final class BatchNormKernel implements BatchNormalizationHelper {
  private static final int LANES = 4;

  private INDArray meanCache;
  private INDArray varCache;
  private float[] batchMean = new float[0];
  private float[] batchInvStd = new float[0];
  private float[] row = new float[0];
  private float[] row2 = new float[0];

  @Override
  public boolean checkSupported() {
    return true;
  }

  @Override
  public boolean checkSupported(double eps, boolean fixedGammaBeta) {
    return !fixedGammaBeta;
  }

  private final KernelCalls calls = new KernelCalls();

  /** The calls this kernel served and declined so far. */
  KernelUse use() {
    return calls.use();
  }

  @Override
  public INDArray preOutput(
      INDArray x,
      boolean training,
      long[] shape,
      INDArray gamma,
      INDArray beta,
      INDArray mean,
      INDArray var,
      double decay,
      double eps,
      CNN2DFormat format,
      LayerWorkspaceMgr workspaceMgr) {
    return calls.count(
        forward(x, training, shape, gamma, beta, mean, var, decay, eps, format, workspaceMgr));
  }

  private INDArray forward(
      INDArray x,
      boolean training,
      long[] shape,
      INDArray gamma,
      INDArray beta,
      INDArray mean,
      INDArray var,
      double decay,
      double eps,
      CNN2DFormat format,
      LayerWorkspaceMgr workspaceMgr) {
    if (!supported(x, format) || gamma == null || beta == null) {
      return null;
    }
    Planes in = Planes.reading(x);
    float[] m;
    float[] v;
    if (training) {
      m = new float[in.channels];
      v = new float[in.channels];
      statistics(in, m, v);
      keepBatchStatistics(m, v, eps);
    } else {
      m = mean.toFloatVector();
      v = var.toFloatVector();
    }
    float[] g = gamma.toFloatVector();
    float[] b = beta.toFloatVector();
    float[] scale = new float[in.channels];
    float[] shift = new float[in.channels];
    for (int c = 0; c < in.channels; c++) {
      scale[c] = (float) (g[c] / Math.sqrt(v[c] + eps));
      shift[c] = b[c] - m[c] * scale[c];
    }
    INDArray out =
        workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
    Planes y = Planes.writing(out);
    float[] src = row = Planes.atLeast(row, in.size);
    for (int p = 0; p < in.count; p++) {
      int c = p % in.channels;
      float k = scale[c];
      float s = shift[c];
      in.read(p, src);
      for (int i = 0; i < in.size; i++) {
        src[i] = src[i] * k + s;
      }
      y.write(p, src);
    }
    return out;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(
      INDArray input,
      INDArray epsilon,
      long[] shape,
      INDArray gamma,
      INDArray beta,
      INDArray dGammaView,
      INDArray dBetaView,
      double eps,
      CNN2DFormat format,
      LayerWorkspaceMgr workspaceMgr) {
    return calls.count(
        backward(
            input, epsilon, shape, gamma, beta, dGammaView, dBetaView, eps, format, workspaceMgr));
  }

  private Pair<Gradient, INDArray> backward(
      INDArray input,
      INDArray epsilon,
      long[] shape,
      INDArray gamma,
      INDArray beta,
      INDArray dGammaView,
      INDArray dBetaView,
      double eps,
      CNN2DFormat format,
      LayerWorkspaceMgr workspaceMgr) {
    if (!supported(input, format) || gamma == null) {
      return null;
    }
    if (batchMean.length != input.size(1)) {
      throw new IllegalStateException("BatchNorm backward pass without a training forward pass");
    }
    Planes x = Planes.reading(input);
    Planes dy = Planes.reading(epsilon);
    int channels = x.channels;
    double[] sumDy = new double[channels];
    double[] sumDyXc = new double[channels];
    float[] xs = row = Planes.atLeast(row, x.size);
    float[] gs = row2 = Planes.atLeast(row2, x.size);
    for (int p = 0; p < x.count; p++) {
      int c = p % channels;
      x.read(p, xs);
      dy.read(p, gs);
      sumDy[c] += sum(gs, x.size);
      sumDyXc[c] += sumOfProductsCentred(gs, xs, x.size, batchMean[c]);
    }
    float[] g = gamma.toFloatVector();
    double perChannel = (double) x.count / channels * x.size;
    float[] k = new float[channels];
    float[] a = new float[channels];
    float[] b = new float[channels];
    for (int c = 0; c < channels; c++) {
      double invStd = batchInvStd[c];
      double kc = g[c] * invStd;
      double ac = -kc * invStd * invStd * sumDyXc[c] / perChannel;
      k[c] = (float) kc;
      a[c] = (float) ac;
      b[c] = (float) (-kc * sumDy[c] / perChannel - ac * batchMean[c]);
      dGammaView.putScalar(c, sumDyXc[c] * invStd);
      dBetaView.putScalar(c, sumDy[c]);
    }
    INDArray dx =
        workspaceMgr.createUninitialized(
            ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
    Planes out = Planes.writing(dx);
    for (int p = 0; p < x.count; p++) {
      int c = p % channels;
      float kc = k[c];
      float ac = a[c];
      float bc = b[c];
      x.read(p, xs);
      dy.read(p, gs);
      for (int i = 0; i < x.size; i++) {
        gs[i] = kc * gs[i] + ac * xs[i] + bc;
      }
      out.write(p, gs);
    }
    Gradient gradient = new DefaultGradient();
    gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
    gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
    return new Pair<>(gradient, dx);
  }

  @Override
  public INDArray getMeanCache(DataType dataType) {
    return meanCache;
  }

  @Override
  public INDArray getVarCache(DataType dataType) {
    return varCache;
  }

  @Override
  public Map<String, Long> helperMemoryUse() {
    return Map.of();
  }

  private static boolean supported(INDArray x, CNN2DFormat format) {
    // a dense layer's BatchNorm reaches the helper as n x c x 1 x 1, with strides of its own for
    // the unit dimensions: declined (and counted), so DL4J's built-in path runs it
    return x.rank() == 4
        && x.size(2) * x.size(3) > 1
        && format == CNN2DFormat.NCHW
        && x.dataType() == DataType.FLOAT
        && x.length() <= Integer.MAX_VALUE;
  }

  /** Per-channel mean and biased variance over examples and positions, in two passes. */
  private void statistics(Planes in, float[] mean, float[] var) {
    int channels = in.channels;
    double perChannel = (double) in.count / channels * in.size;
    double[] sum = new double[channels];
    float[] src = row = Planes.atLeast(row, in.size);
    for (int p = 0; p < in.count; p++) {
      in.read(p, src);
      sum[p % channels] += sum(src, in.size);
    }
    for (int c = 0; c < channels; c++) {
      mean[c] = (float) (sum[c] / perChannel);
    }
    double[] squares = new double[channels];
    for (int p = 0; p < in.count; p++) {
      in.read(p, src);
      squares[p % channels] += sumOfSquares(src, in.size, mean[p % channels]);
    }
    for (int c = 0; c < channels; c++) {
      var[c] = (float) (squares[c] / perChannel);
    }
  }

  private static float sum(float[] v, int n) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    for (; i + LANES <= n; i += LANES) {
      s0 += v[i];
      s1 += v[i + 1];
      s2 += v[i + 2];
      s3 += v[i + 3];
    }
    for (; i < n; i++) {
      s0 += v[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  private static float sumOfSquares(float[] v, int n, float mu) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    for (; i + LANES <= n; i += LANES) {
      float d0 = v[i] - mu;
      float d1 = v[i + 1] - mu;
      float d2 = v[i + 2] - mu;
      float d3 = v[i + 3] - mu;
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    for (; i < n; i++) {
      float d = v[i] - mu;
      s0 += d * d;
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** The sum of {@code dy[i] * (x[i] - mu)} over the first {@code n} elements. */
  private static float sumOfProductsCentred(float[] dy, float[] x, int n, float mu) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    for (; i + LANES <= n; i += LANES) {
      s0 += dy[i] * (x[i] - mu);
      s1 += dy[i + 1] * (x[i + 1] - mu);
      s2 += dy[i + 2] * (x[i + 2] - mu);
      s3 += dy[i + 3] * (x[i + 3] - mu);
    }
    for (; i < n; i++) {
      s0 += dy[i] * (x[i] - mu);
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Keeps the batch statistics for the backward pass and for DL4J's running averages. */
  private void keepBatchStatistics(float[] mean, float[] var, double eps) {
    batchMean = mean;
    batchInvStd = new float[var.length];
    for (int c = 0; c < var.length; c++) {
      batchInvStd[c] = (float) (1 / Math.sqrt(var[c] + eps));
    }
    if (meanCache == null || meanCache.length() != mean.length) {
      // outlives the workspace of the step that computed it: DL4J reads it after backprop
      meanCache = Nd4j.createUninitializedDetached(DataType.FLOAT, mean.length);
      varCache = Nd4j.createUninitializedDetached(DataType.FLOAT, var.length);
    }
    meanCache.data().setData(mean);
    varCache.data().setData(var);
  }
}
