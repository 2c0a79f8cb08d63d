package io.bnsweep.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.bnsweep.data.InputShape;
import io.bnsweep.kernel.BatchNormKernel;
import io.bnsweep.kernel.FirstConvKernel;
import io.bnsweep.kernel.Kernels;
import io.bnsweep.kernel.TanhKernel;
import io.bnsweep.network.Network;
import io.bnsweep.network.NetworkFactory;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class LocalFitterTest {
  /**
   * A trial trains with bnsweep's kernels: the first convolution's, every BatchNorm's and tanh's.
   */
  @Test
  void theTrialsNetworkRunsTheKernels() {
    Network network =
        new LocalFitter(
                NetworkFactory.architecture(
                    Variant.of(Placement.EXTRA, ActivationKind.TANH),
                    new InputShape(1, 28, 28, 10),
                    3))
            .network();
    MultiLayerNetwork net = ((Network.Stack) network).net();
    assertInstanceOf(FirstConvKernel.class, net.getLayer(0).getHelper());
    int batchNorms = 0;
    int activations = 0;
    for (Layer layer : net.getLayers()) {
      if (layer instanceof BatchNormalization bn) {
        assertInstanceOf(BatchNormKernel.class, bn.getHelper(), "layer " + layer.getIndex());
        batchNorms++;
      }
      if (layer instanceof ActivationLayer activation) {
        assertInstanceOf(TanhKernel.class, activation.layerConf().getActivationFn());
        activations++;
      }
    }
    assertEquals(4, batchNorms, "extra: two BatchNorm layers per conv block");
    assertEquals(2, activations, "one activation layer per conv block");
    assertEquals("first-conv, batch-norm x4, tanh x2, max-pool x2, conv", Kernels.describe(net));
  }
}
