package io.bnsweep.spec;

import io.bnsweep.axis.Axes;
import io.bnsweep.data.CifarLabels;
import io.bnsweep.data.DataSource;
import io.bnsweep.data.DatasetKey;
import io.bnsweep.plan.SearchSpace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A validated sweep spec: what to sweep, what to compare, and where results go.
 *
 * @param name the sweep's name (letters, digits, {@code . _ -})
 * @param space every setting with its values, and random search if any
 * @param seeds the seeds every variant may run with (1 to max for sequential seeding)
 * @param compare the axis compared and its baseline, or empty for the default (placement against
 *     {@code before}, when placement is swept)
 * @param decisions how comparisons are decided, and the looks of sequential seeding
 * @param table the accuracy table's rows and columns, where the spec chooses them
 * @param output the output directory
 * @param mode how the sweep uses the cluster
 * @param trialTimeLimit wall time after which a trial FAILS, or empty for none
 * @param cpus the cores each trial's task takes
 * @param tune tune, then compare ({@code tune:}), or empty
 * @param checkpoints where trials checkpoint ({@code checkpoints:}, a path or a Hadoop file system
 *     URI every executor can write), or empty for the output directory's {@code checkpoints/}
 * @param checkpointEvery the least time between two checkpoints of a trial ({@code
 *     checkpointEvery:}, seconds; zero: after every epoch)
 * @param trialDeaths how many times a trial may take down the JVM running it (a native crash, the
 *     OS's out-of-memory killer, {@code System.exit} in a plugin) before it is recorded FAILED
 *     ({@code trialDeaths:}, at least 1; default {@link #DEFAULT_TRIAL_DEATHS})
 */
public record SweepSpec(
    String name,
    SearchSpace space,
    List<Long> seeds,
    Optional<CompareSpec> compare,
    Decisions decisions,
    TableSpec table,
    Path output,
    ExecutionMode mode,
    Optional<Duration> trialTimeLimit,
    CpusPerTrial cpus,
    Optional<TuneSpec> tune,
    Optional<String> checkpoints,
    Duration checkpointEvery,
    int trialDeaths) {

  /** Deaths of its JVM a trial may cause before it is FAILED, unless the spec says otherwise. */
  public static final int DEFAULT_TRIAL_DEATHS = 2;

  public SweepSpec {
    seeds = List.copyOf(seeds);
  }

  /**
   * {@code compare: {axis: placement, baseline: before}}: every other value of {@code axis} is
   * compared with {@code baseline}, within each combination of the other axes.
   *
   * @param axis the compared axis's name
   * @param baseline the canonical text of the baseline value
   */
  public record CompareSpec(String axis, String baseline) {}

  /**
   * How comparisons are decided: {@code compare.alpha} and {@code compare.equivalenceMargin}, and
   * the looks of a sequential design ({@code seeds: {min, max, step}}).
   *
   * @param alpha the family-wise error rate of every claim, in (0, 0.5)
   * @param margin the equivalence margin as a fraction of accuracy (the spec gives points)
   * @param looks seeds per variant at each look, {@code min, min + step, ..., max}; empty for a
   *     fixed list of seeds (one look on every seed)
   * @param metric what the comparisons decide on: {@code test} accuracy, or {@code validation}
   *     accuracy (on the split {@code validationSize} holds out of the training set)
   */
  public record Decisions(double alpha, double margin, List<Integer> looks, String metric) {
    /** Alpha 0.05, a margin of one point, one look, test accuracy. */
    public static final Decisions DEFAULT = new Decisions(0.05, 0.01, List.of(), "test");

    /** The metrics comparisons can decide on. */
    public static final List<String> METRICS = List.of("test", "validation");

    public Decisions {
      looks = List.copyOf(looks);
      metric = metric == null ? "test" : metric;
    }

    /** True if the comparisons decide on validation accuracy. */
    public boolean onValidation() {
      return metric.equals("validation");
    }

    /** True if seeds are added in rounds. */
    public boolean sequential() {
      return !looks.isEmpty();
    }
  }

  /**
   * {@code table: {rows: placement, columns: activation}}: the accuracy table's axes; every other
   * swept axis becomes a facet.
   *
   * @param rows the rows' axis, or empty for the default (the compared axis)
   * @param columns the columns' axis, or empty for the default (the next swept axis)
   */
  public record TableSpec(Optional<String> rows, Optional<String> columns) {
    /** The defaults. */
    public static final TableSpec DEFAULT = new TableSpec(Optional.empty(), Optional.empty());
  }

  /** The location of the dataset every trial reads (one per sweep: it is not sweepable). */
  public String dataset() {
    return datasetKey().location();
  }

  /**
   * The dataset every trial reads, with its decoding options (scalar-only settings, so one per
   * sweep).
   */
  public DatasetKey datasetKey() {
    List<Object> resize = space.values(Axes.RESIZE.name());
    @SuppressWarnings("unchecked") // the resize axis's type reads a List<Integer>
    List<Integer> size = resize.isEmpty() ? List.of() : (List<Integer>) resize.get(0);
    return new DatasetKey(
        ((DataSource) space.values(Axes.DATASET.name()).get(0)).location(),
        ((DataSource) space.values(Axes.DATASET.name()).get(0)).format(),
        (CifarLabels) space.values(Axes.LABELS.name()).get(0),
        size);
  }

  /**
   * Where trials checkpoint: {@code checkpoints:}, or the output directory's {@code checkpoints/}.
   */
  public String checkpointLocation() {
    return checkpoints.orElse(output.resolve("checkpoints").toAbsolutePath().toString());
  }

  /** This spec writing to {@code dir} instead. */
  public SweepSpec withOutput(Path dir) {
    return new SweepSpec(
        name,
        space,
        seeds,
        compare,
        decisions,
        table,
        dir,
        mode,
        trialTimeLimit,
        cpus,
        tune,
        checkpoints,
        checkpointEvery,
        trialDeaths);
  }
}
