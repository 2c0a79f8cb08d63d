package io.bnsweep.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The places where a float network and the same network in double may rightly send a gradient to
 * different units, because the network is not differentiable there: a ReLU at 0 and a max-pool
 * window with two largest inputs. Comparing the two networks' gradients there measures which
 * subgradient each picked, not rounding, so the equivalence tests hold a case with such places to
 * looser tolerances, and never call a network accurate or inaccurate for the choice it made.
 *
 * <ul>
 *   <li>A <b>kink crossed</b>: the float network decided otherwise than double, a ReLU unit on the
 *       other side of 0 or a max-pool window with another maximum. Its margin is how far from the
 *       kink it is in double (the unit's input, or the gap between the two inputs); float rounding
 *       is enough to cross it only if that margin is tiny, which the tests check.
 *   <li>A <b>tie</b>: in double the unit's input is exactly 0, or the window's two largest inputs
 *       are equal (for example a flat patch). Any choice is then a valid subgradient in any
 *       precision, and which one an implementation takes (first, last, whichever its SIMD lanes
 *       meet first) is not specified: the double network's choice is no reference. A window of
 *       zeros (after a ReLU) is no tie: whichever zero takes the gradient passes none back.
 * </ul>
 */
final class Kinks {
  private Kinks() {}

  /** A kink crossed: where, and how far from it the network is in double. */
  record Kink(String where, double margin) {}

  /** The kinks a float network crossed, and the ties in double per layer (how many). */
  record Found(List<Kink> crossed, Map<String, Integer> ties) {
    /** No kink crossed and no tie: the comparison with double is one of rounding alone. */
    boolean none() {
      return crossed.isEmpty() && ties.isEmpty();
    }

    @Override
    public String toString() {
      return "kinks crossed " + crossed + ", ties " + ties;
    }
  }

  /** The kinks and ties of a stack on {@code x} (a training-mode forward pass of each network). */
  static Found of(MultiLayerNetwork net, MultiLayerNetwork exact, INDArray x) {
    List<INDArray> floats = net.feedForward(x, true);
    List<INDArray> doubles = exact.feedForward(x.castTo(DataType.DOUBLE), true);
    Found found = new Found(new ArrayList<>(), new LinkedHashMap<>());
    for (int i = 0; i < net.getnLayers(); i++) {
      // element i of feedForward is layer i's input
      inspect("layer " + i, net.getLayer(i), doubles.get(i), floats.get(i), found);
    }
    return found;
  }

  /** {@link #of(MultiLayerNetwork, MultiLayerNetwork, INDArray)} for a graph, vertex by vertex. */
  static Found of(ComputationGraph net, ComputationGraph exact, INDArray x) {
    Map<String, INDArray> floats = net.feedForward(x, true);
    Map<String, INDArray> doubles = exact.feedForward(x.castTo(DataType.DOUBLE), true);
    Map<String, List<String>> inputs = net.getConfiguration().getVertexInputs();
    Found found = new Found(new ArrayList<>(), new LinkedHashMap<>());
    for (GraphVertex vertex : net.getVertices()) {
      if (vertex.hasLayer()) {
        String name = vertex.getVertexName();
        List<String> in = inputs.get(name);
        assertEquals(1, in.size(), name + " has one input");
        inspect(name, vertex.getLayer(), doubles.get(in.get(0)), floats.get(in.get(0)), found);
      }
    }
    return found;
  }

  private static void inspect(String name, Layer layer, INDArray in, INDArray fin, Found found) {
    if (layer instanceof ActivationLayer act
        && act.layerConf().getActivationFn() instanceof ActivationReLU) {
      double[] d = in.dup('c').data().asDouble();
      float[] f = fin.dup('c').data().asFloat();
      int ties = 0;
      for (int k = 0; k < d.length; k++) {
        if (d[k] == 0) {
          ties++;
        } else if ((d[k] > 0) != (f[k] > 0)) {
          found.crossed().add(new Kink("relu of " + name, Math.abs(d[k])));
        }
      }
      if (ties > 0) {
        found.ties().put("relu of " + name, ties);
      }
    } else if (layer instanceof SubsamplingLayer pool) {
      org.deeplearning4j.nn.conf.layers.SubsamplingLayer c = pool.layerConf();
      assertEquals(PoolingType.MAX, c.getPoolingType(), "max pooling");
      assertEquals(ConvolutionMode.Truncate, c.getConvolutionMode(), "no padding");
      assertEquals("[0, 0]", Arrays.toString(c.getPadding()), "no padding");
      pool(
          "max-pool of " + name,
          in.dup('c').data().asDouble(),
          fin.dup('c').data().asFloat(),
          in.shape(),
          c.getKernelSize(),
          c.getStride(),
          found);
    }
  }

  /** Max-pool windows (NCHW, no padding): ties in double, and float maxima elsewhere. */
  private static void pool(
      String where, double[] d, float[] f, long[] shape, int[] size, int[] stride, Found found) {
    int planes = (int) (shape[0] * shape[1]);
    int h = (int) shape[2];
    int w = (int) shape[3];
    int ties = 0;
    for (int p = 0; p < planes; p++) {
      for (int y = 0; y + size[0] <= h; y += stride[0]) {
        for (int x = 0; x + size[1] <= w; x += stride[1]) {
          int atD = -1;
          int atF = -1;
          boolean tied = false;
          for (int i = 0; i < size[0]; i++) {
            for (int j = 0; j < size[1]; j++) {
              int at = (p * h + y + i) * w + x + j;
              if (atD >= 0 && d[at] == d[atD]) {
                tied = true;
              } else if (atD < 0 || d[at] > d[atD]) {
                atD = at;
                tied = false;
              }
              atF = atF < 0 || f[at] > f[atF] ? at : atF;
            }
          }
          if (tied && d[atD] != 0) {
            ties++;
          } else if (atD != atF && f[atF] != 0f) {
            // a window of zeros in double whose float maximum is not 0 follows a ReLU unit crossed
            // before it (margin 0); a window of zeros in float sends no gradient back at all
            found.crossed().add(new Kink(where, Math.abs(d[atD] - d[atF])));
          }
        }
      }
    }
    if (ties > 0) {
      found.ties().put(where, ties);
    }
  }
}
