package io.bnsweep.network;

import io.bnsweep.axis.Axis;
import io.bnsweep.axis.ValueType;
import io.bnsweep.axis.Values;
import io.bnsweep.data.InputShape;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Placement.Step;
import io.bnsweep.variant.Variant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.activations.Activation;

/**
 * {@code resnet}: the CIFAR-style residual network of He et al. (2016), built as a DL4J graph.
 *
 * <p>A 3x3 stem convolution with 16 channels, then 3 stages of n residual units of widths 16, 32
 * and 64 (times {@code network.width}), then global average pooling and a softmax output layer;
 * {@code network.depth} is 6n+2. The first unit of stages 2 and 3 has stride 2, and its shortcut is
 * a projection of the unit's input (1x1 convolution of stride 2, then BatchNorm), whatever the
 * unit; other shortcuts are the input itself. Every convolution is 3x3 with same padding and no
 * bias.
 *
 * <p>The placement is the residual unit ({@link Placement#UNITS}, or steps with an {@code add});
 * {@code before}, {@code after} and {@code none} are aliases ({@link #unit}). The stem is the conv
 * followed by the unit's own order of steps up to its second conv (conv-bn-act for {@code
 * original}); a pre-activation unit, whose branch starts before its first conv, has the conv alone
 * as its stem and a final bn-act (act if the unit has no bn) before the pooling, as in He et al.'s
 * code.
 *
 * <p>Vertices are named by stage and unit: {@code stem.conv}, {@code s2.u1.conv1}, {@code
 * s2.u1.bn1}, {@code s2.u1.proj.conv}, {@code s2.u1.add}, {@code head.act}, {@code pool}, {@code
 * output}; the n-th step of a kind in a unit is numbered n.
 */
public final class ResNetFamily implements NetworkFamily {
  /** The family's name. */
  public static final String NAME = "resnet";

  /** Layers with weights: 6n+2, so 8, 14, 20, 32, 56, 110 and so on. */
  public static final Axis<Integer> DEPTH =
      Axis.of("network.depth", depthType(), List.of(20)).labelled("depth");

  /** The widths' multiplier: stages of 16w, 32w and 64w channels. */
  public static final Axis<Integer> WIDTH =
      Axis.of("network.width", Values.positiveInt(), List.of(1)).labelled("width");

  /** Channels of the stem and of the first stage at width 1. */
  static final int BASE_WIDTH = 16;

  private static final Map<String, Placement> ALIASES =
      Map.of(
          Placement.BEFORE.id(),
          Placement.ORIGINAL,
          Placement.AFTER.id(),
          new Placement(Placement.AFTER.id(), steps("conv-act-bn-conv-act-bn-add")),
          Placement.NONE.id(),
          new Placement(Placement.NONE.id(), steps("conv-act-conv-add-act")));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Axis<?>> settings() {
    return List.of(DEPTH, WIDTH);
  }

  @Override
  public List<Placement> placements() {
    return Placement.UNITS;
  }

  /** {@code before} is {@link Placement#ORIGINAL}; other units and aliases are themselves. */
  @Override
  public Placement placement(Placement placement) {
    Placement unit = unit(placement);
    return unit == Placement.ORIGINAL ? Placement.ORIGINAL : placement;
  }

  /**
   * The residual unit {@code placement} stands for: itself, or the unit of an alias ({@code before}
   * is original; {@code after} is conv-act-bn-conv-act-bn, add; {@code none} is conv-act-conv, add,
   * act).
   *
   * @throws IllegalArgumentException for a block placement, which has no add
   */
  public static Placement unit(Placement placement) {
    Placement alias = ALIASES.get(placement.id());
    if (alias != null) {
      return alias;
    }
    if (!placement.has(Step.ADD)) {
      throw new IllegalArgumentException(
          "'"
              + placement.id()
              + "' is a block placement, for network.family cnn or mlp; a resnet unit has conv"
              + " steps and an add (presets: "
              + String.join(", ", Placement.UNITS.stream().map(Placement::id).toList())
              + "; aliases: before, after, none)");
    }
    return placement;
  }

