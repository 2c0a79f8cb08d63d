package io.bnsweep.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.axis.Axes;
import io.bnsweep.data.Dataset;
import io.bnsweep.data.InputShape;
import io.bnsweep.data.LabeledImages;
import io.bnsweep.network.CnnFamily;
import io.bnsweep.spec.ExecutionMode;
import io.bnsweep.spec.SpecException;
import io.bnsweep.spec.SpecLoader;
import io.bnsweep.spec.SweepSpec;
import io.bnsweep.testing.ProbeAxes;
import io.bnsweep.trial.Trial;
import io.bnsweep.variant.Optimizer;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SweepPlannerTest {
  private static final Dataset DATA =
      new Dataset(
          "fake",
          LabeledImages.of(new InputShape(1, 28, 28, 10), new byte[100 * 784], new byte[100]),
          LabeledImages.of(new InputShape(1, 28, 28, 10), new byte[50 * 784], new byte[50]));

  private static SweepPlan plan(String yaml) {
    SweepSpec spec = SpecLoader.parse(yaml, "s.yaml", false);
    return SweepPlanner.plan(spec, DATA);
  }

  private static List<String> labels(SweepPlan plan) {
    return plan.trials().stream()
        .map(t -> t.variant().label(plan.swept()) + "#" + t.seed())
        .toList();
  }

  @Test
  void expandsSortedAxesWithSeedsInnermost() {
    SweepPlan plan =
        plan("seeds: [5, 1]\naxes: {placement: [after, none], activation: [tanh, relu]}");

    // axes sorted by name: activation (outer), then placement; values in spec order
    assertEquals(
        List.of(
            "after/tanh#5",
            "after/tanh#1",
            "none/tanh#5",
            "none/tanh#1",
            "after/relu#5",
            "after/relu#1",
            "none/relu#5",
            "none/relu#1"),
        labels(plan));
    assertEquals(4, plan.variants().size());
    assertEquals(List.of("placement", "activation"), plan.swept());
  }

  @Test
  void anySettingIsAnAxisAndTheGridIsTheirProductInSortedNameOrder() {
    SweepPlan plan =
        plan(
            "seeds: [1]\naxes: {placement: [none, before], activation: [relu],"
                + " learningRate: [0.01, 0.001], network.channels: [[8], [8, 16]]}");

    // sorted names: activation, learningRate, network.channels, placement
    assertEquals(
        List.of(
            "none/lr=0.01/channels=[8]#1",
            "before/lr=0.01/channels=[8]#1",
            "none/lr=0.01/channels=[8, 16]#1",
            "before/lr=0.01/channels=[8, 16]#1",
            "none/lr=0.001/channels=[8]#1",
            "before/lr=0.001/channels=[8]#1",
            "none/lr=0.001/channels=[8, 16]#1",
            "before/lr=0.001/channels=[8, 16]#1"),
        labels(plan));
    assertEquals(List.of("placement", "learningRate", "network.channels"), plan.swept());
    Variant first = plan.variants().get(0);
    assertEquals(0.01, first.get(Axes.LEARNING_RATE));
    assertEquals(List.of(8), first.get(CnnFamily.CHANNELS));
    assertEquals(64, first.get(Axes.BATCH_SIZE));
    assertEquals(Optimizer.ADAM, first.get(Axes.OPTIMIZER));
    assertEquals(100, first.get(Axes.TRAIN_SIZE));
  }

  @Test
  void aSettingThatDoesNotApplyIsLeftOutAndIdenticalVariantsCollapse() {
    // probe.depth applies only to probe.family 'deep' (ProbeAxes, test code): 2 x 2 points, 3
    // variants, since 'plain' with depth 2 and with depth 3 are the same variant
    SweepPlan plan =
        plan(
            "seeds: [1]\naxes: {placement: [before], activation: [relu],"
                + " probe.family: [plain, deep], probe.depth: [2, 3]}");

    assertEquals(3, plan.variants().size());
    List<Variant> plain =
        plan.variants().stream().filter(v -> v.get(ProbeAxes.FAMILY).equals("plain")).toList();
    assertEquals(1, plain.size());
    assertFalse(plain.get(0).has(ProbeAxes.DEPTH.name()));
    assertFalse(TrialIds.canonical(plain.get(0), 1, ExecutionMode.TRIALS).contains("depth"));
    assertEquals(
        List.of("deep", "deep"),
        plan.variants().stream()
            .filter(v -> v.has(ProbeAxes.DEPTH.name()))
            .map(v -> v.get(ProbeAxes.FAMILY))
            .toList());
    assertEquals(3, plan.trials().stream().map(Trial::id).distinct().count());
  }

  @Test
  void randomSearchCrossesEverySampleWithTheComparedAxisAndIsReproducible() {
    String spec =
        "seeds: [1, 2]\nsearch: {sample: 4, seed: 7}\naxes: {placement: [none, before],"
            + " activation: [relu], learningRate: {loguniform: [0.0001, 0.1]},"
            + " batchSize: {choice: [32, 64]}}";
    SweepPlan plan = plan(spec);

    assertEquals(8, plan.variants().size(), "4 samples x 2 placements");
    assertEquals(16, plan.trials().size());
    assertEquals(labels(plan), labels(plan(spec)), "the same draws every time");
    for (Variant v : plan.variants()) {
      double lr = v.get(Axes.LEARNING_RATE);
      assertTrue(lr >= 1e-4 && lr < 0.1, "lr " + lr);
      assertTrue(List.of(32, 64).contains(v.get(Axes.BATCH_SIZE)));
      // every sample has both placements: comparisons stay paired within it
      assertTrue(
          plan.variants().contains(v.with(Axes.PLACEMENT, Placement.NONE))
              && plan.variants().contains(v.with(Axes.PLACEMENT, Placement.BEFORE)));
    }
  }

  @Test
  void duplicateSamplesOfDiscreteAxesCollapse() {
    SweepPlan plan =
        plan(
            "seeds: [1]\nsearch: {sample: 50}\naxes: {placement: [before], activation: [relu],"
                + " batchSize: {choice: [32, 64]}, epochs: {int: [1, 2]}}");

    assertEquals(4, plan.variants().size(), "2 x 2 distinct draws among 50");
  }

  @Test
  void trialIdsAreStableWhenUnrelatedTrialsAreAddedOrRemoved() {
    SweepPlan small = plan("seeds: [1]\naxes: {placement: [before], activation: [relu]}");
    SweepPlan large = plan("seeds: [3, 1, 2]\naxes: {placement: [none, before]}");

    Trial one = small.trials().get(0);
    Trial same =
        large.trials().stream()
            .filter(t -> t.variant().equals(one.variant()) && t.seed() == 1)
            .findFirst()
            .orElseThrow();
    assertEquals(one.id(), same.id());
    assertEquals(large.trials().size(), large.trials().stream().map(Trial::id).distinct().count());
  }

  @Test
  void trialIdsChangeWithSettingsThatChangeTheOutcome() {
    String base = "seeds: [1]\naxes: {placement: [before], activation: [relu]}\n";
    String id = plan(base).trials().get(0).id();

    assertEquals(id, plan(base + "name: other\noutput: elsewhere").trials().get(0).id());
    // a new setting at its default is not part of the id
    assertEquals(id, plan(base + "optimizer: adam\nweightDecay: 0").trials().get(0).id());
    for (String change :
        List.of(
            "epochs: 2",
            "batchSize: 32",
            "learningRate: 0.01",
            "trainSize: 10",
            "testSize: 10",
            "network: {kernel: 5}",
            "network: {channels: [16]}",
            "optimizer: sgd",
            "optimizer: {name: adam, beta1: 0.8}",
            "weightDecay: 0.0005",
            "probe: {biasInit: 0.1}",
            "mode: data-parallel")) {

      assertNotEquals(id, plan(base + change).trials().get(0).id(), change);
    }
    assertEquals(TrialIds.LENGTH, id.length());
  }

  @Test
  void resolvesDefaultSizesToTheWholeDataset() {
    SweepPlan plan = plan("trainSize: 40");

    assertEquals(40, plan.variants().get(0).get(Axes.TRAIN_SIZE));
    assertEquals(50, plan.variants().get(0).get(Axes.TEST_SIZE));
    // every seed the default sequential design may run: 12 variants x up to 20 seeds
    assertEquals(240, plan.trials().size());
  }

  @Test
  void rejectsSubsetsLargerThanTheDatasetAndNetworksThatDoNotFit() {
    assertEquals(
        "trainSize: 101 is larger than dataset 'fashion-mnist', which has 100 examples in that"
            + " split",
        assertThrows(SpecException.class, () -> plan("trainSize: 101")).getMessage());
    assertEquals(
        "network.channels: [4, 4, 4, 4] makes 4 blocks of 3x3 conv and 2x2 pooling, which do not"
            + " fit 28x28 images of dataset 'fashion-mnist'",
        assertThrows(SpecException.class, () -> plan("network: {channels: [4, 4, 4, 4]}"))
            .getMessage());
  }

  @Test
  void aResNetSweepTriesHeEtAlsFiveUnitsAndCarriesOnlyItsOwnSettings() {
    SweepPlan plan = plan("activation: relu\nseeds: 1\nnetwork: {family: resnet, depth: 8}\n");
    assertEquals(
        List.of("original", "bn-after-add", "act-before-add", "act-preact", "preact"),
        plan.variants().stream().map(v -> v.placement().id()).toList());
    for (var v : plan.variants()) {
      assertEquals(8, v.get(io.bnsweep.network.ResNetFamily.DEPTH));
      assertFalse(v.has("network.channels"), v.label());
      assertFalse(v.has("network.dropout"), "no drop step, no dropout setting");
    }
  }

  @Test
  void familiesCrossWithThePlacementsTheyShareAndAliasesCollapse() {
    SweepPlan crossed =
        plan(
            "activation: relu\nseeds: 1\nnetwork: {depth: 8}\naxes:\n"
                + "  network.family: [cnn, resnet]\n  placement: [none, before, after]\n");
    assertEquals(
        java.util.Set.of(
            "none cnn",
            "before cnn",
            "after cnn",
            "none resnet",
            "after resnet",
            "original resnet"),
        crossed.variants().stream()
            .map(v -> v.placement().id() + " " + v.get(Axes.NETWORK_FAMILY))
            .collect(java.util.stream.Collectors.toSet()));
    assertEquals(6, crossed.variants().size());
    SweepPlan aliases =
        plan(
            "activation: relu\nseeds: 1\nnetwork: {family: resnet, depth: 8}\n"
                + "axes: {placement: [before, original]}\n");
    assertEquals(1, aliases.variants().size(), "before is the original unit in a resnet");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          network: {depth: 20}                             | network.depth: applies to no variant of this sweep (network.family cnn; it belongs to network.family resnet)
          network: {family: resnet, channels: [8]}         | network.channels: applies to no variant of this sweep (network.family resnet; it belongs to network.family cnn)
          placement: preact                                | placement: 'preact' is a residual unit, for network.family resnet; cnn blocks are made of bn, act, cs and drop (network.family cnn)
          {network: {family: mlp}, placement: original}    | placement: 'original' is a residual unit, for network.family resnet; mlp blocks are made of bn, act, cs and drop (network.family mlp)
          {network: {family: resnet}, placement: extra}    | placement: 'extra' is a block placement, for network.family cnn or mlp; a resnet unit has conv steps and an add (presets: original, bn-after-add, act-before-add, act-preact, preact; aliases: before, after, none) (network.family resnet)
          {network: {family: resnet}, placement: act-bn-drop} | placement: 'act-bn-drop' is a block placement, for network.family cnn or mlp; a resnet unit has conv steps and an add (presets: original, bn-after-add, act-before-add, act-preact, preact; aliases: before, after, none) (network.family resnet)
          {network: {dropout: 0.5}, placement: before}     | network.dropout: applies to no variant of this sweep (network.family cnn)
          {network: {family: broken}, placement: before, activation: relu} | network.family broken: io.bnsweep.testing.BrokenFamily threw while building the network of before/relu: java.lang.IllegalStateException: boom
          """)
  void refusesSettingsAndPlacementsOutsideTheFamily(String yaml, String message) {
    assertEquals(message, assertThrows(SpecException.class, () -> plan(yaml)).getMessage());
  }
}
