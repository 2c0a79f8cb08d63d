package io.bnsweep.sweep;

import io.bnsweep.data.Dataset;
import io.bnsweep.data.DatasetKey;
import io.bnsweep.plan.SweepPlan;
import io.bnsweep.spec.ExecutionMode;
import io.bnsweep.store.ResultStore;
import io.bnsweep.store.Resume;
import io.bnsweep.store.StoreException;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A sweep run end to end: plan, then resume (what the output directory already holds), then the
 * backend (Spark, one task per trial or data-parallel), then the ledger (each result appended as it
 * arrives).
 *
 * <p>Trials run as a sequence of rounds on one SparkContext ({@link Session}), each round one Spark
 * job, so a sweep can add trials between rounds (more seeds where a comparison is undecided, or
 * groups of trials with different cores) without restarting Spark. Every round's results are in the
 * ledger before the next starts, so a sweep stopped between or during rounds resumes from the
 * ledger alone.
 */
public final class Sweep {
  /**
   * How the sweep treats its output directory and where Spark runs.
   *
   * @param master the Spark master URL, or {@code null} for spark-submit's or embedded local[*]
   * @param restart move the output's results aside first
   * @param retryFailed rerun trials whose last result is FAILED
   * @param force run even if the output holds results of trials this plan does not have
   */
  public record Options(String master, boolean restart, boolean retryFailed, boolean force) {}

  private final SweepPlan plan;
  private final Options options;
  private final PrintWriter log;
  private final Path dir;
  private final Map<String, Trial> planned;

  private Sweep(SweepPlan plan, Options options, PrintWriter log) {
    this.plan = plan;
    this.options = options;
    this.log = log;
    this.dir = plan.spec().output();
    this.planned = plan.trials().stream().collect(Collectors.toMap(Trial::id, Function.identity()));
  }

  /** The sweep of {@code plan}, logging what it does to {@code log}. */
  public static Sweep of(SweepPlan plan, Options options, PrintWriter log) {
    return new Sweep(plan, options, log);
  }

  /**
   * Runs every trial that has no result to keep yet and returns the last result of each planned
   * trial in the ledger, each carrying its trial's resolved settings.
   *
   * @throws StoreException if the output directory is unusable, or holds results of trials this
   *     plan does not have without {@link Options#force}
   */
  public List<TrialResult> run() {
    ResultStore.checkUsable(dir);
    MasterCheck.requireReachable(
        options.master() != null ? options.master() : System.getProperty("spark.master"));
    if (options.restart()) {
      Path aside = ResultStore.moveAside(dir);
      if (aside != null) {
        log("--restart: moved the previous results to %s", aside);
      }
    }
    Resume resume = Resume.of(plan.trials(), ResultStore.read(dir), options.retryFailed());
    if (!resume.foreign().isEmpty() && !options.force()) {
      throw new StoreException(
          "output "
              + dir
              + " holds results of "
              + resume.foreign().size()
              + " trials this spec does not plan (the spec changed in a way that changes trial"
              + " ids; results from before stratified subsets keep their ids with 'subset: first'"
              + " in the spec, the old data); use --restart to move them aside and start over,"
              + " or --force to keep them and run this spec's trials beside them");
    }
    log(
        "%s: %d trials (%d variants x %d seeds), %d to run, %d complete, %d failed kept%s,"
            + " output %s",
        plan.spec().name(),
        plan.trials().size(),
        plan.variants().size(),
        plan.spec().seeds().size(),
        resume.pending().size(),
        resume.complete(),
        resume.failed(),
        resume.failed() > 0 ? " (--retry-failed reruns them)" : "",
        dir);
    if (!resume.pending().isEmpty()) {
      try (Session session = Session.start(this, resume.complete() + resume.failed())) {
        session.round(resume.pending());
      }
    }
    return results();
  }

  /**
   * The last result of each planned trial in the ledger, with the trial's resolved settings (a
   * result written before every setting was recorded gets them from its trial id's plan).
   */
  public List<TrialResult> results() {
    return ResultStore.latestPerTrial(ResultStore.read(dir)).stream()
        .filter(r -> planned.containsKey(r.trialId()))
        .map(r -> r.withVariant(planned.get(r.trialId()).variant()))
        .toList();
  }

  /** How many planned trials have a result in the ledger now. */
  public int finished() {
    return results().size();
  }

  /** The output directory. */
  public Path output() {
    return dir;
  }

  private void log(String format, Object... args) {
    log.printf(Locale.ROOT, "[bnsweep] " + format + "%n", args);
    log.flush();
  }

  /**
   * One SparkContext for a sweep: any number of rounds, each a Spark job whose results are appended
   * to the ledger as they arrive. Closing it stops Spark.
   */
  public static final class Session implements AutoCloseable {
    private final Sweep sweep;
    private final SparkConf conf;
    private final JavaSparkContext jsc;
    private final SweepProgress progress;
    private final int threads;
    private final Duration limit;
    private DatasetRef shipped;
    private Dataset onDriver;

    private Session(Sweep sweep, int doneBefore) {
      this.sweep = sweep;
      this.conf = SweepContexts.conf("bnsweep " + sweep.plan.spec().name(), sweep.options.master());
      this.jsc = SweepContexts.start(conf);
      this.progress =
          new SweepProgress(sweep.plan.trials().size(), doneBefore, sweep.log, sweep.plan.swept());
      this.threads = SweepContexts.threadsPerTrial(conf);
      this.limit = sweep.plan.spec().trialTimeLimit().orElse(null);
    }

    /** Starts Spark for {@code sweep}, whose output already holds {@code doneBefore} results. */
    static Session start(Sweep sweep, int doneBefore) {
      return new Session(sweep, doneBefore);
    }

    /** Runs {@code trials} as one Spark job, appending each result to the ledger as it arrives. */
    public void round(List<Trial> trials) {
      DatasetKey dataset = trials.get(0).datasetKey();
      try (ResultStore store = ResultStore.open(sweep.dir)) {
        if (sweep.plan.spec().mode() == ExecutionMode.DATA_PARALLEL) {
          if (onDriver == null) {
            onDriver = DatasetShipping.loadOnDriver(dataset);
          }
          DataParallelSweep.run(jsc, trials, threads, limit, onDriver, progress, store::append);
        } else {
          if (shipped == null) {
            // the dataset is checked on the executors before anything is written
            shipped = DatasetShipping.prepare(jsc, dataset, sweep.log);
          }
          SparkSweep.run(jsc, trials, threads, limit, shipped, progress, store::append);
        }
      }
    }

    @Override
    public void close() {
      jsc.stop();
    }
  }
}
