package io.bnsweep.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.axis.Axes;
import io.bnsweep.data.InputShape;
import io.bnsweep.testing.BuiltInLayers;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Optimizer;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.List;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

class NetworkFactoryTest {
  @ParameterizedTest
  @CsvSource({
    "none,   Conv Act Pool Conv Act Pool Out",
    "before, Conv BN Act Pool Conv BN Act Pool Out",
    "after,  Conv Act BN Pool Conv Act BN Pool Out",
    "extra,  Conv BN Act BN Pool Conv BN Act BN Pool Out",
  })
  void buildsTheLayerOrderOfEachPlacement(String placement, String expected) {
    MultiLayerConfiguration conf =
        NetworkFactory.configuration(
            Variant.of(Placement.parse(placement), ActivationKind.RELU),
            new InputShape(1, 28, 28, 10),
            42);

    assertEquals(List.of(expected.split(" ")), layerKinds(conf));
  }

  @Test
  void convolutionsAreLinearAndTheNonlinearityIsItsOwnLayer() {
    MultiLayerConfiguration conf =
        NetworkFactory.configuration(
            new NetworkShape(List.of(4, 8, 8), 3)
                .applyTo(Variant.of(Placement.AFTER, ActivationKind.TANH)),
            new InputShape(1, 28, 28, 10),
            1);

    for (NeuralNetConfiguration layerConf : conf.getConfs()) {
      Layer layer = layerConf.getLayer();
      if (layer instanceof ConvolutionLayer conv) {
        assertEquals(ActivationIdentity.class, conv.getActivationFn().getClass());
      }
      if (layer instanceof ActivationLayer act) {
        assertEquals(ActivationTanH.class, act.getActivationFn().getClass());
      }
    }
    assertEquals(3 * 4 + 1, conf.getConfs().size());
  }

