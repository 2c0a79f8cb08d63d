package io.bnsweep.spec;

import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.NetworkShape;
import io.bnsweep.variant.Placement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A validated sweep spec: what to sweep, how every trial trains, and where results go.
 *
 * @param name the sweep's name (letters, digits, {@code . _ -})
 * @param dataset a known dataset name or a directory holding the four IDX files
 * @param trainSize training examples to use, or empty for the whole split
 * @param testSize test examples to use, or empty for the whole split
 * @param epochs passes over the training subset
 * @param batchSize examples per minibatch
 * @param learningRate Adam's learning rate
 * @param seeds the seeds every variant runs with
 * @param placements the placement axis, in the spec's order
 * @param activations the activation axis, in the spec's order
 * @param network the network's shape
 * @param output the output directory
 * @param mode how the sweep uses the cluster
 * @param trialTimeLimit wall time after which a trial FAILS, or empty for none
 */
public record SweepSpec(
    String name,
    String dataset,
    OptionalInt trainSize,
    OptionalInt testSize,
    int epochs,
    int batchSize,
    double learningRate,
    List<Long> seeds,
    List<Placement> placements,
    List<ActivationKind> activations,
    NetworkShape network,
    Path output,
    ExecutionMode mode,
    Optional<Duration> trialTimeLimit) {

  public SweepSpec {
    seeds = List.copyOf(seeds);
    placements = List.copyOf(placements);
    activations = List.copyOf(activations);
  }

  /** This spec writing to {@code dir} instead. */
  public SweepSpec withOutput(Path dir) {
    return new SweepSpec(
        name,
        dataset,
        trainSize,
        testSize,
        epochs,
        batchSize,
        learningRate,
        seeds,
        placements,
        activations,
        network,
        dir,
        mode,
        trialTimeLimit);
  }
}
