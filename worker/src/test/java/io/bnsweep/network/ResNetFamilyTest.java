package io.bnsweep.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.data.InputShape;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The graph of each residual unit, vertex by vertex with its inputs, against He et al.'s units as
 * the issue lists them. The expectations are spelled out here, step by step, not derived from the
 * family's code: each unit's steps are written as the list of vertices they must become.
 */
class ResNetFamilyTest {
  private static final InputShape SHAPE = new InputShape(1, 28, 28, 10);

  /** Stem, stem-after-conv steps, unit branch and post-add steps for each preset (ResNet-8). */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // placement,     stem,    unit (the branch's steps, add, what follows), head
    "original,        bn act,  conv bn act conv bn add act,   ''",
    "bn-after-add,    bn act,  conv bn act conv add bn act,   ''",
    "act-before-add,  bn act,  conv bn act conv bn act add,   ''",
    "act-preact,      '',      act conv bn act conv bn add,   bn act",
    "preact,          '',      bn act conv bn act conv add,   bn act",
    "before,          bn act,  conv bn act conv bn add act,   ''",
    "after,           act bn,  conv act bn conv act bn add,   ''",
    "none,            act,     conv act conv add act,         ''",
  })
  void buildsTheGraphOfEachUnit(String placement, String stem, String unit, String head) {
    List<String> expected = new ArrayList<>();
    String last = chain(expected, "stem", "conv " + stem, "input", null);
    for (int stage = 1; stage <= 3; stage++) {
      String prefix = "s" + stage + ".u1";
      String shortcut = last;
      if (stage > 1) {
        expected.add(prefix + ".proj.conv <- " + last);
        expected.add(prefix + ".proj.bn <- " + prefix + ".proj.conv");
        shortcut = prefix + ".proj.bn";
      }
      last = chain(expected, prefix, unit, last, shortcut);
    }
    last = chain(expected, "head", head, last, null);
    expected.add("pool <- " + last);
    expected.add("output <- pool");

    ComputationGraphConfiguration conf = graph(Placement.parse(placement), 8, 1);
    assertEquals(expected, vertices(conf));
  }

  @Test
  void stagesHaveTheirWidthsAndStridesAndConvsHaveNoBias() {
    ComputationGraphConfiguration conf = graph(Placement.ORIGINAL, 14, 2);
    Map<String, GraphVertex> v = conf.getVertices();
    assertEquals(16, conv(v, "stem.conv").getNOut());
    assertEquals(32, conv(v, "s1.u1.conv1").getNOut()); // 16 x width 2
    assertEquals(64, conv(v, "s2.u2.conv2").getNOut());
    assertEquals(128, conv(v, "s3.u1.proj.conv").getNOut());
    // width 2 makes stage 1 wider than the stem, so its first unit projects too (stride 1)
    assertEquals(1, conv(v, "s1.u1.proj.conv").getStride()[0]);
    assertEquals(1, conv(v, "s1.u1.proj.conv").getKernelSize()[0]);
    assertEquals(2, conv(v, "s2.u1.conv1").getStride()[0]);
    assertEquals(1, conv(v, "s2.u1.conv2").getStride()[0]);
    assertEquals(1, conv(v, "s2.u2.conv1").getStride()[0]);
    assertEquals(2, conv(v, "s3.u1.proj.conv").getStride()[0]);
    assertTrue(v.keySet().stream().noneMatch(name -> name.startsWith("s2.u2.proj")));
    for (var e : v.entrySet()) {
      if (e.getValue() instanceof LayerVertex lv
          && lv.getLayerConf().getLayer() instanceof ConvolutionLayer c) {
        assertEquals(false, c.hasBias(), e.getKey() + " has a bias");
      }
    }
    assertTrue(
        v.get("s1.u1.add") instanceof ElementWiseVertex add
            && add.getOp() == ElementWiseVertex.Op.Add);
  }

  @Test
  void stepsWrittenOutAreThePresetTheySpell() {
    Placement spelled = Placement.parse("conv-bn-act-conv-bn-add-act");
    assertEquals(Placement.ORIGINAL, spelled);
    assertEquals(graph(Placement.ORIGINAL, 8, 1).toJson(), graph(spelled, 8, 1).toJson());
    Placement preact = Placement.parse("bn-act-conv-bn-act-conv-add");
    assertEquals(Placement.PREACT, preact);
  }

  @Test
  void aSequenceOfItsOwnBuildsWithChannelScalingAndDropout() {
    Placement p = Placement.parse("conv-bn-cs-act-drop-conv-bn-add-act");
    assertEquals("conv-bn-cs-act-drop-conv-bn-add-act", p.id());
    ComputationGraphConfiguration conf = graph(p, 8, 1);
    List<String> vertices = vertices(conf);
    assertTrue(vertices.contains("s1.u1.cs1 <- s1.u1.bn1"), vertices::toString);
    assertTrue(vertices.contains("s1.u1.drop1 <- s1.u1.act1"), vertices::toString);
    assertTrue(vertices.contains("stem.cs1 <- stem.bn1"), vertices::toString);
  }

  @Test
  void blockPlacementsAndBadDepthsAreRefused() {
    ResNetFamily family = new ResNetFamily();
    IllegalArgumentException extra =
        assertThrows(IllegalArgumentException.class, () -> family.placement(Placement.EXTRA));
    assertTrue(extra.getMessage().startsWith("'extra' is a block placement"), extra.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> family.placement(Placement.parse("act-bn-drop")));
    assertEquals(Placement.ORIGINAL, family.placement(Placement.BEFORE));
    IllegalArgumentException unit =
        assertThrows(
            IllegalArgumentException.class, () -> new CnnFamily().placement(Placement.PREACT));
    assertTrue(unit.getMessage().startsWith("'preact' is a residual unit"), unit.getMessage());
    for (int depth : new int[] {0, 2, 7, 9, 21}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  ResNetFamily.DEPTH
                      .type()
                      .read(com.fasterxml.jackson.databind.node.IntNode.valueOf(depth)));
      assertTrue(e.getMessage().startsWith("must be 6n+2"), e.getMessage());
    }
  }

  /** Adds the vertices of {@code steps} after {@code input} to {@code out}; returns the last. */
  private static String chain(
      List<String> out, String prefix, String steps, String input, String shortcut) {
    Map<String, Integer> counts = new java.util.HashMap<>();
    String last = input;
    for (String step : steps.trim().isEmpty() ? new String[0] : steps.trim().split("\\s+")) {
      int n = counts.merge(step, 1, Integer::sum);
      String name =
          prefix
              + "."
              + step
              + (step.equals("add") ? "" : prefix.equals("stem") && step.equals("conv") ? "" : n);
      out.add(name + " <- " + last + (step.equals("add") ? ", " + shortcut : ""));
      last = name;
    }
    return last;
  }

  private static ComputationGraphConfiguration graph(Placement p, int depth, int width) {
    Variant v =
        Variant.of("resnet", p, ActivationKind.RELU)
            .with(ResNetFamily.DEPTH, depth)
            .with(ResNetFamily.WIDTH, width);
    Architecture a = NetworkFactory.architecture(v, SHAPE, 1);
    return ((Architecture.Graph) a).conf();
  }

  /** Every vertex but the input, in the order added, as {@code name <- input, input}. */
  private static List<String> vertices(ComputationGraphConfiguration conf) {
    List<String> out = new ArrayList<>();
    conf.getVertices()
        .forEach(
            (name, vertex) -> {
              String kind = kind(vertex);
              assertTrue(
                  name.matches(".*\\." + kind + "\\d*$") || name.equals(kind),
                  name + " is a " + kind);
              out.add(name + " <- " + String.join(", ", conf.getVertexInputs().get(name)));
            });
    return out;
  }

  /** The step word of a vertex's kind, so that names are checked against what the vertex is. */
  private static String kind(GraphVertex vertex) {
    if (vertex instanceof ElementWiseVertex) {
      return "add";
    }
    Layer layer = ((LayerVertex) vertex).getLayerConf().getLayer();
    if (layer instanceof ConvolutionLayer) {
      return "conv";
    }
    if (layer instanceof BatchNormalization) {
      return "bn";
    }
    if (layer instanceof ActivationLayer) {
      return "act";
    }
    if (layer instanceof GlobalPoolingLayer) {
      return "pool";
    }
    if (layer instanceof OutputLayer) {
      return "output";
    }
    if (layer instanceof io.bnsweep.network.layer.ChannelScaling) {
      return "cs";
    }
    if (layer instanceof org.deeplearning4j.nn.conf.layers.DropoutLayer) {
      return "drop";
    }
    return layer.getClass().getSimpleName();
  }

  private static ConvolutionLayer conv(Map<String, GraphVertex> v, String name) {
    return (ConvolutionLayer) ((LayerVertex) v.get(name)).getLayerConf().getLayer();
  }
}
