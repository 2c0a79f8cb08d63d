package io.bnsweep.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.NetworkShape;
import io.bnsweep.variant.Placement;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecLoaderTest {
  private static SweepSpec yaml(String text) {
    return SpecLoader.parse(text, "s.yaml", false);
  }

  private static String error(String text) {
    return assertThrows(SpecException.class, () -> yaml(text)).getMessage();
  }

  @Test
  void emptySpecIsAValidSweepWithDefaults() {
    SweepSpec spec = yaml("");

    assertEquals("sweep", spec.name());
    assertEquals("fashion-mnist", spec.dataset());
    assertEquals(OptionalInt.empty(), spec.trainSize());
    assertEquals(1, spec.epochs());
    assertEquals(64, spec.batchSize());
    assertEquals(0.001, spec.learningRate());
    assertEquals(List.of(1L, 2L), spec.seeds());
    assertEquals(List.of(Placement.values()), spec.placements());
    assertEquals(List.of(ActivationKind.values()), spec.activations());
    assertEquals(NetworkShape.DEFAULT, spec.network());
    assertEquals(Path.of("runs/sweep"), spec.output());
  }

  @Test
  void readsEveryKey() {
    SweepSpec spec =
        yaml(
            """
            name: bn-placement
            dataset: /data/fmnist
            trainSize: 6000
            testSize: 2000
            epochs: 3
            batchSize: 32
            learningRate: 0.01
            seeds: [1, 7, 42]
            axes:
              placement: [after, before]
              activation: [tanh]
            network:
              channels: [8, 8, 16]
              kernel: 5
            output: out/x
            """);

    assertEquals("bn-placement", spec.name());
    assertEquals("/data/fmnist", spec.dataset());
    assertEquals(OptionalInt.of(6000), spec.trainSize());
    assertEquals(OptionalInt.of(2000), spec.testSize());
    assertEquals(3, spec.epochs());
    assertEquals(32, spec.batchSize());
    assertEquals(0.01, spec.learningRate());
    assertEquals(List.of(1L, 7L, 42L), spec.seeds());
    assertEquals(List.of(Placement.AFTER, Placement.BEFORE), spec.placements());
    assertEquals(List.of(ActivationKind.TANH), spec.activations());
    assertEquals(new NetworkShape(List.of(8, 8, 16), 5), spec.network());
    assertEquals(Path.of("out/x"), spec.output());
  }

  @Test
  void acceptsJsonAndASeedCount() {
    SweepSpec spec =
        SpecLoader.parse("{\"seeds\": 3, \"axes\": {\"placement\": [\"none\"]}}", "s.json", true);

    assertEquals(List.of(1L, 2L, 3L), spec.seeds());
    assertEquals(List.of(Placement.NONE), spec.placements());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          epoch: 2                           | s.yaml: unknown key 'epoch' (did you mean 'epochs'? known keys: axes, batchSize, dataset, epochs, learningRate, mode, name, network, output, seeds, testSize, trainSize, trialTimeLimit)
          axes: {placment: [none]}           | s.yaml: unknown key 'axes.placment' (did you mean 'placement'? known keys: activation, placement)
          axes: {placement: [middle]}        | s.yaml: axes.placement: unknown placement (known: none, before, after, extra), got "middle"
          axes: {activation: [relu, gelu]}   | s.yaml: axes.activation: unknown activation (known: relu, sigmoid, tanh), got "gelu"
          axes: {placement: []}              | s.yaml: axes.placement: must be a non-empty list, got []
          axes: {placement: [none, none]}    | s.yaml: axes.placement: lists "none" twice, got ["none","none"]
          trainSize: 0                       | s.yaml: trainSize: must be a positive integer, got 0
          testSize: -5                       | s.yaml: testSize: must be a positive integer, got -5
          epochs: 1.5                        | s.yaml: epochs: must be a positive integer, got 1.5
          batchSize: '64'                    | s.yaml: batchSize: must be a positive integer, got "64"
          learningRate: 0                    | s.yaml: learningRate: must be a positive number, got 0
          seeds: 0                           | s.yaml: seeds: must be a positive integer, got 0
          seeds: [1, -2]                     | s.yaml: seeds: must hold non-negative integers, got -2
          seeds: [3, 3]                      | s.yaml: seeds: lists 3 twice, got [3,3]
          seeds: many                        | s.yaml: seeds: must be a count or a list of integer seeds, got "many"
          network: {channels: [16, 0]}       | s.yaml: network.channels: must be a positive integer, got 0
          network: {kernal: 3}               | s.yaml: unknown key 'network.kernal' (did you mean 'kernel'? known keys: channels, kernel)
          mode: parallel                     | s.yaml: mode: unknown mode (known: trials, data-parallel), got "parallel"
          name: 'my sweep'                   | s.yaml: name: must use only letters, digits, '.', '_' and '-', got "my sweep"
          - just a list                      | s.yaml: the spec must be a mapping of keys to values, got ["just a list"]
          """)
  void namesTheKeyAndValueOfEveryBadInput(String spec, String expected) {
    assertEquals(expected, error(spec));
  }

  @Test
  void reportsSyntaxErrorsWithTheirPosition() {
    String message = error("epochs: [1, 2\nname: x");

    assertEquals(true, message.startsWith("s.yaml: not valid YAML at line "), message);
    assertEquals(1, message.lines().count(), message);
  }

  @Test
  void missingSpecFileIsNamed() {
    Path missing = Path.of("no/such/spec.yaml");

    assertEquals(
        "no/such/spec.yaml: no such spec file",
        assertThrows(SpecException.class, () -> SpecLoader.load(missing)).getMessage());
  }

  @Test
  void yamlTypeTagsDoNotBuildObjects() {
    String message = error("name: !!java.io.File /etc/passwd");

    assertEquals(true, message.startsWith("s.yaml: "), message);
  }
}
