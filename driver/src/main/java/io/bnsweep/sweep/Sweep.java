package io.bnsweep.sweep;

import io.bnsweep.axis.Axes;
import io.bnsweep.data.Dataset;
import io.bnsweep.data.DatasetKey;
import io.bnsweep.network.NetworkFamilies;
import io.bnsweep.plan.SweepPlan;
import io.bnsweep.report.ReportModel;
import io.bnsweep.report.ReportOptions;
import io.bnsweep.report.SweepRecord;
import io.bnsweep.report.stats.ComparisonFamily;
import io.bnsweep.report.stats.DecisionRule;
import io.bnsweep.report.stats.SeedTable;
import io.bnsweep.spec.CpusPerTrial;
import io.bnsweep.spec.ExecutionMode;
import io.bnsweep.spec.SpecException;
import io.bnsweep.spec.SweepSpec;
import io.bnsweep.spec.SweepSpec.CompareSpec;
import io.bnsweep.store.LedgerWriteException;
import io.bnsweep.store.ResultStore;
import io.bnsweep.store.Resume;
import io.bnsweep.store.StoreException;
import io.bnsweep.store.WriteFailedException;
import io.bnsweep.trial.NativeThreads;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.Variant;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
   *     plan does not have without {@link Options#force}: nothing was written
   * @throws WriteFailedException if a result could not be kept once the sweep ran (a full disk, a
   *     removed output directory); its message says what is kept and how to resume
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
    List<Integer> looks = plan.spec().decisions().looks();
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
    if (plan.spec().decisions().sequential()) {
      sequential(resume);
    } else if (!resume.pending().isEmpty()) {
      try (Session session = Session.start(this, resume.complete() + resume.failed())) {
        session.round(resume.pending());
      } catch (LedgerWriteException e) {
        throw new WriteFailedException(whatIsKept("cannot keep results: " + e.getMessage()), e);
      }
    }
    return results();
  }

  /**
   * Sequential seeding: after each round, the decisions on the ledger so far choose the next round
   * ({@link ComparisonFamily#nextRound}): the seeds of the next look, for the variants of the
   * comparisons still undecided. The ledger alone decides, so a rerun continues the same looks.
   */
  private void sequential(Resume resume) {
    SweepSpec spec = plan.spec();
    Optional<CompareSpec> compare =
        spec.compare().or(() -> ReportModel.defaultCompare(plan.swept(), plan.variants()));
    String axis = compare.map(CompareSpec::axis).orElse(null);
    Object baseline =
        compare
            .flatMap(
                c ->
                    plan.variants().stream()
                        .map(v -> v.settings().get(c.axis()))
                        .filter(v -> v != null && Axes.get(c.axis()).text(v).equals(c.baseline()))
                        .findFirst())
            .orElse(null);
    List<Integer> looks = spec.decisions().looks();
    DecisionRule rule =
        new DecisionRule(
            spec.decisions().alpha(),
            spec.decisions().margin(),
            baseline == null ? 1 : ComparisonFamily.size(plan.variants(), axis, baseline),
            looks.size());
    Map<Variant, Map<Long, Trial>> bySeed = new HashMap<>();
    plan.trials()
        .forEach(t -> bySeed.computeIfAbsent(t.variant(), v -> new HashMap<>()).put(t.seed(), t));
    Session session = null;
    try {
      for (int round = 1; ; round++) {
        List<TrialResult> kept =
            results().stream().filter(r -> r.isComplete() || !options.retryFailed()).toList();
        SeedTable table = SeedTable.of(kept);
        Map<Variant, List<Long>> next =
            baseline == null
                ? firstLookOnly(table, looks.get(0))
                : ComparisonFamily.nextRound(table, plan.variants(), axis, baseline, rule, looks);
        List<Trial> trials = new ArrayList<>();
        next.forEach(
            (v, seeds) ->
                seeds.forEach(seed -> trials.add(bySeed.getOrDefault(v, Map.of()).get(seed))));
        trials.removeIf(java.util.Objects::isNull);
        if (trials.isEmpty()) {
          break;
        }
        log(
            "round %d: %d trials (%d variants, up to seed %d)",
            round,
            trials.size(),
            next.size(),
            next.values().stream().mapToLong(s -> s.get(s.size() - 1)).max().orElse(0));
        if (session == null) {
          session = Session.start(this, resume.complete() + resume.failed());
        }
        session.round(trials);
      }
    } catch (LedgerWriteException e) {
      throw new WriteFailedException(whatIsKept("cannot keep results: " + e.getMessage()), e);
    } finally {
      if (session != null) {
        session.close();
      }
    }
  }

  /** Without comparisons, sequential seeding runs the first look's seeds and stops. */
  private Map<Variant, List<Long>> firstLookOnly(SeedTable table, int seeds) {
    Map<Variant, List<Long>> missing = new java.util.LinkedHashMap<>();
    for (Variant v : plan.variants()) {
      List<Long> need = new ArrayList<>();
      for (long seed = 1; seed <= seeds; seed++) {
        if (!table.run(v).contains(seed)) {
          need.add(seed);
        }
      }
      if (!need.isEmpty()) {
        missing.put(v, need);
      }
    }
    return missing;
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

  /**
   * One SparkContext for a sweep: any number of rounds, each a Spark job whose results are appended
   * to the ledger as they arrive. Closing it stops Spark.
   */
  public static final class Session implements AutoCloseable {
    /** How long a cluster's first executor may take to register before cores are checked. */
    static final long EXECUTOR_WAIT_MILLIS = 60_000;

    private final Sweep sweep;
    private final SparkConf conf;
    private final JavaSparkContext jsc;
    private final SweepProgress progress;
    private final int threads;
    private final Optional<Integer> localCores;
    private final Duration limit;
    private DatasetRef shipped;
    private Dataset onDriver;

    private Session(Sweep sweep, int doneBefore) {
      this.sweep = sweep;
      this.conf =
          SweepContexts.conf(
              "bnsweep " + sweep.plan.spec().name(),
              sweep.options.master(),
              sweep.plan.trials().stream()
                  .mapToInt(t -> sweep.plan.spec().cpus().of(t.variant()).orElse(1))
                  .max()
                  .orElse(1));
      this.jsc = SweepContexts.start(conf);
      this.progress =
          new SweepProgress(sweep.plan.trials().size(), doneBefore, sweep.log, sweep.plan.swept());
      this.threads = SweepContexts.threadsPerTrial(conf);
      this.limit = sweep.plan.spec().trialTimeLimit().orElse(null);
      this.localCores = TrialCores.localCores(jsc.master());
      requireCoresFit();
    }

    /**
     * Every trial's cores fit on some executor (or the embedded master), checked before any runs.
     */
    private void requireCoresFit() {
      CpusPerTrial cpus = sweep.plan.spec().cpus();
      // each family checked once, with the most cores any of its trials takes
      Map<String, Integer> most = new java.util.TreeMap<>();
      for (Trial t : sweep.plan.trials()) {
        most.merge(
            NetworkFamilies.of(t.variant()).name(),
            cpus.of(t.variant()).orElse(threads),
            Math::max);
      }
      for (Map.Entry<String, Integer> entry : most.entrySet()) {
        int c = entry.getValue();
        String family = " (network.family " + entry.getKey() + ")";
        if (localCores.isPresent() && c > localCores.get()) {
          jsc.stop();
          throw new SpecException(
              "cpusPerTrial: "
                  + c
                  + family
                  + " is more than the "
                  + localCores.get()
                  + " cores of the embedded master "
                  + jsc.master());
        }
        if (localCores.isPresent() && c > NativeThreads.pool()) {
          jsc.stop();
          throw new SpecException(
              "cpusPerTrial: "
                  + c
                  + family
                  + " needs "
                  + c
                  + " native threads, and this JVM's native pool has "
                  + NativeThreads.pool()
                  + " (sized once from OMP_NUM_THREADS): run bnsweep with OMP_NUM_THREADS="
                  + c
                  + " or more");
        }
        if (localCores.isEmpty() && c != threads) {
          try {
            TrialCores.requireFits(jsc, c, family, EXECUTOR_WAIT_MILLIS);
          } catch (SpecException e) {
            jsc.stop();
            throw e;
          }
        }
      }
    }

    /** Starts Spark for {@code sweep}, whose output already holds {@code doneBefore} results. */
    static Session start(Sweep sweep, int doneBefore) {
      return new Session(sweep, doneBefore);
    }

    /** Runs {@code trials} as one Spark job, appending each result to the ledger as it arrives. */
    public void round(List<Trial> trials) {
      DatasetKey dataset = trials.get(0).datasetKey();
      if (sweep.plan.spec().mode() != ExecutionMode.DATA_PARALLEL && shipped == null) {
        // the dataset is checked on the executors before anything is written
        shipped = DatasetShipping.prepare(jsc, dataset, sweep.log);
      }
      try (ResultStore store = ResultStore.open(sweep.dir)) {
        // what the reports need beyond the results (report DIR reads it), before the first one
        SweepRecord.of(ReportOptions.of(sweep.plan.spec())).write(sweep.dir);
        if (sweep.plan.spec().mode() == ExecutionMode.DATA_PARALLEL) {
          if (onDriver == null) {
            onDriver = DatasetShipping.loadOnDriver(dataset);
          }
          DataParallelSweep.run(jsc, trials, threads, limit, onDriver, progress, store::append);
        } else {
          Map<Integer, List<Trial>> groups =
              TrialCores.groups(trials, sweep.plan.spec().cpus(), threads);
          for (Map.Entry<Integer, List<Trial>> group : groups.entrySet()) {
            int cpus = group.getKey();
            if (groups.size() > 1) {
              sweep.log(
                  "%d trials of %d core%s each",
                  group.getValue().size(), cpus, cpus == 1 ? "" : "s");
            }
            SparkSweep.run(
                jsc,
                group.getValue(),
                new RunTrial(
                    cpus, shipped, limit, localCores.map(n -> cpus == threads ? 0 : n).orElse(0)),
                TrialCores.profile(cpus, threads, localCores.isPresent()),
                progress,
                store::append);
          }
        }
      }
    }

    @Override
    public void close() {
      jsc.stop();
    }
  }
}