  @Override
  public Architecture build(NetworkRequest request) {
    Variant variant = request.variant();
    InputShape input = request.input();
    List<Step> unit = unit(variant.placement()).steps();
    boolean preActivation = unit.get(0) != Step.CONV;
    GraphBuilder graph =
        request.builder().graphBuilder().addInputs("input").setInputTypes(request.inputType());
    Builder b = new Builder(request, graph);
    String x = b.conv("stem.conv", "input", BASE_WIDTH, 3, 1);
    if (!preActivation) {
      int second = unit.subList(1, unit.size()).indexOf(Step.CONV) + 1;
      x = b.steps("stem", unit.subList(1, second > 0 ? second : unit.indexOf(Step.ADD)), x);
    }
    int units = (variant.get(DEPTH) - 2) / 6;
    int channels = BASE_WIDTH;
    for (int stage = 1; stage <= 3; stage++) {
      int width = (BASE_WIDTH << (stage - 1)) * variant.get(WIDTH);
      for (int u = 1; u <= units; u++) {
        int stride = stage > 1 && u == 1 ? 2 : 1;
        x =
            b.unit(
                "s" + stage + ".u" + u, unit, x, channels != width || stride != 1, width, stride);
        channels = width;
      }
    }
    if (preActivation) {
      x =
          b.steps(
              "head",
              unit.contains(Step.BATCH_NORM)
                  ? List.of(Step.BATCH_NORM, Step.ACTIVATION)
                  : List.of(Step.ACTIVATION),
              x);
    }
    graph.addLayer(
        "pool",
        new GlobalPoolingLayer.Builder(PoolingType.AVG).collapseDimensions(true).build(),
        x);
    graph.addLayer("output", request.output(), "pool");
    graph.setOutputs("output");
    return Architecture.of(graph.build());
  }

  /** Adds vertices to one graph, naming them by unit and step. */
  private record Builder(NetworkRequest request, GraphBuilder graph) {
    /** A square convolution, same padding, no bias, linear; returns its name. */
    String conv(String name, String input, int channels, int kernel, int stride) {
      graph.addLayer(
          name,
          new ConvolutionLayer.Builder(kernel, kernel)
              .helperAllowFallback(false)
              .nOut(channels)
              .stride(stride, stride)
              .convolutionMode(ConvolutionMode.Same)
              .hasBias(false)
              .dataFormat(request.layout())
              .activation(Activation.IDENTITY)
              .regularization(request.weightDecay())
              .build(),
          input);
      return name;
    }

    /** The layers of {@code steps} after {@code input}, named {@code prefix.<step><n>}. */
    String steps(String prefix, List<Step> steps, String input) {
      return new Unit(prefix, input).steps(steps, 0, 1);
    }

    /** One residual unit on {@code input}; returns the name of its last vertex. */
    String unit(
        String prefix, List<Step> steps, String input, boolean project, int width, int stride) {
      String shortcut = input;
      if (project) {
        shortcut = conv(prefix + ".proj.conv", input, width, 1, stride);
        shortcut = add(prefix + ".proj.bn", request.layers(Step.BATCH_NORM).get(0), shortcut);
      }
      return new Unit(prefix, input).shortcut(shortcut).steps(steps, width, stride);
    }

    private String add(String name, Layer layer, String input) {
      graph.addLayer(name, layer, input);
      return name;
    }

    /** The vertices of one unit (or the stem, or the head), counting each kind of step. */
    private final class Unit {
      private final String prefix;
      private final Map<Step, Integer> counts = new EnumMap<>(Step.class);
      private String last;
      private String shortcut;

      Unit(String prefix, String input) {
        this.prefix = prefix;
        this.last = input;
      }

      Unit shortcut(String name) {
        shortcut = name;
        return this;
      }

      String steps(List<Step> steps, int width, int stride) {
        for (Step step : steps) {
          int n = counts.merge(step, 1, Integer::sum);
          String name = prefix + "." + step.token() + (step == Step.ADD ? "" : n);
          switch (step) {
            case CONV -> last = conv(name, last, width, 3, n == 1 ? stride : 1);
            case ADD -> {
              graph.addVertex(
                  name, new ElementWiseVertex(ElementWiseVertex.Op.Add), last, shortcut);
              last = name;
            }
            default -> {
              List<Layer> layers = request.layers(step);
              for (int i = 0; i < layers.size(); i++) {
                last = add(name + (i == 0 ? "" : "." + i), layers.get(i), last);
              }
            }
          }
        }
        return last;
      }
    }
  }

  private static List<Step> steps(String text) {
    return Placement.parse(text).steps();
  }

  /** A depth of 6n+2 for some n >= 1. */
  private static ValueType<Integer> depthType() {
    return Values.constrained(
        Values.positiveInt(),
        depth -> depth >= 8 && (depth - 2) % 6 == 0,
        "must be 6n+2 for n >= 1 (8, 14, 20, 32, 56, 110, ...)");
  }
}
