package io.bnsweep.sweep;

import io.bnsweep.axis.Axes;
import io.bnsweep.data.Dataset;
import io.bnsweep.data.DatasetKey;
import io.bnsweep.network.NetworkFamilies;
import io.bnsweep.spec.CpusPerTrial;
import io.bnsweep.spec.ExecutionMode;
import io.bnsweep.spec.SpecException;
import io.bnsweep.trial.NativeThreads;
import io.bnsweep.trial.Segment;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.resource.ResourceProfile;

/**
 * Spark as a {@link TrialBackend}: one SparkContext for the sweep; each submitted batch is one
 * Spark job (one per group of trials that take the same cores, run one group after another), on a
 * thread of its own, so several batches run at once and share the executors' slots (a search
 * submits one single-task job per segment, as results free slots). Each result is queued the moment
 * its task ends. In data-parallel mode a batch's trials run one after another, each on the whole
 * cluster.
 *
 * <p>A trial that kills the JVM running it ({@link TrialDeaths}) does not stop the sweep. On a
 * cluster, {@link ExecutorLosses} traces each lost executor to the trials it ran and cancels a job
 * once one of its trials reaches the limit; the job's thread then records that trial FAILED, reruns
 * a trial whose deaths were shared alone on a whole executor, and resubmits the job's other trials
 * as a new job. Embedded, the executor is this JVM: each trial marks itself as running beside the
 * ledger ({@link RunningMarks}), and a later run finds the marks of the run that died and reruns
 * those trials first, each alone in a JVM of its own ({@link IsolatedTrial}), until one completes
 * or its deaths reach the limit.
 */
public final class SparkBackend implements TrialBackend {
  /** How long a cluster's first executor may take to register before cores are checked. */
  static final long EXECUTOR_WAIT_MILLIS = 60_000;

  /** What the backend runs with. */
  public record Settings(
      String appName,
      String master,
      ExecutionMode mode,
      CpusPerTrial cpus,
      List<Trial> planned,
      Duration timeLimit,
      CheckpointLocation checkpoints,
      boolean checkpointsGiven,
      Duration checkpointEvery,
      PrintWriter log,
      Path output,
      int trialDeaths) {}

  /** How long a failed job's thread waits for the listener to have seen the job's end. */
  private static final long JOB_END_WAIT_MILLIS = 10_000;

  private final Settings settings;
  private final JavaSparkContext jsc;
  private final SweepProgress progress;
  private final int threads;
  private final Optional<Integer> localCores;
  private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
  private final ExecutorService jobs = Executors.newCachedThreadPool(SparkBackend::jobThread);
  private final SlotUse slotUse = new SlotUse();
  private final int slots;
  private final TrialDeaths deaths;
  private final RunningMarks marks;
  private final ExecutorLosses losses;
  private DatasetRef shipped;
  private Dataset onDriver;

  private SparkBackend(Settings settings, SweepProgress progress) {
    this.settings = settings;
    SparkConf conf =
        SweepContexts.conf(
            settings.appName(),
            settings.master(),
            settings.planned().stream()
                .mapToInt(t -> settings.cpus().of(t.variant()).orElse(1))
                .max()
                .orElse(1));
    // on YARN the application ends after this many executor failures: leave room for every
    // trial's deaths, which bnsweep bounds itself
    conf.setIfMissing(
        "spark.executor.maxNumFailures",
        String.valueOf(
            Math.max(3, 2 * conf.getInt("spark.executor.instances", 2))
                + settings.trialDeaths() * settings.planned().size()));
    this.jsc = SweepContexts.start(conf);
    this.progress = progress;
    this.threads = SweepContexts.threadsPerTrial(conf);
    this.localCores = TrialCores.localCores(jsc.master());
    requireCoresFit();
    // a location given in the spec is checked from every slot before any trial runs (the default,
    // under the output directory, is the driver's own and is made when the first trial saves)
    if (settings.checkpointsGiven() && settings.mode() != ExecutionMode.DATA_PARALLEL) {
      try {
        CheckpointProbe.check(jsc, settings.checkpoints());
      } catch (SpecException e) {
        jsc.stop();
        throw e;
      }
    }
    // the cores Spark reports (the embedded master's N, or the executors' cores) over one task's;
    // 1 in data-parallel mode, where a trial takes the whole cluster
    this.slots =
        settings.mode() == ExecutionMode.DATA_PARALLEL
            ? 1
            : Math.max(1, jsc.defaultParallelism() / threads);
    jsc.sc().addSparkListener(progress.listener());
    jsc.sc().addSparkListener(slotUse);
    if (localCores.isPresent()) {
      // embedded: the deaths of earlier runs' JVMs, from the marks they left
      this.marks = RunningMarks.in(settings.output());
      this.deaths =
          RunningMarks.deaths(
              settings.output(), ProcessHandle.current().pid(), settings.trialDeaths());
      this.losses = null;
    } else {
      this.marks = null;
      this.deaths = new TrialDeaths(settings.trialDeaths());
      this.losses =
          new ExecutorLosses(deaths, (job, why) -> jsc.sc().cancelJob(job, why), settings.log());
      jsc.sc().addSparkListener(losses);
    }
  }

