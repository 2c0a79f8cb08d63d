package io.bnsweep.variant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationTanH;

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
            new Variant(Placement.parse(placement), ActivationKind.RELU),
            NetworkShape.DEFAULT,
            28,
            28,
            1e-3,
            42);

    assertEquals(List.of(expected.split(" ")), layerKinds(conf));
  }

  @Test
  void convolutionsAreLinearAndTheNonlinearityIsItsOwnLayer() {
    MultiLayerConfiguration conf =
        NetworkFactory.configuration(
            new Variant(Placement.AFTER, ActivationKind.TANH),
            new NetworkShape(List.of(4, 8, 8), 3),
            28,
            28,
            1e-3,
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
                    new Variant(Placement.NONE, ActivationKind.RELU),
                    new NetworkShape(List.of(8, 8, 8, 8), 3),
                    28,
                    28,
                    1e-3,
                    1));
    assertEquals(
        "28x28 images are too small for 4 blocks of 3x3 conv and 2x2 pooling", e.getMessage());
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
}
