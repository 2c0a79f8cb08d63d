package io.bnsweep.diagnostics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Folds each BatchNorm layer that directly follows a linear convolution into that convolution's
 * weights and bias, giving a network with the same inference-mode outputs and fewer layers.
 *
 * <p>At inference BatchNorm is the per-channel affine map {@code y = (x - mean) * s + beta} with
 * {@code s = gamma / sqrt(var + eps)}, using its running mean and variance; after a linear conv
 * {@code x = W * in + b} it is one convolution with {@code W' = W * s} (per output channel) and
 * {@code b' = (b - mean) * s + beta}. DL4J stores the running variance as {@code log10(std)} by
 * default ({@code useLogStd}), with {@code var = std^2} and {@code eps} added at use; both forms
 * are read. Placement {@code before} (conv -> BN -> act) folds every BatchNorm; {@code extra} (conv
 * -> BN -> act -> BN) folds the first of each block, the second follows the nonlinearity and stays;
 * {@code none} and {@code after} have nothing to fold. Graphs are folded by {@link
 * GraphBatchNormFolding}, with the same arithmetic ({@link #fold(Map, BatchNormalization, Map)}).
 */
final class BatchNormFolding {
  private BatchNormFolding() {}

  /** True if at least one BatchNorm layer of {@code net} can be folded. */
  static boolean canFold(MultiLayerNetwork net) {
    MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
    for (int i = 0; i < conf.getConfs().size(); i++) {
      if (foldable(conf, i)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A new network equal to {@code net} in inference mode, with every foldable BatchNorm layer
   * folded into the convolution before it; {@code net} is not changed.
   */
  static MultiLayerNetwork fold(MultiLayerNetwork net) {
    MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
    int n = conf.getConfs().size();
    List<NeuralNetConfiguration> kept = new ArrayList<>();
    Map<Integer, InputPreProcessor> preProcessors = new HashMap<>();
    int[] newIndex = new int[n];
    for (int i = 0; i < n; i++) {
      if (foldable(conf, i)) {
        newIndex[i] = -1;
        continue;
      }
      newIndex[i] = kept.size();
      NeuralNetConfiguration layerConf = conf.getConf(i).clone();
      if (i + 1 < n && foldable(conf, i + 1)) {
        ((ConvolutionLayer) layerConf.getLayer()).setHasBias(true);
      }
      kept.add(layerConf);
      InputPreProcessor pre = conf.getInputPreProcess(i);
      if (pre != null) {
        preProcessors.put(newIndex[i], pre.clone());
      }
    }
    MultiLayerNetwork folded =
        new MultiLayerNetwork(
            new MultiLayerConfiguration.Builder()
                .confs(kept)
                .inputPreProcessors(preProcessors)
                .dataType(conf.getDataType())
                .cacheMode(conf.getCacheMode())
                .build());
    folded.init();
    for (int i = 0; i < n; i++) {
      if (newIndex[i] < 0) {
        continue;
      }
      if (i + 1 < n && foldable(conf, i + 1)) {
        foldInto(net, i, i + 1, folded, newIndex[i]);
      } else {
        for (Map.Entry<String, INDArray> p : net.getLayer(i).paramTable().entrySet()) {
          folded.setParam(newIndex[i] + "_" + p.getKey(), p.getValue());
        }
      }
    }
    return folded;
  }

  /**
   * True if layer {@code i} is a BatchNorm over NCHW channels with learned scale and shift,
   * directly after a linear NCHW {@link ConvolutionLayer} with no pre-processor in between.
   */
  static boolean foldable(MultiLayerConfiguration conf, int i) {
    return i > 0
        && conf.getInputPreProcess(i) == null
        && foldable(conf.getConf(i - 1).getLayer(), conf.getConf(i).getLayer());
  }

  /**
   * True if {@code next} is a BatchNorm over NCHW channels with learned scale and shift and {@code
   * conv} a linear NCHW {@link ConvolutionLayer} (exactly that class), so that {@code next} applied
   * to {@code conv}'s output can be folded into it.
   */
  static boolean foldable(Layer conv, Layer next) {
    if (!(next instanceof BatchNormalization bn) || conv.getClass() != ConvolutionLayer.class) {
      return false;
    }
    ConvolutionLayer linear = (ConvolutionLayer) conv;
    return !bn.isLockGammaBeta()
        && bn.getCnn2DFormat() == CNN2DFormat.NCHW
        && linear.getCnn2dDataFormat() == CNN2DFormat.NCHW
        && linear.getActivationFn() instanceof ActivationIdentity;
  }

  private static void foldInto(
      MultiLayerNetwork net, int convIndex, int bnIndex, MultiLayerNetwork folded, int target) {
    INDArray[] weightsAndBias =
        fold(
            net.getLayer(convIndex).paramTable(),
            (BatchNormalization) net.getLayerWiseConfigurations().getConf(bnIndex).getLayer(),
            net.getLayer(bnIndex).paramTable());
    folded.setParam(target + "_" + ConvolutionParamInitializer.WEIGHT_KEY, weightsAndBias[0]);
    folded.setParam(target + "_" + ConvolutionParamInitializer.BIAS_KEY, weightsAndBias[1]);
  }

  /**
   * The weights and bias (shape {@code [1, channels]}) of the convolution with parameters {@code
   * convParams} (with or without a bias) followed by the BatchNorm {@code bn} with parameters
   * {@code bnParams}, in inference mode; neither parameter map is changed.
   */
  static INDArray[] fold(
      Map<String, INDArray> convParams, BatchNormalization bn, Map<String, INDArray> bnParams) {
    float[] gamma = Values.of(bnParams.get(BatchNormalizationParamInitializer.GAMMA));
    float[] beta = Values.of(bnParams.get(BatchNormalizationParamInitializer.BETA));
    float[] mean = Values.of(bnParams.get(BatchNormalizationParamInitializer.GLOBAL_MEAN));
    double[] variance = variance(bn, bnParams);

    INDArray weights = convParams.get(ConvolutionParamInitializer.WEIGHT_KEY).dup('c');
    INDArray biasArray = convParams.get(ConvolutionParamInitializer.BIAS_KEY);
    float[] bias = biasArray == null ? new float[gamma.length] : Values.of(biasArray);
    float[] foldedBias = new float[gamma.length];
    for (int c = 0; c < gamma.length; c++) {
      double scale = gamma[c] / Math.sqrt(variance[c] + bn.getEps());
      weights.slice(c).muli(scale);
      foldedBias[c] = (float) ((bias[c] - mean[c]) * scale + beta[c]);
    }
    return new INDArray[] {
      weights, Nd4j.create(foldedBias, new long[] {1, gamma.length}, weights.dataType())
    };
  }

  /** The running variance, without {@code eps}, from whichever form the layer stores. */
  private static double[] variance(BatchNormalization bn, Map<String, INDArray> params) {
    float[] stored =
        Values.of(
            params.get(
                bn.isUseLogStd()
                    ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                    : BatchNormalizationParamInitializer.GLOBAL_VAR));
    double[] variance = new double[stored.length];
    for (int c = 0; c < stored.length; c++) {
      variance[c] = bn.isUseLogStd() ? Math.pow(10, 2.0 * stored[c]) : stored[c];
    }
    return variance;
  }
}
