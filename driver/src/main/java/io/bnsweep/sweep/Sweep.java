package io.bnsweep.sweep;

import io.bnsweep.axis.Axes;
import io.bnsweep.plan.SweepPlan;
import io.bnsweep.report.ReportModel;
import io.bnsweep.report.ReportOptions;
import io.bnsweep.report.SweepRecord;
import io.bnsweep.report.stats.DecisionContext;
import io.bnsweep.schedule.GridPolicy;
import io.bnsweep.schedule.RoundPolicy;
import io.bnsweep.schedule.SequentialPolicy;
import io.bnsweep.schedule.TunePolicy;
import io.bnsweep.spec.SweepSpec;
import io.bnsweep.spec.SweepSpec.CompareSpec;
import io.bnsweep.store.LedgerWriteException;
import io.bnsweep.store.OutputLock;
import io.bnsweep.store.ResultSink;
import io.bnsweep.store.ResultStore;
import io.bnsweep.store.Resume;
import io.bnsweep.store.StoreException;
import io.bnsweep.store.WriteFailedException;
import io.bnsweep.trial.Segment;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A sweep run end to end: plan, then resume (what the output directory already holds), then the
 * schedule ({@link RoundPolicy}: one round, or rounds of seeds) driven by {@link SweepLoop} over
 * the backend ({@link SparkBackend}: Spark, one task per trial or data-parallel), each result kept
 * in the ledger as it arrives.
 *
 * <p>All work runs on one SparkContext, started when there is first work, so a policy can add
 * trials as results come (more seeds where a comparison is undecided) without restarting Spark.
 * Every result is in the ledger before the policy decides on it, so a sweep stopped at any point
 * resumes from the ledger alone.
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

  /** Every trial whose result belongs to this sweep, in plan order (see SweepPlan#allTrials). */
  private final List<Trial> all;

  private final Map<String, Trial> planned;

  private Sweep(SweepPlan plan, Options options, PrintWriter log) {
    this.plan = plan;
    this.options = options;
    this.log = log;
    this.dir = plan.spec().output();
    this.all = plan.allTrials();
    this.planned = all.stream().collect(Collectors.toMap(Trial::id, Function.identity()));
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
   *     plan does not have without {@link Options#force}: nothing was written
   * @throws WriteFailedException if a result could not be kept once the sweep ran (a full disk, a
   *     removed output directory); its message says what is kept and how to resume
   */
  public List<TrialResult> run() {
    ResultStore.checkUsable(dir);
    MasterCheck.requireReachable(
        options.master() != null ? options.master() : System.getProperty("spark.master"));
    // one run per output directory: locked before anything in it is read or moved (a directory
    // that does not exist yet is locked when it is made, before the first write)
    LazyStore store = new LazyStore(Files.isDirectory(dir) ? OutputLock.acquire(dir, log) : null);
    try {
      return runLocked(store);
    } finally {
      store.close();
    }
  }

  private List<TrialResult> runLocked(LazyStore store) {
    if (options.restart()) {
      Path aside = ResultStore.moveAside(dir);
      if (aside != null) {
        log("--restart: moved the previous results to %s", aside);
      }
    }
    // the ledger as it stands, read once: resume, the policy's replay and the progress start from
    // it (without its damaged lines, which are moved aside below)
    ResultStore.Ledger scanned = ResultStore.scan(dir);
    List<TrialResult> ledger = scanned.results();
    Resume resume = Resume.of(all, ledger, options.retryFailed());
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
    if (!scanned.damaged().isEmpty()) {
      // under the lock, before the ledger is opened for appending: the trials those lines held
      // have no result now, so this run runs them
      List<ResultStore.DamagedLine> moved = ResultStore.moveDamaged(dir);
      log(
          "%s: moved %d damaged line%s (%s) to %s; a trial with no other result runs again",
          dir.resolve(ResultStore.RESULTS),
          moved.size(),
          moved.size() == 1 ? "" : "s",
          ResultStore.lineNumbers(moved),
          dir.resolve(ResultStore.DAMAGED));
    }
    List<Integer> looks = plan.spec().decisions().looks();
    if (plan.tune().isPresent()) {
      io.bnsweep.spec.TuneSpec tune = plan.tune().get().spec();
      log(
          "%s: tune, then compare: %d variants, each searched over %d configurations of %s"
              + " (rungs %s epochs, eta %d), then confirmed on %s seeds%s; %d results kept,"
              + " output %s",
          plan.spec().name(),
          plan.variants().size(),
          tune.configurations(),
          String.join(", ", tune.axisNames()),
          tune.rungs().epochs(),
          tune.eta(),
          looks.isEmpty()
              ? String.valueOf(plan.spec().seeds().size())
              : looks.get(0) + " to " + looks.get(looks.size() - 1) + " sequential",
          tune.alsoFixed() ? " (and at the spec's own settings)" : "",
          results().size(),
          dir);
    } else {
      log(
          "%s: %s trials (%d variants x %s seeds), %s to run, %d complete, %d failed kept%s,"
              + " output %s",
          plan.spec().name(),
          looks.isEmpty() ? plan.trials().size() : "up to " + plan.trials().size(),
          plan.variants().size(),
          looks.isEmpty()
              ? String.valueOf(plan.spec().seeds().size())
              : looks.get(0) + " to " + looks.get(looks.size() - 1) + " sequential",
          looks.isEmpty() ? String.valueOf(resume.pending().size()) : "rounds of seeds",
          resume.complete(),
          resume.failed(),
          resume.failed() > 0 ? " (--retry-failed reruns them)" : "",
          dir);
    }
    RoundPolicy policy = policy(resume, ledger);
    List<Integer> firstLook = plan.spec().decisions().looks();
    SweepProgress progress =
        plan.tune().isPresent()
            ? new SweepProgress(
                plan.tune()
                    .get()
                    .expectedSegments(
                        firstLook.isEmpty() ? plan.spec().seeds().size() : firstLook.get(0)),
                ledger.size(),
                log,
                plan.swept())
            : new SweepProgress(
                plan.trials().size(), resume.complete() + resume.failed(), log, plan.swept());
    try {
      new SweepLoop(
              policy,
              () -> {
                // Spark first: cores that fit no executor are bad input, refused before any write
                SparkBackend backend = SparkBackend.start(backendSettings(), progress);
                store.open();
                return backend;
              },
              store,
              progress,
              TRANSIENT_ATTEMPTS,
              segments -> logRound(policy, segments))
          .run();
    } catch (LedgerWriteException e) {
      throw new WriteFailedException(whatIsKept("cannot keep results: " + e.getMessage()), e);
    }
    return results();
  }

  /** How many times a trial that fails transiently is tried within one run. */
  static final int TRANSIENT_ATTEMPTS = 2;

  /** The schedule: rounds of seeds for a sequential design, else one round of what is pending. */
  private RoundPolicy policy(Resume resume, List<TrialResult> ledger) {
    SweepSpec spec = plan.spec();
    Optional<CompareSpec> compare =
        spec.compare().or(() -> ReportModel.defaultCompare(plan.swept(), plan.variants()));
    if (plan.tune().isPresent()) {
      List<TrialResult> lines =
          ledger.stream()
              .filter(r -> planned.containsKey(r.trialId()))
              .map(r -> r.withVariant(planned.get(r.trialId()).variant()))
              .toList();
      List<Trial> fixed =
          plan.trials().stream()
              .filter(t -> t.variant().find(Axes.STAGE).orElse("fixed").equals("fixed"))
              .toList();
      return new TunePolicy(
          plan.tune().get(),
          spec,
          fixed,
          variants -> DecisionContext.of(variants, compare, spec.decisions()),
          lines,
          options.retryFailed());
    }
    if (!spec.decisions().sequential()) {
      return new GridPolicy(resume.pending());
    }
    // what the ledger holds, minus what this run retries (failed ones, with --retry-failed, and
    // transient failures always); a failure of this run stays until it ends, so no trial is asked
    // for twice in a run
    List<TrialResult> kept =
        results().stream()
            .filter(r -> !r.isFailed() || !(options.retryFailed() || r.isTransientFailure()))
            .toList();
    return new SequentialPolicy(
        plan.trials(),
        plan.variants(),
        DecisionContext.of(plan.variants(), compare, spec.decisions()),
        kept);
  }

  private boolean choicesLogged;

  private void logRound(RoundPolicy policy, List<Segment> segments) {
    if (policy instanceof TunePolicy tune && tune.choices().isPresent() && !choicesLogged) {
      choicesLogged = true;
      tune.choices()
          .get()
          .forEach(
              (arm, chosen) ->
                  log(
                      "search done: %s chose %s",
                      arm.label(plan.swept()),
                      chosen.variant().label(plan.tune().get().spec().axisNames())));
    }
    if (policy instanceof SequentialPolicy sequential) {
      log(
          "round %d: %d trials (%d variants, up to seed %d)",
          sequential.round(),
          segments.size(),
          segments.stream().map(s -> s.trial().variant()).distinct().count(),
          segments.stream().mapToLong(s -> s.trial().seed()).max().orElse(0));
    }
  }

  private SparkBackend.Settings backendSettings() {
    SweepSpec spec = plan.spec();
    return new SparkBackend.Settings(
        "bnsweep " + spec.name(),
        options.master(),
        spec.mode(),
        spec.cpus(),
        plan.trials(),
        spec.trialTimeLimit().orElse(null),
        new CheckpointLocation(spec.checkpointLocation()),
        spec.checkpoints().isPresent(),
        spec.checkpointEvery(),
        log,
        dir,
        spec.trialDeaths());
  }

  /**
   * The ledger, opened when the first work starts (with {@code sweep.json} beside it, which {@code
   * report DIR} reads), so that a run with nothing to do writes nothing.
   */
  private final class LazyStore implements ResultSink {
    private final io.bnsweep.checkpoint.CheckpointStore checkpoints =
        new CheckpointLocation(plan.spec().checkpointLocation()).open();
    private final RunningMarks marks = RunningMarks.in(dir);
    private ResultStore store;
    private OutputLock lock;

    LazyStore(OutputLock lock) {
      this.lock = lock;
    }

    void open() {
      if (lock == null) {
        try {
          Files.createDirectories(dir);
        } catch (java.io.IOException e) {
          throw new StoreException(
              "output " + dir + ": cannot create it (" + e.getMessage() + ")", e);
        }
        lock = OutputLock.acquire(dir, log);
      }
      store = ResultStore.open(dir);
      SweepRecord.of(ReportOptions.of(plan.spec())).write(dir);
    }

    @Override
    public void keep(TrialResult result) {
      store.keep(result);
      try {
        marks.clear(result.trialId()); // it is no longer running: its result is in the ledger
      } catch (java.io.IOException | RuntimeException e) {
        log("could not remove the running mark of trial %s: %s", result.trialId(), e.getMessage());
      }
      if (result.isComplete() || (result.isFailed() && !result.isTransientFailure())) {
        // nothing will continue it: a transient failure keeps its checkpoint for the retry, and a
        // paused search trial for its promotion
        try {
          checkpoints.delete(result.trialId());
        } catch (java.io.IOException | RuntimeException e) {
          log("could not delete the checkpoint of trial %s: %s", result.trialId(), e.getMessage());
        }
      }
    }

    void close() {
      if (store != null) {
        store.close();
      }
      if (lock != null) {
        lock.close();
      }
    }
  }

  /**
   * {@code failure}, then which results are kept and where, and how to resume: for a write that
   * failed after results existed.
   */
  public String whatIsKept(String failure) {
    Path ledger = dir.resolve(ResultStore.RESULTS);
    if (!Files.exists(ledger)) {
      return failure
          + "; "
          + ledger
          + " is gone, so no result of this sweep is kept there; once the output directory is"
          + " back (or another is chosen with --out), the same command runs the sweep again";
    }
    String kept;
    try {
      kept = finished() + " of " + planned.size() + " trials finished are kept in " + ledger;
    } catch (StoreException unreadable) {
      kept =
          "the results written before it are in " + ledger + " (" + unreadable.getMessage() + ")";
    }
    return failure
        + "; "
        + kept
        + "; once the disk has room, run the same command again to resume (it runs only the"
        + " missing trials), or 'bnsweep report "
        + dir
        + "' for their tables";
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
}
