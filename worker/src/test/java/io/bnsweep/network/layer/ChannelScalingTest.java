package io.bnsweep.network.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class ChannelScalingTest {
  private static final long SEED = 12345;

  // ---------------------------------------------------------------- forward

  @Test
  void nchwOutputIsInputTimesExpThetaPerChannel() {
    int n = 2, c = 3, h = 2, w = 4;
    MultiLayerNetwork net =
        network(
            builder(DataType.FLOAT).list().layer(new ChannelScaling()),
            InputType.convolutional(h, w, c));
    INDArray x = random(DataType.FLOAT, 1, n, c, h, w);

    assertEquals(c, ((ChannelScaling) net.getLayer(0).conf().getLayer()).getNIn());
    assertEquals(0.0, net.getParam("0_theta").maxNumber().doubleValue(), "theta starts at 0");
    assertEquals(0.0, net.getParam("0_theta").minNumber().doubleValue(), "theta starts at 0");
    assertEquals(x, net.output(x), "theta = 0 is the identity");

    double[] theta = {0.5, -1.0, 2.0};
    net.setParam("0_theta", row(theta).castTo(DataType.FLOAT));
    INDArray y = net.output(x);
    assertEquals(4, y.rank());
    for (int e = 0; e < n; e++) {
      for (int ch = 0; ch < c; ch++) {
        for (int i = 0; i < h; i++) {
          for (int j = 0; j < w; j++) {
            double expected = x.getDouble(e, ch, i, j) * Math.exp(theta[ch]);
            assertEquals(expected, y.getDouble(e, ch, i, j), 1e-5 * Math.abs(expected) + 1e-7);
          }
        }
      }
    }
  }

  @Test
  void denseOutputIsInputTimesExpThetaPerChannel() {
    int n = 3, c = 4;
    MultiLayerNetwork net =
        network(
            builder(DataType.DOUBLE).list().layer(new ChannelScaling()), InputType.feedForward(c));
    INDArray x = random(DataType.DOUBLE, 2, n, c);
    assertEquals(x, net.output(x), "theta = 0 is the identity");

    double[] theta = {-0.3, 0.0, 0.7, 1.5};
    net.setParam("0_theta", row(theta));
    INDArray y = net.output(x);
    assertEquals(2, y.rank());
    for (int e = 0; e < n; e++) {
      for (int ch = 0; ch < c; ch++) {
        assertEquals(x.getDouble(e, ch) * Math.exp(theta[ch]), y.getDouble(e, ch), 1e-12);
      }
    }
  }

  // ---------------------------------------------------------------- gradients

  @Test
  void gradientCheckConvThenChannelScaling() {
    withDoublePrecision(
        () -> {
          MultiLayerNetwork net = convCsOutput(NoOp::new);
          net.setParam("1_theta", row(0.4, -0.6, 1.1));
          INDArray x = random(DataType.DOUBLE, 3, 2, 2, 4, 4);
          INDArray labels = oneHot(2, 4, 3);
          assertTrue(
              GradientCheckUtil.checkGradients(
                  new GradientCheckUtil.MLNConfig()
                      .net(net)
                      .input(x)
                      .labels(labels)
                      .epsilon(1e-6)
                      .maxRelError(1e-5)
                      .minAbsoluteError(1e-10)),
              "analytic and numeric gradients of conv W, b, theta and output W, b agree");
        });
  }

  @Test
  void gradientCheckDenseThenChannelScaling() {
    withDoublePrecision(
        () -> {
          MultiLayerConfiguration conf =
              builder(DataType.DOUBLE)
                  .updater(new NoOp())
                  .list()
                  .layer(new DenseLayer.Builder().nOut(3).activation(Activation.TANH).build())
                  .layer(new ChannelScaling())
                  .layer(
                      new OutputLayer.Builder(LossFunction.MCXENT)
                          .nOut(2)
                          .activation(Activation.SOFTMAX)
                          .build())
                  .setInputType(InputType.feedForward(4))
                  .build();
          MultiLayerNetwork net = new MultiLayerNetwork(conf);
          net.init();
          net.setParam("1_theta", row(-0.8, 0.3, 0.9));
          assertTrue(
              GradientCheckUtil.checkGradients(
                  new GradientCheckUtil.MLNConfig()
                      .net(net)
                      .input(random(DataType.DOUBLE, 4, 5, 4))
                      .labels(oneHot(5, 2, 5))
                      .epsilon(1e-6)
                      .maxRelError(1e-5)
                      .minAbsoluteError(1e-10)));
        });
  }

  /**
   * d loss / d input through the layer, against central differences: the layer is first in the
   * network, so the network's input gradient is the layer's. DL4J's input gradient is of the loss
   * summed over the batch while its score is the mean, hence the factor n.
   */
  @Test
  void inputGradientMatchesCentralDifferences() {
    withDoublePrecision(
        () -> {
          int n = 2;
          MultiLayerConfiguration conf =
              builder(DataType.DOUBLE)
                  .updater(new NoOp())
                  .list()
                  .layer(new ChannelScaling())
                  .layer(
                      new ConvolutionLayer.Builder(2, 2)
                          .nOut(2)
                          .activation(Activation.TANH)
                          .build())
                  .layer(
                      new OutputLayer.Builder(LossFunction.MSE)
                          .nOut(3)
                          .activation(Activation.IDENTITY)
                          .build())
                  .setInputType(InputType.convolutional(3, 3, 2))
                  .build();
          MultiLayerNetwork net = new MultiLayerNetwork(conf);
          net.init();
          net.setParam("0_theta", row(0.7, -0.5));
          INDArray x = random(DataType.DOUBLE, 5, n, 2, 3, 3);
          INDArray labels = random(DataType.DOUBLE, 6, n, 3);

          Pair<org.deeplearning4j.nn.gradient.Gradient, INDArray> analytic =
              net.calculateGradients(x, labels, null, null);
          INDArray dx = analytic.getSecond();
          assertEquals(4, dx.rank());
          double h = 1e-6;
          double worst = 0;
          for (long i = 0; i < x.length(); i++) {
            INDArray plus = x.dup();
            plus.putScalar(i, x.getDouble(i) + h);
            INDArray minus = x.dup();
            minus.putScalar(i, x.getDouble(i) - h);
            double numeric =
                n
                    * (net.score(new DataSet(plus, labels)) - net.score(new DataSet(minus, labels)))
                    / (2 * h);
            double a = dx.getDouble(i);
            worst = Math.max(worst, Math.abs(a - numeric) / Math.max(1e-8, Math.abs(numeric)));
          }
          assertTrue(worst < 1e-5, "worst relative error of d loss / d input: " + worst);

          // and d loss / d theta from the same call, by hand: sum of x * dL/dy * exp(theta)
          INDArray dTheta = analytic.getFirst().getGradientFor("0_theta");
          for (int ch = 0; ch < 2; ch++) {
            INDArray theta = net.getParam("0_theta").dup();
            INDArray p = theta.dup();
            p.putScalar(0, ch, theta.getDouble(0, ch) + h);
            net.setParam("0_theta", p);
            double up = net.score(new DataSet(x, labels));
            INDArray m = theta.dup();
            m.putScalar(0, ch, theta.getDouble(0, ch) - h);
            net.setParam("0_theta", m);
            double down = net.score(new DataSet(x, labels));
            net.setParam("0_theta", theta);
            double numeric = n * (up - down) / (2 * h);
            assertEquals(numeric, dTheta.getDouble(0, ch), 1e-5 * Math.abs(numeric) + 1e-9);
          }
        });
  }

  // ---------------------------------------------------------------- serialisation

  @Test
  void configurationRoundTripsThroughJsonJavaSerialisationAndClone() throws Exception {
    MultiLayerNetwork net = convCsOutput(() -> new Adam(1e-3));
    MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
    net.setParam("1_theta", row(0.2, -0.4, 0.9));
    INDArray x = random(DataType.DOUBLE, 7, 2, 2, 4, 4);
    INDArray expected = net.output(x);

    String json = conf.toJson();
    assertTrue(json.contains(ChannelScaling.class.getName()), json);
    MultiLayerConfiguration fromJson = MultiLayerConfiguration.fromJson(json);
    assertEquals(conf, fromJson);
    ChannelScaling cs = assertInstanceOf(ChannelScaling.class, fromJson.getConf(1).getLayer());
    assertEquals(3, cs.getNIn());
    assertEquals(json, fromJson.toJson());
    MultiLayerNetwork fromJsonNet = new MultiLayerNetwork(fromJson);
    fromJsonNet.init(net.params().dup(), false);
    assertEquals(expected, fromJsonNet.output(x));

    MultiLayerConfiguration deserialised = javaRoundTrip(conf);
    assertEquals(conf, deserialised);
    MultiLayerNetwork deserialisedNet = new MultiLayerNetwork(deserialised);
    deserialisedNet.init(net.params().dup(), false);
    assertEquals(expected, deserialisedNet.output(x));

    MultiLayerNetwork clone = net.clone();
    assertNotSame(net.params(), clone.params());
    assertEquals(net.params(), clone.params());
    assertEquals(conf, clone.getLayerWiseConfigurations());
    assertEquals(expected, clone.output(x));
  }

  @Test
  void layerEqualityDependsOnChannels() {
    assertEquals(new ChannelScaling(3), new ChannelScaling(3));
    assertEquals(new ChannelScaling(3).hashCode(), new ChannelScaling(3).hashCode());
    assertNotEquals(new ChannelScaling(3), new ChannelScaling(4));
  }

  @Test
  void computationGraphTakesItThroughAddLayer() {
    ComputationGraphConfiguration conf =
        builder(DataType.FLOAT)
            .graphBuilder()
            .addInputs("in")
            .addLayer(
                "conv",
                new ConvolutionLayer.Builder(1, 1).nOut(3).activation(Activation.IDENTITY).build(),
                "in")
            .addLayer("cs", new ChannelScaling(), "conv")
            .addLayer(
                "out",
                new OutputLayer.Builder(LossFunction.MCXENT)
                    .nOut(2)
                    .activation(Activation.SOFTMAX)
                    .build(),
                "cs")
            .setOutputs("out")
            .setInputTypes(InputType.convolutional(2, 2, 1))
            .build();
    assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    assertEquals(3, graph.getParam("cs_theta").length());

    graph.setParam("cs_theta", row(1, -1, 0.5).castTo(DataType.FLOAT));
    INDArray x = random(DataType.FLOAT, 8, 1, 1, 2, 2);
    INDArray conv = graph.feedForward(x, false).get("conv");
    INDArray cs = graph.feedForward(x, false).get("cs");
    for (int ch = 0; ch < 3; ch++) {
      double scale = Math.exp(new double[] {1, -1, 0.5}[ch]);
      assertEquals(conv.getDouble(0, ch, 1, 0) * scale, cs.getDouble(0, ch, 1, 0), 1e-5);
    }
  }

  // ---------------------------------------------------------------- configuration

  @Test
  void globalRegularisationDoesNotApplyToTheta() {
    MultiLayerConfiguration conf =
        builder(DataType.FLOAT)
            .l2(0.1)
            .l1(0.2)
            .list()
            .layer(new DenseLayer.Builder().nOut(3).activation(Activation.IDENTITY).build())
            .layer(new ChannelScaling())
            .setInputType(InputType.feedForward(2))
            .build();
    assertFalse(conf.getConf(0).getLayer().getRegularizationByParam("W").isEmpty());
    assertTrue(conf.getConf(1).getLayer().getRegularizationByParam("theta").isEmpty());
    // the updater is still the network's
    assertInstanceOf(Adam.class, conf.getConf(1).getLayer().getUpdaterByParam("theta"));

    ChannelScaling regularised = new ChannelScaling();
    regularised.setRegularization(List.of(new L2Regularization(0.3)));
    MultiLayerConfiguration own =
        builder(DataType.FLOAT)
            .l2(0.1)
            .list()
            .layer(regularised)
            .setInputType(InputType.feedForward(2))
            .build();
    assertEquals(
        List.of(new L2Regularization(0.3)),
        own.getConf(0).getLayer().getRegularizationByParam("theta"),
        "the layer's own regularisation is kept, the global one not added");
  }

  @Test
  void rejectsInputTypesOtherThanDenseAndNchw() {
    ChannelScaling cs = new ChannelScaling();
    IllegalArgumentException nhwc =
        assertThrows(
            IllegalArgumentException.class,
            () -> cs.setNIn(InputType.convolutional(4, 4, 3, CNN2DFormat.NHWC), true));
    assertTrue(nhwc.getMessage().contains("NCHW"), nhwc.getMessage());
    IllegalArgumentException rnn =
        assertThrows(
            IllegalArgumentException.class, () -> cs.setNIn(InputType.recurrent(3, 5), true));
    assertTrue(rnn.getMessage().contains("ChannelScaling"), rnn.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> cs.getOutputType(0, InputType.convolutionalFlat(4, 4, 1)));
    assertEquals(0, cs.getNIn(), "a rejected type sets nothing");

    assertThrows(
        IllegalStateException.class,
        () -> new ChannelScaling(3).getOutputType(0, InputType.feedForward(4)),
        "3 channels cannot take 4 features");
  }

  @Test
  void needsChannelsFromTheInputTypeOrTheConstructor() {
    MultiLayerConfiguration conf =
        builder(DataType.FLOAT).list().layer(new ChannelScaling()).build(); // no input type
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> new MultiLayerNetwork(conf).init());
    assertTrue(e.getMessage().contains("setInputType"), e.getMessage());

    MultiLayerNetwork explicit =
        new MultiLayerNetwork(builder(DataType.FLOAT).list().layer(new ChannelScaling(2)).build());
    explicit.init();
    INDArray x = random(DataType.FLOAT, 9, 3, 2);
    assertEquals(x, explicit.output(x));
    IllegalArgumentException wrongWidth =
        assertThrows(
            IllegalArgumentException.class,
            () -> explicit.output(random(DataType.FLOAT, 10, 3, 5)));
    assertTrue(wrongWidth.getMessage().contains("[n, 2]"), wrongWidth.getMessage());
  }

  // ---------------------------------------------------------------- learning

  /**
   * The target is the input with channel 0 doubled and channel 1 halved, and nothing but the layer
   * can scale it (a loss layer has no parameters): Adam must take theta to (ln 2, -ln 2).
   */
  @Test
  void learnsTheScalesTheTargetNeeds() {
    MultiLayerConfiguration conf =
        builder(DataType.FLOAT)
            .updater(new Adam(0.1))
            .list()
            .layer(new ChannelScaling())
            .layer(new LossLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY).build())
            .setInputType(InputType.feedForward(2))
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    INDArray x = random(DataType.FLOAT, 11, 32, 2);
    INDArray y = x.mulRowVector(row(2, 0.5).castTo(DataType.FLOAT));
    DataSet data = new DataSet(x, y);

    double before = net.score(data);
    for (int step = 0; step < 60; step++) {
      net.fit(data);
    }
    double after = net.score(data);
    INDArray theta = net.getParam("0_theta");

    assertTrue(after < before / 100, "loss " + before + " -> " + after);
    assertEquals(Math.log(2), theta.getDouble(0, 0), 0.05, "theta " + theta);
    assertEquals(-Math.log(2), theta.getDouble(0, 1), 0.05, "theta " + theta);
  }

  // ---------------------------------------------------------------- helpers

  private static NeuralNetConfiguration.Builder builder(DataType dataType) {
    return new NeuralNetConfiguration.Builder()
        .seed(SEED)
        .dataType(dataType)
        .weightInit(WeightInit.XAVIER)
        .updater(new Adam(1e-3));
  }

  private static MultiLayerNetwork network(
      NeuralNetConfiguration.ListBuilder list, InputType inputType) {
    MultiLayerNetwork net = new MultiLayerNetwork(list.setInputType(inputType).build());
    net.init();
    return net;
  }

  /** conv 2x2 (2 -> 3 channels, tanh) -> ChannelScaling -> softmax over 4 classes, in double. */
  private static MultiLayerNetwork convCsOutput(
      java.util.function.Supplier<org.nd4j.linalg.learning.config.IUpdater> updater) {
    MultiLayerConfiguration conf =
        builder(DataType.DOUBLE)
            .updater(updater.get())
            .list()
            .layer(new ConvolutionLayer.Builder(2, 2).nOut(3).activation(Activation.TANH).build())
            .layer(new ChannelScaling())
            .layer(
                new OutputLayer.Builder(LossFunction.MCXENT)
                    .nOut(4)
                    .activation(Activation.SOFTMAX)
                    .build())
            .setInputType(InputType.convolutional(4, 4, 2))
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /** A double row vector [1, values.length]. */
  private static INDArray row(double... values) {
    return Nd4j.create(values, new long[] {1, values.length}, DataType.DOUBLE);
  }

  /** Uniform values in [-1, 1) from {@code seed}, of {@code shape}. */
  private static INDArray random(DataType dataType, long seed, long... shape) {
    Random random = new Random(seed);
    long length = 1;
    for (long s : shape) {
      length *= s;
    }
    double[] values = new double[(int) length];
    for (int i = 0; i < values.length; i++) {
      values[i] = 2 * random.nextDouble() - 1;
    }
    return Nd4j.create(values, shape, DataType.DOUBLE).castTo(dataType);
  }

  /** {@code n} one-hot rows over {@code classes}, example i of class (i * 7 + seed) mod classes. */
  private static INDArray oneHot(int n, int classes, int seed) {
    INDArray labels = Nd4j.zeros(DataType.DOUBLE, n, classes);
    for (int i = 0; i < n; i++) {
      labels.putScalar(i, (i * 7 + seed) % classes, 1.0);
    }
    return labels;
  }

  @SuppressWarnings("unchecked")
  private static <T> T javaRoundTrip(T object) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  /** GradientCheckUtil wants ND4J's global default type to be double; restored afterwards. */
  private static void withDoublePrecision(Runnable check) {
    DataType was = Nd4j.dataType();
    DataType floatWas = Nd4j.defaultFloatingPointType();
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    try {
      check.run();
    } finally {
      Nd4j.setDefaultDataTypes(was, floatWas);
    }
  }
}
