package io.bnsweep.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bnsweep.data.Dataset;
import io.bnsweep.data.LabeledImages;
import io.bnsweep.spec.SpecException;
import io.bnsweep.spec.SpecLoader;
import io.bnsweep.spec.SweepSpec;
import io.bnsweep.trial.Trial;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SweepPlannerTest {
  private static final Dataset DATA =
      new Dataset(
          "fake",
          new LabeledImages(100, 28, 28, new byte[100 * 784], new byte[100]),
          new LabeledImages(50, 28, 28, new byte[50 * 784], new byte[50]));

  private static SweepPlan plan(String yaml) {
    SweepSpec spec = SpecLoader.parse(yaml, "s.yaml", false);
    return SweepPlanner.plan(spec, DATA);
  }

  private static List<String> labels(SweepPlan plan) {
    return plan.trials().stream().map(t -> t.variant().label() + "#" + t.seed()).toList();
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
    assertEquals(4, plan.variants());
  }

  @Test
  void searchSpaceIsTheCartesianProductInSortedAxisOrder() {
    SortedMap<String, List<String>> axes = new TreeMap<>();
    axes.put("b", List.of("1", "2"));
    axes.put("a", List.of("x", "y", "z"));
    SearchSpace space = new SearchSpace(axes);

    assertEquals(6, space.size());
    assertEquals(
        List.of(
            Map.of("a", "x", "b", "1"),
            Map.of("a", "x", "b", "2"),
            Map.of("a", "y", "b", "1"),
            Map.of("a", "y", "b", "2"),
            Map.of("a", "z", "b", "1"),
            Map.of("a", "z", "b", "2")),
        space.points());
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
    for (String change :
        List.of(
            "epochs: 2",
            "batchSize: 32",
            "learningRate: 0.01",
            "trainSize: 10",
            "testSize: 10",
            "network: {kernel: 5}",
            "network: {channels: [16]}",
            "mode: data-parallel")) {

      assertNotEquals(id, plan(base + change).trials().get(0).id(), change);
    }
    assertEquals(TrialIds.LENGTH, id.length());
  }

  @Test
  void resolvesDefaultSizesToTheWholeDataset() {
    SweepPlan plan = plan("trainSize: 40");

    assertEquals(40, plan.training().trainSize());
    assertEquals(50, plan.training().testSize());
    assertEquals(24, plan.trials().size());
  }

  @Test
  void rejectsSubsetsLargerThanTheDatasetAndNetworksThatDoNotFit() {
    assertEquals(
        "trainSize: 101 is larger than dataset 'fashion-mnist', which has 100 examples in that"
            + " split",
        assertThrows(SpecException.class, () -> plan("trainSize: 101")).getMessage());
    assertEquals(
        "network: 4 blocks of 3x3 conv and 2x2 pooling do not fit the 28x28 images of dataset"
            + " 'fashion-mnist'",
        assertThrows(SpecException.class, () -> plan("network: {channels: [4, 4, 4, 4]}"))
            .getMessage());
  }
}
