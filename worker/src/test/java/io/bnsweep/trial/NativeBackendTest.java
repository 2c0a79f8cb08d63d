package io.bnsweep.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.data.InputShape;
import io.bnsweep.network.NetworkFactory;
import io.bnsweep.testing.BuiltInLayers;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NativeBackendTest {
  private static final int CLASSES = 10;

  private static final int SIDE = 12;
  private static final int BATCH = 8;

  @Test
  void theOneDnnBuildIsLoadedAndItsHelpersRun() {
    assertEquals(NativeBackend.ONEDNN, System.getProperty(NativeBackend.EXTENSION_PROPERTY));
    assertTrue(NativeBackend.helpersActive(), "DL4J's oneDNN helpers are on");
    assertTrue(ProvenanceProbe.current(1).nd4jBackend().endsWith("+oneDNN"));
  }

  /**
   * The oneDNN layers compute what DL4J's own layers compute: the same loss and the same gradient
   * of every parameter, in training mode (batch statistics), for the placement with the most layers
   * of each kind.
   */
  @Test
  void oneDnnLayersGiveDl4jsLossAndGradients() {
    MultiLayerConfiguration conf =
        NetworkFactory.configuration(
            Variant.of(Placement.EXTRA, ActivationKind.TANH), new InputShape(1, SIDE, SIDE, 10), 7);
    MultiLayerNetwork onednn = new MultiLayerNetwork(conf.clone());
    onednn.init();
    MultiLayerNetwork builtIn = BuiltInLayers.network(conf);
    builtIn.setParams(onednn.params().dup());

    assertNotNull(((ConvolutionLayer) onednn.getLayer(0)).getHelper(), "conv helper");
    assertNotNull(((BatchNormalization) onednn.getLayer(1)).getHelper(), "BatchNorm helper");
    assertNotNull(((SubsamplingLayer) onednn.getLayer(4)).getHelper(), "pooling helper");
    assertNull(((ConvolutionLayer) builtIn.getLayer(0)).getHelper(), "reference has none");

    Nd4j.getRandom().setSeed(11);
    INDArray features = Nd4j.rand(DataType.FLOAT, BATCH, 1, SIDE, SIDE);
    INDArray labels = Nd4j.zeros(DataType.FLOAT, BATCH, CLASSES);
    for (int i = 0; i < BATCH; i++) {
      labels.putScalar(i, i % CLASSES, 1f);
    }
    double onednnLoss = BuiltInLayers.lossAfterBackprop(onednn, features, labels);
    double builtInLoss = BuiltInLayers.lossAfterBackprop(builtIn, features, labels);
    assertEquals(builtInLoss, onednnLoss, 1e-5, "loss");
    INDArray expected = builtIn.gradient().gradient();
    INDArray actual = onednn.gradient().gradient();
    double scale = expected.norm2Number().doubleValue();
    double error = actual.sub(expected).norm2Number().doubleValue();
    assertTrue(scale > 0, "the gradient is not trivially zero");
    assertTrue(error <= 1e-4 * scale, "relative gradient error " + error / scale);
  }
}