  /**
   * Starts Spark for a sweep and checks that every planned trial's cores fit.
   *
   * @throws SpecException if some trial's cores fit no executor (Spark is stopped again)
   */
  public static SparkBackend start(Settings settings, SweepProgress progress) {
    return new SparkBackend(settings, progress);
  }

  private static Thread jobThread(Runnable r) {
    Thread t = new Thread(r, "bnsweep-job");
    t.setDaemon(true);
    return t;
  }

  @Override
  public void submit(List<Segment> segments) {
    DatasetKey dataset = segments.get(0).trial().datasetKey();
    if (settings.mode() != ExecutionMode.DATA_PARALLEL && shipped == null) {
      // the dataset is checked on the executors before anything is run
      shipped = DatasetShipping.prepare(jsc, dataset, settings.log());
    }
    if (settings.mode() == ExecutionMode.DATA_PARALLEL && onDriver == null) {
      onDriver = DatasetShipping.loadOnDriver(dataset);
    }
    jobs.submit(
        () -> {
          try {
            runBatch(segments);
          } catch (Throwable e) { // Spark's SparkException is a checked one, thrown from Scala
            arrived.add(e);
          }
        });
  }

  private void runBatch(List<Segment> segments) throws Exception {
    if (settings.mode() == ExecutionMode.DATA_PARALLEL) {
      DataParallelSweep.run(
          jsc,
          segments.stream().map(Segment::trial).toList(),
          threads,
          settings.timeLimit(),
          onDriver,
          arrived::add);
      return;
    }
    // the stage of a tuned comparison the batch belongs to, for SlotUse (a local property is the
    // submitting thread's, and this pool's threads are reused: set it, or clear it, every time)
    jsc.setLocalProperty(
        SlotUse.STAGE,
        segments.stream()
            .map(s -> s.trial().variant().find(Axes.STAGE).orElse("fixed"))
            .distinct()
            .reduce((a, b) -> a + "+" + b)
            .orElse(null));
    if (marks != null) {
      segments = runSuspectsAlone(segments);
    }
    Map<Integer, List<Segment>> groups = TrialCores.groups(segments, settings.cpus(), threads);
    for (Map.Entry<Integer, List<Segment>> group : groups.entrySet()) {
      int cpus = group.getKey();
      if (groups.size() > 1) {
        settings
            .log()
            .printf(
                Locale.ROOT,
                "[bnsweep] %d trials of %d core%s each%n",
                group.getValue().size(),
                cpus,
                cpus == 1 ? "" : "s");
        settings.log().flush();
      }
      runSurviving(group.getValue(), cpus);
    }
  }

  private RunTrial task(int cpus) {
    return new RunTrial(
        cpus,
        shipped,
        settings.timeLimit(),
        localCores.map(n -> cpus == threads ? 0 : n).orElse(0),
        settings.checkpoints(),
        settings.checkpointEvery(),
        marks == null ? null : marks.dir().toAbsolutePath().toString());
  }

  /**
   * Runs {@code segments} as one job. On a cluster, a job that executor deaths ended (cancelled by
   * {@link ExecutorLosses} at a trial's limit, or aborted by Spark after a task's retries) is not
   * the sweep's end: a trial with a verdict is recorded FAILED, a trial at the limit without one is
   * rerun alone on a whole executor, and the job's trials that have no result are resubmitted as a
   * new job. Any other failure fails the sweep, as before.
   */
  private void runSurviving(List<Segment> segments, int cpus) throws Exception {
    Deque<Job> queue = new ArrayDeque<>();
    queue.add(new Job(segments, TrialCores.profile(cpus, threads, localCores.isPresent())));
    while (!queue.isEmpty()) {
      Job job = queue.poll();
      Set<String> handed = ConcurrentHashMap.newKeySet();
      String key = losses == null ? null : losses.register(job.segments());
      try {
        SparkSweep.runJob(
            jsc,
            job.segments(),
            task(cpus),
            job.profile(),
            key,
            r -> {
              handed.add(r.trialId());
              arrived.add(r);
            });
      } catch (Exception e) { // Spark's SparkException is a checked one, thrown from Scala
        if (losses == null) {
          throw e;
        }
        losses.awaitEnd(key, JOB_END_WAIT_MILLIS);
        if (!losses.cancelled(key) && !causeChain(e).contains("ExecutorLostFailure")) {
          throw e; // not an executor's death: the sweep fails, saying why
        }
        List<Segment> again = new ArrayList<>();
        for (Segment s : job.segments()) {
          String id = s.trial().id();
          if (handed.contains(id)) {
            continue;
          }
          if (deaths.verdict(id)) {
            arrived.add(deaths.failed(s)); // its progress line says why
          } else if (deaths.atLimit(id)) {
            log(
                "trial %s was running on executors that died %d times, beside other trials:"
                    + " running it again alone on a whole executor",
                id, deaths.count(id));
            queue.add(new Job(List.of(s), TrialCores.whole(jsc, cpus, threads)));
          } else {
            again.add(s);
          }
        }
        if (!again.isEmpty()) {
          log(
              "%d trial%s of the ended job had no result yet: submitting them again as a new job",
              again.size(), again.size() == 1 ? "" : "s");
          queue.addFirst(new Job(again, job.profile()));
        }
      } finally {
        if (key != null) {
          losses.unregister(key);
        }
      }
    }
  }

