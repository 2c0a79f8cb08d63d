package io.bnsweep.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.axis.Axes;
import io.bnsweep.data.Dataset;
import io.bnsweep.data.InputShape;
import io.bnsweep.data.LabeledImages;
import io.bnsweep.data.Normalize;
import io.bnsweep.data.Subset;
import io.bnsweep.network.NetworkShape;
import io.bnsweep.testing.Trials;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The channels reach the network: three classes that differ only in hue, at equal luminance, are
 * learnt from colour images and not from the same images converted to grey.
 */
class ColourChannelsTest {
  private static final int SIDE = 12;
  private static final int CLASSES = 3;

  /** Rec. 601 luma weights, by which the grey images are made. */
  private static final double[] LUMA = {0.299, 0.587, 0.114};

  /**
   * Class {@code k} is a noisy patch of the colour {@code 128 + 60 (cos a_k u + sin a_k v)}, with
   * {@code u} and {@code v} orthogonal to the luma weights, so each class has luma 128.
   */
  private static LabeledImages colour(int count, long seed) {
    double[] u = normalise(new double[] {LUMA[1], -LUMA[0], 0});
    double[] v = normalise(cross(LUMA, u));
    Random random = new Random(seed);
    InputShape shape = new InputShape(3, SIDE, SIDE, CLASSES);
    byte[] pixels = new byte[count * shape.imageSize()];
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = i % CLASSES;
      double a = 2 * Math.PI * labels[i] / CLASSES;
      for (int p = 0; p < shape.planeSize(); p++) {
        double noise = random.nextGaussian() * 12;
        for (int c = 0; c < 3; c++) {
          double value = 128 + 60 * (Math.cos(a) * u[c] + Math.sin(a) * v[c]) + noise;
          pixels[i * shape.imageSize() + c * shape.planeSize() + p] =
              (byte) Math.max(0, Math.min(255, Math.round(value)));
        }
      }
    }
    return new LabeledImages(shape, count, pixels, labels);
  }

  private static LabeledImages grey(LabeledImages colour) {
    InputShape shape = new InputShape(1, SIDE, SIDE, CLASSES);
    int plane = shape.planeSize();
    byte[] pixels = new byte[colour.count() * plane];
    for (int i = 0; i < colour.count(); i++) {
      for (int p = 0; p < plane; p++) {
        double y = 0;
        for (int c = 0; c < 3; c++) {
          y += LUMA[c] * (colour.pixels()[i * 3 * plane + c * plane + p] & 0xff);
        }
        pixels[i * plane + p] = (byte) Math.round(y);
      }
    }
    return new LabeledImages(shape, colour.count(), pixels, colour.labels());
  }

  private static double accuracy(Dataset data) {
    Variant variant =
        Trials.settings(
                Variant.of(Placement.BEFORE, ActivationKind.RELU),
                new NetworkShape(List.of(8, 16), 3),
                "hue",
                600,
                300,
                2,
                32,
                3e-3)
            .with(Axes.SUBSET, Subset.STRATIFIED)
            .with(Axes.NORMALIZE, Normalize.PER_CHANNEL);
    TrialResult result = new TrialRunner(key -> data, 1).run(new Trial("hue", variant, 1));
    assertTrue(result.isComplete(), result.failureReason());
    return result.testAccuracy();
  }

  @Test
  void hueAloneIsLearntFromColourAndNotFromGrey() {
    LabeledImages train = colour(600, 1);
    LabeledImages test = colour(300, 2);
    assertEquals(new InputShape(3, SIDE, SIDE, CLASSES), train.shape());

    double fromColour = accuracy(new Dataset("hue", train, test));
    double fromGrey = accuracy(new Dataset("hue", grey(train), grey(test)));

    assertTrue(fromColour > 0.9, "colour accuracy " + fromColour + ", chance 1/3");
    assertTrue(fromGrey < 0.45, "grey accuracy " + fromGrey + ", chance 1/3");
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {
      a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
    };
  }

  private static double[] normalise(double[] x) {
    double n = Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
    return new double[] {x[0] / n, x[1] / n, x[2] / n};
  }
}