  @Test
  void rejectsImagesTooSmallForTheBlocks() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                NetworkFactory.configuration(
                    new NetworkShape(List.of(8, 8, 8, 8), 3)
                        .applyTo(Variant.of(Placement.NONE, ActivationKind.RELU)),
                    new InputShape(1, 28, 28, 10),
                    1));
    assertEquals(
        "network.channels: [8, 8, 8, 8] makes 4 blocks of 3x3 conv and 2x2 pooling, which do not"
            + " fit 28x28 images",
        e.getMessage());
  }

  private static List<String> layerKinds(MultiLayerConfiguration conf) {
    return conf.getConfs().stream()
        .map(c -> c.getLayer().getClass().getSimpleName())
        .map(
            name ->
                switch (name) {
                  case "ConvolutionLayer" -> "Conv";
                  case "BatchNormalization" -> "BN";
                  case "ActivationLayer" -> "Act";
                  case "SubsamplingLayer" -> "Pool";
                  case "OutputLayer" -> "Out";
                  default -> name;
                })
        .toList();
  }

  /**
   * The cached convolution output ({@link NetworkFactory#CACHE}) gives the gradients recomputing it
   * gives, including on the step after an update, when a stale cache would show.
   */
  @Test
  void cachingTheConvolutionOutputKeepsTheGradients() {
    MultiLayerConfiguration cached =
        NetworkFactory.configuration(
            new NetworkShape(List.of(3, 4), 3)
                .applyTo(Variant.of(Placement.BEFORE, ActivationKind.TANH))
                .with(Axes.LEARNING_RATE, 1e-2),
            new InputShape(1, 12, 12, 10),
            5);
    assertEquals(CacheMode.DEVICE, cached.getCacheMode());
    MultiLayerConfiguration recomputed = cached.clone();
    recomputed.setCacheMode(CacheMode.NONE);
    MultiLayerNetwork a = new MultiLayerNetwork(cached);
    a.init();
    MultiLayerNetwork b = new MultiLayerNetwork(recomputed);
    b.init();
    b.setCacheMode(CacheMode.NONE);
    b.setParams(a.params().dup());
    for (long seed = 1; seed <= 3; seed++) {
      Nd4j.getRandom().setSeed(seed);
      INDArray x = Nd4j.rand(DataType.FLOAT, 6, 1, 12, 12);
      INDArray y = Nd4j.zeros(DataType.FLOAT, 6, 10);
      for (int i = 0; i < 6; i++) {
        y.putScalar(i, (i + seed) % 10, 1f);
      }
      assertEquals(
          BuiltInLayers.lossAfterBackprop(b, x, y),
          BuiltInLayers.lossAfterBackprop(a, x, y),
          1e-6,
          "loss, step " + seed);
      assertEquals(b.gradient().gradient(), a.gradient().gradient(), "gradient, step " + seed);
      a.fit(new DataSet(x, y));
      b.fit(new DataSet(x, y));
    }
  }

  @Test
  void weightDecayRegularisesConvAndDenseWeightsOnlyNotBiasesOrBatchNorm() {
    MultiLayerConfiguration conf =
        NetworkFactory.configuration(
            Variant.of(Placement.EXTRA, ActivationKind.RELU).with(Axes.WEIGHT_DECAY, 5e-4),
            new InputShape(1, 28, 28, 10),
            1);

    int weights = 0;
    for (NeuralNetConfiguration layerConf : conf.getConfs()) {
      Layer layer = layerConf.getLayer();
      if (layer instanceof ConvolutionLayer || layer instanceof OutputLayer) {
        List<Regularization> w = layer.getRegularizationByParam("W");
        assertEquals(1, w.size(), layer.toString());
        WeightDecay decay = (WeightDecay) w.get(0);
        assertEquals(5e-4, decay.getCoeff().valueAt(0, 0), 1e-15);
        assertTrue(decay.isApplyLR(), "decoupled: scaled by the learning rate, as AdamW");
        List<Regularization> b = layer.getRegularizationByParam("b");
        assertTrue(b == null || b.isEmpty(), "no decay on biases");
        weights++;
      } else if (layer instanceof BatchNormalization) {
        for (String param : List.of("gamma", "beta")) {
          List<Regularization> r = layer.getRegularizationByParam(param);
          assertTrue(r == null || r.isEmpty(), "no decay on BatchNorm's " + param);
        }
      }
    }
    assertEquals(3, weights, "two convs and the output layer");
  }

  @Test
  void withoutWeightDecayNoLayerIsRegularised() {
    MultiLayerConfiguration conf =
        NetworkFactory.configuration(
            Variant.of(Placement.BEFORE, ActivationKind.RELU), new InputShape(1, 28, 28, 10), 1);

    for (NeuralNetConfiguration layerConf : conf.getConfs()) {
      List<Regularization> w = layerConf.getLayer().getRegularizationByParam("W");
      assertTrue(w == null || w.isEmpty(), layerConf.getLayer().toString());
    }
  }

  @ParameterizedTest
  @CsvSource({
    "adam, org.nd4j.linalg.learning.config.Adam",
    "sgd, org.nd4j.linalg.learning.config.Sgd",
    "nesterov, org.nd4j.linalg.learning.config.Nesterovs",
    "rmsprop, org.nd4j.linalg.learning.config.RmsProp"
  })
  void theOptimizerAxisChoosesTheUpdaterAtTheLearningRate(String name, String updater)
      throws ClassNotFoundException {
    MultiLayerConfiguration conf =
        NetworkFactory.configuration(
            Variant.of(Placement.BEFORE, ActivationKind.RELU)
                .with(Axes.OPTIMIZER, Optimizer.named(name))
                .with(Axes.LEARNING_RATE, 0.05),
            new InputShape(1, 28, 28, 10),
            1);

    Layer first = conf.getConf(0).getLayer();
    IUpdater u = ((BaseLayer) first).getIUpdater();
    assertInstanceOf(Class.forName(updater), u);
    assertEquals(0.05, u.getLearningRate(0, 0), 1e-15);
  }

  @Test
  void nesterovKeepsItsMomentum() {
    Nesterovs u = (Nesterovs) Optimizer.named("nesterov").updater(0.1);
    assertEquals(0.9, u.getMomentum(), 0);
  }
}
