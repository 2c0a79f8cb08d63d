package io.bnsweep.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.axis.Axes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code tune:} section: what it reads, and each refusal as one line naming the key. */
class TuneSectionTest {
  private static final String VALID =
      "validationSize: 500\n"
          + "axes: {placement: [none, before]}\n"
          + "tune: {axes: {learningRate: {loguniform: [0.0001, 0.3]}}, configurations: 9,"
          + " maxEpochs: 3}\n";

  private static SweepSpec yaml(String text) {
    return SpecLoader.parse(text, "s.yaml", false);
  }

  @Test
  void readsTheSectionAndSetsEveryTrialsEpochsToTheLastRung() {
    SweepSpec spec = yaml(VALID);
    TuneSpec tune = spec.tune().orElseThrow();
    assertEquals(List.of("learningRate"), tune.axisNames());
    assertEquals(9, tune.configurations());
    assertEquals(1, tune.minEpochs());
    assertEquals(3, tune.maxEpochs());
    assertEquals(3, tune.eta());
    assertEquals(false, tune.alsoFixed());
    assertEquals(List.of(3), spec.space().values(Axes.EPOCHS.name()));
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("tune: {axes: {learningRate: {loguniform: [0.001, 0.1]}}}", "validationSize"),
        Arguments.of(
            "validationSize: 0\ntune: {axes: {learningRate: {loguniform: [0.001, 0.1]}}}",
            "validationSize"),
        Arguments.of(
            "validationSize: 9\naxes: {learningRate: [0.1, 0.01]}\ntune: {axes: {learningRate: {loguniform: [0.001, 0.1]}}}",
            "axes.learningRate"),
        Arguments.of(
            "validationSize: 9\ntune: {axes: {learningRate: {loguniform: [0.001, 0.1]}}, configurations: 0}",
            "tune.configurations"),
        Arguments.of(
            "validationSize: 9\ntune: {axes: {learningRate: {loguniform: [0.001, 0.1]}}, eta: 1}",
            "tune.eta"),
        Arguments.of(
            "validationSize: 9\ntune: {axes: {learningRate: {loguniform: [0.001, 0.1]}}, minEpochs: 5, maxEpochs: 3}",
            "tune.minEpochs"),
        Arguments.of(
            "validationSize: 9\ncompare: {metric: validation}\ntune: {axes: {learningRate: {loguniform: [0.001, 0.1]}}}",
            "compare.metric"),
        Arguments.of(
            "validationSize: 9\nmode: data-parallel\nseeds: 2\ntune: {axes: {learningRate: {loguniform: [0.001, 0.1]}}}",
            "data-parallel"),
        Arguments.of(
            "validationSize: 9\nepochs: 4\ntune: {axes: {learningRate: {loguniform: [0.001, 0.1]}}, maxEpochs: 3}",
            "epochs"),
        Arguments.of(
            "validationSize: 9\ntune: {axes: {learningRate: 0.1}}", "tune.axes.learningRate"),
        Arguments.of("validationSize: 9\ntune: {axes: {}}", "tune.axes"),
        Arguments.of(
            "validationSize: 9\ntune: {axes: {learningRate: {loguniform: [0.001, 0.1]}}, replicates: 2}",
            "tune.replicates"),
        Arguments.of("stage: search", "stage"));
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void refusesWithOneLineNamingTheKey(String spec, String key) {
    String message = assertThrows(SpecException.class, () -> yaml(spec)).getMessage();
    assertTrue(message.contains(key), message);
    assertEquals(1, message.lines().count(), message);
  }
}