  /** A job to run: its segments, and the resources its tasks ask for. */
  private record Job(List<Segment> segments, Optional<ResourceProfile> profile) {}

  private static String causeChain(Throwable e) {
    StringBuilder text = new StringBuilder();
    java.util.Set<Throwable> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
      text.append(t.getMessage()).append('\n');
    }
    return text.toString();
  }

  /**
   * Embedded: runs first, each alone in a JVM of its own, the trials of {@code segments} that were
   * running when an earlier run's JVM died, and returns the others. A trial whose isolated JVM dies
   * is run again alone until its deaths reach the limit, then recorded FAILED.
   */
  private List<Segment> runSuspectsAlone(List<Segment> segments)
      throws java.io.IOException, InterruptedException {
    List<Segment> rest = new ArrayList<>();
    for (Segment s : segments) {
      if (deaths.count(s.trial().id()) == 0) {
        rest.add(s);
        continue;
      }
      runAlone(s);
    }
    return rest;
  }

  private void runAlone(Segment segment) throws java.io.IOException, InterruptedException {
    String id = segment.trial().id();
    int cpus = settings.cpus().of(segment.trial().variant()).orElse(threads);
    while (!deaths.verdict(id)) {
      TrialDeaths.Death last = deaths.of(id).get(deaths.count(id) - 1);
      log(
          "trial %s: %s; running it alone in a JVM of its own (%d of %d deaths allowed so far)",
          id, last.describe(id), deaths.count(id), deaths.limit());
      IsolatedTrial.Outcome outcome;
      TrialCores.acquire(cpus, localCores.orElseThrow());
      try {
        outcome =
            IsolatedTrial.run(
                new IsolatedTrial.Request(
                    segment,
                    cpus,
                    segment.trial().datasetKey(),
                    settings.timeLimit() == null ? null : settings.timeLimit().toMillis(),
                    settings.checkpoints() == null ? null : settings.checkpoints().location(),
                    settings.checkpointEvery().toMillis()),
                settings.log(),
                pid -> marks.started(id, pid, true));
      } finally {
        TrialCores.release(cpus, localCores.orElseThrow());
      }
      if (outcome.result().isPresent()) {
        TrialResult result = outcome.result().get();
        arrived.add(result.provenance() == null ? result : result.withExecutorId("isolated"));
        return;
      }
      marks.died(id, outcome.pid(), outcome.exitCode());
      deaths.add(
          id,
          new TrialDeaths.Death(
              TrialDeaths.Death.Kind.ISOLATED,
              Long.toString(outcome.pid()),
              Set.of(id),
              true,
              "exit code " + outcome.exitCode()));
    }
    arrived.add(deaths.failed(segment)); // its progress line says why
  }

  private void log(String format, Object... args) {
    PrintWriter log = settings.log();
    synchronized (log) {
      log.printf(Locale.ROOT, "[bnsweep] " + format + "%n", args);
      log.flush();
    }
  }

  /** How many segments run at once (see the constructor). */
  @Override
  public int slots() {
    return slots;
  }

  @Override
  public Optional<TrialResult> poll(Duration timeout) throws InterruptedException {
    Object next = arrived.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (next instanceof RuntimeException e) {
      throw e;
    }
    if (next instanceof Error e) {
      throw e;
    }
    if (next instanceof Throwable e) {
      throw new java.util.concurrent.CompletionException(e);
    }
    return Optional.ofNullable((TrialResult) next);
  }

  @Override
  public void close() {
    jobs.shutdownNow();
    jsc.sc().removeSparkListener(progress.listener());
    jsc.sc().removeSparkListener(slotUse);
    if (losses != null) {
      jsc.sc().removeSparkListener(losses);
    }
    slotUse.describe(slots()).forEach(line -> settings.log().println("[bnsweep] " + line));
    settings.log().flush();
    jsc.stop();
  }

  /** Every trial's cores fit on some executor (or the embedded master), checked before any runs. */
  private void requireCoresFit() {
    CpusPerTrial cpus = settings.cpus();
    // each family checked once, with the most cores any of its trials takes
    Map<String, Integer> most = new java.util.TreeMap<>();
    for (Trial t : settings.planned()) {
      most.merge(
          NetworkFamilies.of(t.variant()).name(), cpus.of(t.variant()).orElse(threads), Math::max);
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
}
