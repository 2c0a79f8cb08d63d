package io.bnsweep.sweep;

import io.bnsweep.trial.Segment;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.TaskInfo;
import scala.collection.JavaConverters;

/**
 * On a cluster, which trials were running on each executor when it died, from Spark's listener
 * events: a task's start names its executor; a task that ends in {@code ExecutorLostFailure} (its
 * executor exited "caused by one of the running tasks") is a death of that executor, shared by
 * every task running there at that moment; {@code SparkListenerExecutorRemoved} adds the cluster
 * manager's reason (on standalone, "Command exited with code 137") when it comes.
 *
 * <p>Each death is added to the {@link TrialDeaths} of every trial it took. When a trial reaches
 * the limit, its job is cancelled at once, so that Spark's own retries ({@code
 * spark.task.maxFailures}, 4 on a cluster) do not kill more executors; the job's thread then
 * records the verdict, reruns suspects alone, and resubmits the job's other trials ({@link
 * SparkBackend}).
 *
 * <p>Jobs are known by a local property ({@link #JOB}) set on the thread that runs them, naming the
 * segments registered for them here; a task's partition index is its segment's position.
 */
final class ExecutorLosses extends SparkListener {
  /** The local property naming a job's registered segments. */
  static final String JOB = "bnsweep.job";

  private final TrialDeaths deaths;
  private final BiConsumer<Integer, String> cancel;
  private final PrintWriter log;
  private final AtomicLong next = new AtomicLong();

  private final Map<String, List<Segment>> segments = new HashMap<>();
  private final Map<Integer, String> stageJob = new HashMap<>();
  private final Map<String, Integer> jobIds = new HashMap<>();
  private final Set<String> ended = new HashSet<>();
  private final Set<String> cancelled = new HashSet<>();
  private final Map<String, Map<Long, String>> running = new HashMap<>();
  private final Map<String, TrialDeaths.Death> lost = new HashMap<>();
  private final Map<String, String> removedReasons = new HashMap<>();

  /**
   * @param cancel cancels a Spark job (its id, and why)
   * @param log where each death is said
   */
  ExecutorLosses(TrialDeaths deaths, BiConsumer<Integer, String> cancel, PrintWriter log) {
    this.deaths = deaths;
    this.cancel = cancel;
    this.log = log;
  }

  /** Registers the segments of a job about to run; the returned key goes in {@link #JOB}. */
  synchronized String register(List<Segment> jobSegments) {
    String key = "j" + next.incrementAndGet();
    segments.put(key, List.copyOf(jobSegments));
    return key;
  }

  /** Forgets a job that has ended. */
  synchronized void unregister(String key) {
    segments.remove(key);
    ended.remove(key);
    cancelled.remove(key);
    jobIds.remove(key);
    stageJob.values().removeIf(key::equals);
  }

  /** True if this listener cancelled job {@code key} (a trial of it reached the limit). */
  synchronized boolean cancelled(String key) {
    return cancelled.contains(key);
  }

  /**
   * Waits until the listener has seen job {@code key} end (so it has seen every task end before it:
   * Spark's listener bus delivers in order), at most {@code millis}.
   */
  synchronized void awaitEnd(String key, long millis) throws InterruptedException {
    long end = System.currentTimeMillis() + millis;
    while (!ended.contains(key)) {
      long left = end - System.currentTimeMillis();
      if (left <= 0) {
        return;
      }
      wait(left);
    }
  }

  @Override
  public synchronized void onJobStart(SparkListenerJobStart start) {
    Properties properties = start.properties();
    String key = properties == null ? null : properties.getProperty(JOB);
    if (key == null || !segments.containsKey(key)) {
      return;
    }
    jobIds.put(key, start.jobId());
    for (Object stage : JavaConverters.seqAsJavaList(start.stageIds())) {
      stageJob.put((Integer) stage, key);
    }
  }

  @Override
  public synchronized void onJobEnd(SparkListenerJobEnd end) {
    for (Map.Entry<String, Integer> job : jobIds.entrySet()) {
      if (job.getValue() == end.jobId()) {
        ended.add(job.getKey());
        notifyAll();
      }
    }
  }

  @Override
  public synchronized void onTaskStart(SparkListenerTaskStart start) {
    String trial = trialOf(start.stageId(), start.taskInfo());
    if (trial != null) {
      running
          .computeIfAbsent(start.taskInfo().executorId(), k -> new LinkedHashMap<>())
          .put(start.taskInfo().taskId(), trial);
    }
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
    TaskInfo info = end.taskInfo();
    String trial = trialOf(end.stageId(), info);
    if (trial == null) {
      return;
    }
    String executor = info.executorId();
    Map<Long, String> onExecutor = running.getOrDefault(executor, new LinkedHashMap<>());
    if (end.reason() instanceof ExecutorLostFailure failure && failure.exitCausedByApp()) {
      // the first of the executor's lost tasks sees every trial it was running
      TrialDeaths.Death death =
          lost.computeIfAbsent(
              executor,
              id -> {
                Set<String> trials = new HashSet<>(onExecutor.values());
                trials.add(trial);
                return new TrialDeaths.Death(
                    TrialDeaths.Death.Kind.EXECUTOR,
                    id + " on " + info.host(),
                    trials,
                    true,
                    failure.reason().isDefined() ? failure.reason().get() : null);
              });
      death.note(removedReasons.get(executor));
      deaths.add(trial, death);
      say(trial, death);
      String key = stageJob.get(end.stageId());
      if (deaths.atLimit(trial) && cancelled.add(key) && jobIds.containsKey(key)) {
        cancel.accept(
            jobIds.get(key),
            "bnsweep: trial "
                + trial
                + (deaths.verdict(trial)
                    ? " took its executor down " + deaths.count(trial) + " times"
                    : " was running on executors that died " + deaths.count(trial) + " times"));
      }
    }
    onExecutor.remove(info.taskId());
  }

  @Override
  public synchronized void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
    removedReasons.put(removed.executorId(), removed.reason());
    TrialDeaths.Death death = lost.get(removed.executorId());
    if (death != null) {
      death.note(removed.reason());
    }
    // its running tasks are forgotten as their ends arrive, which may come after this
  }

  private void say(String trial, TrialDeaths.Death death) {
    synchronized (log) {
      log.printf(
          Locale.ROOT,
          "[bnsweep] trial %s: %s (its death %d; trialDeaths: %d)%n",
          trial,
          death.describe(trial),
          deaths.count(trial),
          deaths.limit());
      log.flush();
    }
  }

  private String trialOf(int stageId, TaskInfo info) {
    String key = stageJob.get(stageId);
    List<Segment> job = key == null ? null : segments.get(key);
    if (job == null || info.index() >= job.size()) {
      return null;
    }
    return job.get(info.index()).trial().id();
  }
}
