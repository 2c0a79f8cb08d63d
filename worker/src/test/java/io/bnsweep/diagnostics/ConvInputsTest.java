package io.bnsweep.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bnsweep.diagnostics.EpochDiagnostics.LayerInput;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ConvInputsTest {
  /**
   * The conv inputs of {@code net}, after making its second conv {@code 2x + 1}, so that reading
   * that conv's output instead of its input would show.
   */
  private static List<LayerInput> measure(MultiLayerNetwork net, INDArray images) {
    int second = secondConv(net);
    net.setParam(second + "_W", Nd4j.valueArrayOf(new long[] {1, 1, 1, 1}, 2.0, DataType.FLOAT));
    net.setParam(second + "_b", Nd4j.valueArrayOf(new long[] {1, 1}, 1.0, DataType.FLOAT));
    return ConvInputs.measure(
        new LayerKinds(net.getLayerWiseConfigurations()), net.feedForward(images, false));
  }

  private static int secondConv(MultiLayerNetwork net) {
    LayerKinds layers = new LayerKinds(net.getLayerWiseConfigurations());
    for (int i = 0; i < layers.size(); i++) {
      if (layers.isConv(i) && layers.block(i) == 2) {
        return i;
      }
    }
    throw new AssertionError("no second conv");
  }

  @Test
  void secondConvSeesThePooledReluOfTheImageWorkedOutByHand() {
    // none/relu with identity convs: the second conv's input is max-pool(relu(image)):
    // windows {1,-2,-1,.5} {3,0,-3,-4} {2,2,0,4} {-1,-1,-2,5} -> 1, 3, 4, 5
    double[][][] image = {{{1, -2, 3, 0}, {-1, 0.5, -3, -4}, {2, 2, -1, -1}, {0, 4, -2, 5}}};
    MultiLayerNetwork net = TinyNetworks.identityConvs(Placement.NONE, ActivationKind.RELU, 4);

    List<LayerInput> inputs = measure(net, TinyNetworks.images(image));

    assertEquals(1, inputs.size());
    assertEquals(3, inputs.get(0).layer());
    assertEquals(2, inputs.get(0).block());
    assertEquals(3.25, inputs.get(0).mean(), 1e-6);
    assertEquals(
        Math.sqrt((2.25 * 2.25 + 0.25 * 0.25 + 0.75 * 0.75 + 1.75 * 1.75) / 4),
        inputs.get(0).std(),
        1e-6);
  }

  @ParameterizedTest
  @CsvSource({
    "none, relu", "before, relu", "after, relu", "extra, relu",
    "none, tanh", "before, tanh", "after, tanh", "extra, tanh",
  })
  void secondConvInputMatchesTheBlockComputedInPlainJava(String placement, String activation) {
    Placement p = Placement.parse(placement);
    ActivationKind a = ActivationKind.parse(activation);
    double[][][] images = randomImages(3, 4, 11);
    MultiLayerNetwork net = TinyNetworks.identityConvs(p, a, 4);

    LayerInput input = measure(net, TinyNetworks.images(images)).get(0);

    double[] expected = expectedMoments(p, a, images);
    assertEquals(2 + p.block().size(), input.layer());
    assertEquals(expected[0], input.mean(), 1e-5);
    assertEquals(expected[1], input.std(), 1e-5);
  }

  /** Mean and population std of max-pool(block(pixel)) over all examples and windows. */
  private static double[] expectedMoments(Placement p, ActivationKind a, double[][][] images) {
    DoubleUnaryOperator act = a == ActivationKind.RELU ? v -> Math.max(0, v) : Math::tanh;
    DoubleUnaryOperator bn =
        v ->
            (v - TinyNetworks.MEAN)
                    / Math.sqrt(TinyNetworks.VARIANCE + TinyNetworks.EPS)
                    * TinyNetworks.GAMMA
                + TinyNetworks.BETA;
    double sum = 0;
    double squares = 0;
    int count = 0;
    for (double[][] image : images) {
      for (int r = 0; r < 4; r += 2) {
        for (int c = 0; c < 4; c += 2) {
          double max = Double.NEGATIVE_INFINITY;
          for (int dr = 0; dr < 2; dr++) {
            for (int dc = 0; dc < 2; dc++) {
              double v = image[r + dr][c + dc];
              for (Placement.Step step : p.block()) {
                v = (step == Placement.Step.BATCH_NORM ? bn : act).applyAsDouble(v);
              }
              max = Math.max(max, v);
            }
          }
          sum += max;
          squares += max * max;
          count++;
        }
      }
    }
    double mean = sum / count;
    return new double[] {mean, Math.sqrt(squares / count - mean * mean)};
  }

  private static double[][][] randomImages(int n, int side, long seed) {
    Random random = new Random(seed);
    double[][][] images = new double[n][side][side];
    for (double[][] image : images) {
      for (double[] row : image) {
        for (int c = 0; c < side; c++) {
          row[c] = (float) (4 * random.nextDouble() - 2);
        }
      }
    }
    return images;
  }
}
