package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.axis.Axes;
import io.bnsweep.cli.ExitCodes;
import io.bnsweep.network.ResNetFamily;
import io.bnsweep.store.ResultStore;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.testing.TinyFamily;
import io.bnsweep.trial.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep over network families through the real entry point on {@code local[2]} and tiny synthetic
 * data: a family declared only in test code ({@link TinyFamily}, a plugin found through {@code
 * META-INF/services}) beside bnsweep's ResNet, each with its own settings and placements.
 */
class FamiliesSweepTest {
  @TempDir Path work;

  @Test
  void aPluginFamilyAndAResNetSweepSideBySide() throws IOException {
    Path data = SyntheticImages.writeDataset(work.resolve("data"), 400, 100, true);
    Path spec =
        Files.writeString(
            work.resolve("families.yaml"),
            """
            name: families
            dataset: %s
            trainSize: 400
            testSize: 100
            epochs: 2
            batchSize: 20
            learningRate: 0.01
            activation: relu
            seeds: 1
            network: {units: 8, depth: 8}
            axes:
              network.family: [tiny, resnet]
              placement: [none, before]
            """
                .formatted(data));
    Path out = work.resolve("out");

    Cli run = Cli.run("run", spec.toString(), "--master", "local[2]", "--out", out.toString());

    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    List<TrialResult> results = ResultStore.read(out);
    assertEquals(4, results.size());
    assertEquals(
        Set.of("none tiny", "before tiny", "none resnet", "original resnet"),
        results.stream()
            .map(r -> r.variant().placement().id() + " " + r.variant().get(Axes.NETWORK_FAMILY))
            .collect(Collectors.toSet()));
    for (TrialResult r : results) {
      boolean tiny = r.variant().get(Axes.NETWORK_FAMILY).equals("tiny");
      assertEquals(tiny, r.variant().has(TinyFamily.UNITS.name()), r.variant().toString());
      assertEquals(!tiny, r.variant().has(ResNetFamily.DEPTH.name()), r.variant().toString());
      assertTrue(r.testAccuracy() > 0.3, r.variant().label() + " " + r.testAccuracy());
    }
    assertEquals(4, results.stream().map(TrialResult::trialId).distinct().count());
    TrialResult resnet = find(results, "resnet", "original");
    assertTrue(
        resnet.provenance().kernels().startsWith("conv x9, batch-norm x9"),
        resnet.provenance().kernels());
    assertNotEquals(
        find(results, "tiny", "none").trialId(), find(results, "resnet", "none").trialId());

    List<String> csv = Files.readAllLines(out.resolve(ResultStore.CSV));
    List<String> header = List.of(csv.get(0).split(","));
    assertTrue(header.contains("network_units") && header.contains("network_depth"), csv.get(0));
    String summary = Files.readString(out.resolve(ResultStore.SUMMARY));
    assertTrue(summary.contains("family=tiny"), summary);
    assertTrue(summary.contains("family=resnet"), summary);
  }

  @Test
  void moreCoresThanTheEmbeddedMasterHasIsRefusedBeforeAnyTrial() throws IOException {
    Path data = SyntheticImages.writeDataset(work.resolve("data"), 100, 50, true);
    Path spec =
        Files.writeString(
            work.resolve("greedy.yaml"),
            "name: greedy\ndataset: %s\nseeds: 1\ncpusPerTrial: 3\n".formatted(data));
    Path out = work.resolve("greedy-out");

    Cli run = Cli.run("run", spec.toString(), "--master", "local[2]", "--out", out.toString());

    assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.err());
    assertEquals(
        "bnsweep: cpusPerTrial: 3 (network.family cnn) is more than the 2 cores of the embedded"
            + " master local[2]\n",
        run.err().lines().filter(l -> l.startsWith("bnsweep:")).findFirst().orElse("") + "\n");
    assertTrue(!Files.exists(out.resolve(ResultStore.RESULTS)), "nothing written");
  }

  private static TrialResult find(List<TrialResult> results, String family, String placement) {
    return results.stream()
        .filter(
            r ->
                r.variant().get(Axes.NETWORK_FAMILY).equals(family)
                    && r.variant().placement().id().equals(placement))
        .findFirst()
        .orElseThrow();
  }
}
