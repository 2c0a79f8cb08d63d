package io.bnsweep.bench;

import io.bnsweep.axis.Axes;
import io.bnsweep.data.DataSource;
import io.bnsweep.store.ResultStore;
import io.bnsweep.sweep.SparkSweep;
import io.bnsweep.sweep.SweepContexts;
import io.bnsweep.sweep.SweepProgress;
import io.bnsweep.sweep.TrialTask;
import io.bnsweep.trial.Provenance;
import io.bnsweep.trial.Segment;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.trial.TrialState;
import io.bnsweep.trial.Usage;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Scheduling overhead per trial: a sweep of trials whose training is a no-op, end to end through
 * {@link SparkSweep} on {@code local[2]} (Kryo, one task per trial, results streamed back, the
 * progress line, each result appended and forced to the ledger), wall time divided by trials.
 *
 * <p>Usage: {@code SchedulingOverhead [trials] [rounds]}.
 */
public final class SchedulingOverhead {
  private SchedulingOverhead() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<Trial> trials = new ArrayList<>();
    Variant variant =
        Variant.of(Placement.BEFORE, ActivationKind.RELU)
            .with(Axes.DATASET, DataSource.of("none"))
            .with(Axes.TRAIN_SIZE, 1)
            .with(Axes.TEST_SIZE, 1)
            .with(Axes.BATCH_SIZE, 1);
    for (int i = 0; i < count; i++) {
      trials.add(new Trial(String.format(Locale.ROOT, "noop%08d", i), variant, i));
    }
    long contextStart = System.nanoTime();
    JavaSparkContext jsc = SweepContexts.start(SweepContexts.conf("bnsweep bench", "local[2]"));
    double contextSeconds = (System.nanoTime() - contextStart) / 1e9;
    PrintWriter quiet = new PrintWriter(Writer.nullWriter());
    try {
      System.out.printf(
          Locale.ROOT,
          "local[2], %d no-op trials per round; Spark start %.2f s%n",
          count,
          contextSeconds);
      for (int round = 1; round <= rounds; round++) {
        Path dir = Files.createTempDirectory("bnsweep-bench-");
        long start = System.nanoTime();
        try (ResultStore store = ResultStore.open(dir)) {
          SparkSweep.run(
              jsc,
              trials.stream().map(Segment::whole).toList(),
              new NoOp(),
              new SweepProgress(count, 0, quiet),
              store::append);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int written = ResultStore.read(dir).size();
        System.out.printf(
            Locale.ROOT,
            "round %d: %.2f s for %d trials (%d in the ledger): %.2f ms per trial%n",
            round,
            seconds,
            count,
            written,
            seconds * 1000 / count);
      }
    } finally {
      jsc.stop();
    }
  }

  /** A trial that trains nothing: returns a COMPLETE result at once. */
  static final class NoOp implements TrialTask {
    private static final long serialVersionUID = 1L;

    @Override
    public TrialResult run(Segment segment) {
      Trial trial = segment.trial();
      return new TrialResult(
          trial.id(),
          trial.variant(),
          trial.seed(),
          TrialState.COMPLETE,
          null,
          0.1,
          2.3,
          List.of(),
          0,
          0,
          List.of(),
          null,
          new Usage(0, 0, 0, 0),
          new Provenance(
              "bench", null, "bench", "17", "none", "none", "none", 1, "2026-01-01T00:00:00Z"));
    }
  }
}
