package io.bnsweep.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.data.Augment;
import io.bnsweep.data.CifarLabels;
import io.bnsweep.data.DatasetKey;
import io.bnsweep.data.Subset;
import io.bnsweep.plan.SearchSpace;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Optimizer;
import io.bnsweep.variant.Placement;
import java.nio.file.Path;
import java.util.List;
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

  private static List<Object> values(SweepSpec spec, String axis) {
    return spec.space().values(axis);
  }

  @Test
  void emptySpecIsAValidSweepWithDefaults() {
    SweepSpec spec = yaml("");

    assertEquals("sweep", spec.name());
    assertEquals("fashion-mnist", spec.dataset());
    assertEquals(List.of(), values(spec, "trainSize"), "resolved by the planner: all");
    assertEquals(List.of(1), values(spec, "epochs"));
    assertEquals(List.of(64), values(spec, "batchSize"));
    assertEquals(List.of(0.001), values(spec, "learningRate"));
    assertEquals(List.of(Optimizer.ADAM), values(spec, "optimizer"));
    assertEquals(List.of(0.0), values(spec, "weightDecay"));
    // sequential seeding, 5 to 20 seeds in steps of 3, unless the spec says otherwise
    assertEquals(20, spec.seeds().size());
    assertEquals(List.of(5, 8, 11, 14, 17, 20), spec.decisions().looks());
    assertEquals(0.05, spec.decisions().alpha());
    assertEquals(0.01, spec.decisions().margin());
    assertEquals(
        List.of(), values(spec, "placement")); // the family's presets, resolved by the planner
    assertEquals(List.of((Object[]) ActivationKind.values()), values(spec, "activation"));
    assertEquals(List.of(List.of(16, 32)), values(spec, "network.channels"));
    assertEquals(List.of(3), values(spec, "network.kernel"));
    assertEquals(List.of("placement", "activation"), spec.space().swept());
    assertEquals(Path.of("runs/sweep"), spec.output());
    assertTrue(spec.compare().isEmpty());
    assertTrue(spec.space().sampling().isEmpty());
    assertEquals(2, spec.trialDeaths(), "a trial may take its JVM down twice");
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
            optimizer: {name: nesterov, momentum: 0.95}
            weightDecay: 0.0005
            seeds: [1, 7, 42]
            axes:
              placement: [after, before]
              activation: [tanh]
            network:
              channels: [8, 8, 16]
              kernel: 5
            compare: {axis: placement, baseline: after}
            table: {rows: placement}
            output: out/x
            trialDeaths: 3
            """);

    assertEquals("bn-placement", spec.name());
    assertEquals("/data/fmnist", spec.dataset());
    assertEquals(List.of(6000), values(spec, "trainSize"));
    assertEquals(List.of(2000), values(spec, "testSize"));
    assertEquals(List.of(3), values(spec, "epochs"));
    assertEquals(List.of(32), values(spec, "batchSize"));
    assertEquals(List.of(0.01), values(spec, "learningRate"));
    assertEquals("nesterov(momentum=0.95)", ((Optimizer) values(spec, "optimizer").get(0)).text());
    assertEquals(List.of(0.0005), values(spec, "weightDecay"));
    assertEquals(List.of(1L, 7L, 42L), spec.seeds());
    assertEquals(List.of(Placement.AFTER, Placement.BEFORE), values(spec, "placement"));
    assertEquals(List.of(ActivationKind.TANH), values(spec, "activation"));
    assertEquals(List.of(List.of(8, 8, 16)), values(spec, "network.channels"));
    assertEquals(List.of(5), values(spec, "network.kernel"));
    assertEquals(
        java.util.Optional.of(new SweepSpec.CompareSpec("placement", "after")), spec.compare());
    assertEquals(java.util.Optional.of("placement"), spec.table().rows());
    assertEquals(Path.of("out/x"), spec.output());
    assertEquals(3, spec.trialDeaths());
  }

  @Test
  void everySettingCanBeAnAxisAndNestedOnesAreDotted() {
    SweepSpec spec =
        yaml(
            """
            axes:
              learningRate: [0.1, 0.01]
              batchSize: [16, 256]
              epochs: [1, 2]
              optimizer: [adam, sgd, {name: nesterov, momentum: 0.8}, rmsprop]
              weightDecay: [0, 0.001]
              network.channels: [[16, 32], [32, 64]]
              network.kernel: [3, 5]
              placement: before
            """
                .replace("placement: before", "placement: [before]"));

    assertEquals(List.of(0.1, 0.01), values(spec, "learningRate"));
    assertEquals(List.of(16, 256), values(spec, "batchSize"));
    assertEquals(4, values(spec, "optimizer").size());
    assertEquals(List.of(List.of(16, 32), List.of(32, 64)), values(spec, "network.channels"));
    assertEquals(List.of(3, 5), values(spec, "network.kernel"));
    assertTrue(spec.space().swept().containsAll(List.of("learningRate", "network.kernel")));
  }

  @Test
  void sequentialSeedsLookAfterEachStepUpToTheMax() {
    SweepSpec spec =
        yaml("seeds: {min: 3, max: 10, step: 3}\ncompare: {alpha: 0.1, equivalenceMargin: 0.5}");

    assertEquals(List.of(3, 6, 9, 10), spec.decisions().looks());
    assertEquals(10, spec.seeds().size());
    assertEquals(0.1, spec.decisions().alpha());
    assertEquals(0.005, spec.decisions().margin(), 1e-15);
    assertTrue(spec.compare().isEmpty(), "alpha alone keeps the default axis");
    assertTrue(yaml("seeds: 4").decisions().looks().isEmpty(), "a count is a fixed design");
  }

  @Test
  void aDatasetIsALocationOrAFormatAndPathWithItsDecodingOptions() {
    SweepSpec detected = yaml("dataset: /data/c10\naugment: [crop, flip]\nsubset: first");
    SweepSpec given =
        yaml("dataset: {format: cifar100, path: /data/c100}\nlabels: coarse\nresize: [24, 24]");

    assertEquals(DatasetKey.of("/data/c10"), detected.datasetKey());
    assertEquals(List.of(List.of(Augment.CROP, Augment.FLIP)), values(detected, "augment"));
    assertEquals(List.of(Subset.FIRST), values(detected, "subset"));
    assertEquals(
        new DatasetKey("/data/c100", "cifar100", CifarLabels.COARSE, List.of(24, 24)),
        given.datasetKey());
    assertEquals(
        "s.yaml: dataset: format must be one of auto, idx, cifar10, cifar100, folder, packed, got"
            + " \"cifar\", got {\"format\":\"cifar\",\"path\":\"/d\"}",
        error("dataset: {format: cifar, path: /d}"));
    assertEquals(
        "s.yaml: resize: must be [height, width], two positive integers, got [32]",
        error("resize: [32]"));
    assertEquals(
        "s.yaml: augment: must not repeat \"flip\", got [\"flip\",\"flip\"]",
        error("augment: [flip, flip]"));
  }

  @Test
  void aScalarPlacementIsOneValue() {
    SweepSpec spec = yaml("placement: before\nactivation: relu");

    assertEquals(List.of(Placement.BEFORE), values(spec, "placement"));
    assertEquals(List.of(), spec.space().swept());
  }

  @Test
  void randomSearchReadsDistributions() {
    SweepSpec spec =
        yaml(
            """
            search: {sample: 10, seed: 3}
            axes:
              placement: [none, before]
              learningRate: {loguniform: [0.0001, 0.1]}
              weightDecay: {uniform: [0, 0.01]}
              batchSize: {int: [16, 128]}
              activation: {choice: [relu, tanh]}
            """);

    assertEquals(new SearchSpace.Sampling(10, 3), spec.space().sampling().orElseThrow());
    assertEquals(4, spec.space().sampled().size());
  }

  @Test
  void acceptsJsonAndASeedCount() {
    SweepSpec spec =
        SpecLoader.parse("{\"seeds\": 3, \"axes\": {\"placement\": [\"none\"]}}", "s.json", true);

    assertEquals(List.of(1L, 2L, 3L), spec.seeds());
    assertEquals(List.of(Placement.NONE), values(spec, "placement"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          epoch: 2                           | s.yaml: unknown key 'epoch' (did you mean 'epochs'? known keys: activation, augment, axes, batchSize, checkpointEvery, checkpoints, compare, cpusPerTrial, dataset, epochs, labels, learningRate, mode, name, network, normalize, optimizer, output, placement, probe, resize, search, seeds, subset, subsetSeed, table, testSize, trainSize, trialDeaths, trialTimeLimit, tune, validationSize, weightDecay)
          axes: {placment: [none]}           | s.yaml: unknown key 'axes.placment' (did you mean 'placement'? known keys: activation, augment, batchSize, epochs, learningRate, network.channels, network.depth, network.dropout, network.family, network.hidden, network.kernel, network.units, network.width, normalize, optimizer, placement, probe.biasInit, probe.depth, probe.family, subset, subsetSeed, testSize, trainSize, validationSize, weightDecay)
          axes: {learningrate: [0.1]}        | s.yaml: unknown key 'axes.learningrate' (did you mean 'learningRate'? known keys: activation, augment, batchSize, epochs, learningRate, network.channels, network.depth, network.dropout, network.family, network.hidden, network.kernel, network.units, network.width, normalize, optimizer, placement, probe.biasInit, probe.depth, probe.family, subset, subsetSeed, testSize, trainSize, validationSize, weightDecay)
          axes: {dataset: [a, b]}            | s.yaml: unknown key 'axes.dataset' (known keys: activation, augment, batchSize, epochs, learningRate, network.channels, network.depth, network.dropout, network.family, network.hidden, network.kernel, network.units, network.width, normalize, optimizer, placement, probe.biasInit, probe.depth, probe.family, subset, subsetSeed, testSize, trainSize, validationSize, weightDecay)
          axes: {placement: [middle]}        | s.yaml: axes.placement: unknown step 'middle' in placement 'middle' (steps: conv, bn, act, cs, drop, add; presets: none, before, after, extra, original, bn-after-add, act-before-add, act-preact, preact), got "middle"
          axes: {activation: [relu, gelu]}   | s.yaml: axes.activation: unknown activation 'gelu' (known: relu, sigmoid, tanh), got "gelu"
          axes: {placement: []}              | s.yaml: axes.placement: must be a non-empty list, got []
          axes: {placement: [none, none]}    | s.yaml: axes.placement: lists "none" twice, got ["none","none"]
          axes: {batchSize: [32, 0]}         | s.yaml: axes.batchSize: must be a positive integer, got 0
          axes: {learningRate: [.nan]}       | s.yaml: axes.learningRate: must be a finite number, got .nan (line 1, column 27)
          axes: {network.channels: [16, 32]} | s.yaml: axes.network.channels: must be a non-empty list, got 16
          learningRate: .inf                 | s.yaml: learningRate: must be a finite number, got .inf (line 1, column 19)
          learningRate: -.Inf                | s.yaml: learningRate: must be a finite number, got -.Inf (line 1, column 20)
          network: {kernel: .NaN}            | s.yaml: network.kernel: must be a finite number, got .NaN (line 1, column 23)
          weightDecay: -1                    | s.yaml: weightDecay: must be a finite number >= 0, got -1
          optimizer: adagrad                 | s.yaml: optimizer: unknown optimizer 'adagrad' (known: adam, nesterov, rmsprop, sgd), got "adagrad"
          optimizer: {name: sgd, momentum: 0.9} | s.yaml: optimizer: sgd has no parameter 'momentum' (it has: none), got {"name":"sgd","momentum":0.9}
          learningRate: 0.1\\naxes: {learningRate: [0.1, 0.01]} | s.yaml: axes.learningRate: is given both as a scalar ('learningRate') and as an axis; keep one, got [0.1,0.01]
          network: {kernel: 3}\\naxes: {network.kernel: [3, 5]} | s.yaml: axes.network.kernel: is given both as a scalar ('network.kernel') and as an axis; keep one, got [3,5]
          compare: {axis: activation, baseline: relu}\\nactivation: relu | s.yaml: compare.axis: must be an axis of the grid with two or more values (random search crosses every sample with it), got "activation"
          compare: {axis: placement, baseline: middle} | s.yaml: compare.baseline: unknown step 'middle' in placement 'middle' (steps: conv, bn, act, cs, drop, add; presets: none, before, after, extra, original, bn-after-add, act-before-add, act-preact, preact), got "middle"
          compare: {axis: placement, baseline: extra}\\naxes: {placement: [none, before]} | s.yaml: compare.baseline: is not a value of axis placement in this sweep (it has none, before), got "extra"
          compare: {axis: depth, baseline: 3} | s.yaml: compare.axis: is not an axis, got "depth"
          table: {rows: learningRate}        | s.yaml: table.rows: is not a swept axis of this sweep (swept: placement, activation), got "learningRate"
          table: {rows: placement, columns: placement} | s.yaml: table.columns: must differ from table.rows, got "placement"
          search: {sample: 3}\\naxes: {learningRate: {uniform: [0.1, 0.01]}} | s.yaml: axes.learningRate.uniform: needs low < high, got [0.1,0.01]
          search: {sample: 3}\\naxes: {learningRate: {loguniform: [0, 0.1]}} | s.yaml: axes.learningRate.loguniform: needs low > 0 (it is uniform in log space), got [0,0.1]
          search: {sample: 3}\\naxes: {batchSize: {uniform: [16, 64]}} | s.yaml: axes.batchSize.uniform: must be a positive integer, got 16.0
          search: {sample: 3}\\naxes: {learningRate: {normal: [0, 1]}} | s.yaml: unknown key 'axes.learningRate.normal' (known keys: choice, int, loguniform, uniform)
          axes: {learningRate: {uniform: [0.001, 0.1]}} | s.yaml: axes.learningRate: is a distribution, which needs random search: add search: {sample: N, seed: S}, got {"uniform":[0.001,0.1]}
          search: {sample: 0}                | s.yaml: search.sample: must be a positive integer, got 0
          trialDeaths: 0                     | s.yaml: trialDeaths: must be a positive integer, got 0
          trainSize: 0                       | s.yaml: trainSize: must be a positive integer, got 0
          testSize: -5                       | s.yaml: testSize: must be a positive integer, got -5
          epochs: 1.5                        | s.yaml: epochs: must be a positive integer, got 1.5
          batchSize: '64'                    | s.yaml: batchSize: must be a positive integer, got "64"
          learningRate: 0                    | s.yaml: learningRate: must be a finite number > 0, got 0
          seeds: 0                           | s.yaml: seeds: must be a positive integer, got 0
          seeds: [1, -2]                     | s.yaml: seeds: must hold non-negative integers, got -2
          seeds: [3, 3]                      | s.yaml: seeds: lists 3 twice, got [3,3]
          seeds: many                        | s.yaml: seeds: must be a count, a list of integer seeds, or {min, max, step}, got "many"
          seeds: {min: 8, max: 5}            | s.yaml: seeds.min: must not exceed seeds.max (5), got 8
          seeds: {min: 3, step: 0}           | s.yaml: seeds.step: must be an integer of 1 or more, got 0
          seeds: {min: 3, most: 9}           | s.yaml: unknown key 'seeds.most' (known keys: max, min, step)
          compare: {equivalenceMargin: 0}    | s.yaml: compare.equivalenceMargin: must be a positive number of accuracy points, got 0
          compare: {alpha: 0.5}              | s.yaml: compare.alpha: must be a number in (0, 0.5), got 0.5
          compare: {alpha: 0}                | s.yaml: compare.alpha: must be a number in (0, 0.5), got 0
          seeds: {min: 3, max: 6}\\nmode: data-parallel | s.yaml: seeds: sequential seeding is not supported with mode: data-parallel (give a count or a list of seeds)
          network: {channels: [16, 0]}       | s.yaml: network.channels: each item must be a positive integer, got [16,0]
          network: {kernal: 3}               | s.yaml: unknown key 'network.kernal' (did you mean 'kernel'? known keys: channels, depth, dropout, family, hidden, kernel, units, width)
          network: {family: vgg}             | s.yaml: network.family: unknown network family 'vgg' (known: cnn, mlp, resnet, tiny, broken), got "vgg"
          network: {family: resnet, depth: 21} | s.yaml: network.depth: must be 6n+2 for n >= 1 (8, 14, 20, 32, 56, 110, ...), got 21
          placement: bn-relu                 | s.yaml: placement: unknown step 'relu' in placement 'bn-relu' (steps: conv, bn, act, cs, drop, add; presets: none, before, after, extra, original, bn-after-add, act-before-add, act-preact, preact), got "bn-relu"
          placement: bn-drop                 | s.yaml: placement: placement 'bn-drop' has no act step, got "bn-drop"
          placement: add-conv-bn-act         | s.yaml: placement: placement 'add-conv-bn-act': add must come once, after the branch's conv steps, got "add-conv-bn-act"
          placement: conv-bn-act-add-conv    | s.yaml: placement: placement 'conv-bn-act-add-conv': conv after add (a unit's convs are on its branch), got "conv-bn-act-add-conv"
          network: {dropout: 1.0}            | s.yaml: network.dropout: must be a number in [0, 1), got 1.0
          cpusPerTrial: 0                    | s.yaml: cpusPerTrial: must be a positive integer, got 0
          cpusPerTrial: {vgg: 2}             | s.yaml: cpusPerTrial.vgg: is not a network family (known: cnn, mlp, resnet, tiny, broken), got 2
          cpusPerTrial: {resnet: 0.5}        | s.yaml: cpusPerTrial.resnet: must be a positive integer, got 0.5
          mode: parallel                     | s.yaml: mode: unknown mode (known: trials, data-parallel), got "parallel"
          name: 'my sweep'                   | s.yaml: name: must use only letters, digits, '.', '_' and '-', got "my sweep"
          - just a list                      | s.yaml: the spec must be a mapping of keys to values, got ["just a list"]
          """)
  void namesTheKeyAndValueOfEveryBadInput(String spec, String expected) {
    assertEquals(expected, error(spec.replace("\\n", "\n")));
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
