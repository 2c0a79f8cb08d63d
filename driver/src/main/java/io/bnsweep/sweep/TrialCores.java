package io.bnsweep.sweep;

import io.bnsweep.spec.CpusPerTrial;
import io.bnsweep.spec.SpecException;
import io.bnsweep.trial.Segment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.resource.ResourceProfileBuilder;
import org.apache.spark.resource.TaskResourceRequests;
import org.apache.spark.status.api.v1.ExecutorSummary;
import scala.collection.JavaConverters;

/**
 * Trials that take different numbers of cores ({@link CpusPerTrial}) run as groups, one Spark job
 * per group and one group at a time: ND4J's thread limit is per process ({@code
 * io.bnsweep.trial.NativeThreads}), so trials with different cores must never share an executor at
 * once.
 *
 * <p>On a cluster each group's tasks ask for their cores through Spark's stage-level scheduling: a
 * {@code TaskResourceProfile} (cpus only) on the group's RDD, which runs on the executors the
 * application already has (Spark 3.4 and later on standalone, 3.5 on YARN and Kubernetes, with
 * dynamic allocation off). Embedded {@code local[N]} has no stage-level scheduling: every task
 * takes one of N slots, and a trial of c cores first takes c permits of a JVM-wide semaphore of N
 * ({@link #acquire}), so at most N cores' worth of trials run at once.
 */
final class TrialCores {
  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?\\])?");
  private static Semaphore cores;
  private static int coresSize;

  private TrialCores() {}

  /** {@code segments} grouped by their cores, groups in the order their first segment comes. */
  static Map<Integer, List<Segment>> groups(
      List<Segment> segments, CpusPerTrial cpus, int taskCpus) {
    Map<Integer, List<Segment>> groups = new LinkedHashMap<>();
    for (Segment s : segments) {
      int c = cpus.of(s.trial().variant()).orElse(taskCpus);
      groups.computeIfAbsent(c, k -> new ArrayList<>()).add(s);
    }
    return groups;
  }

  /**
   * The cores of an embedded master ({@code local[N]}, {@code local[*]}, {@code local}), or empty.
   */
  static Optional<Integer> localCores(String master) {
    Matcher m = LOCAL.matcher(master.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    String n = m.group(1);
    return Optional.of(
        n == null
            ? 1
            : n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n));
  }

  /** The profile asking for {@code cpus} per task on a cluster, or empty where none is needed. */
  static Optional<ResourceProfile> profile(int cpus, int taskCpus, boolean local) {
    if (local || cpus == taskCpus) {
      return Optional.empty();
    }
    return Optional.of(
        new ResourceProfileBuilder().require(new TaskResourceRequests().cpus(cpus)).build());
  }

  /**
   * The profile a trial of {@code cpus} cores runs with alone on a cluster: its task takes every
   * core of the largest executor, so no other task shares that executor's JVM while it runs (a
   * trial suspected of killing its executor, rerun so that a death is its own). The trial itself
   * still runs with {@code cpus} threads.
   */
  static Optional<ResourceProfile> whole(JavaSparkContext jsc, int cpus, int taskCpus) {
    int most = 0;
    for (ExecutorSummary e :
        JavaConverters.seqAsJavaList(jsc.sc().statusStore().executorList(true))) {
      if (!e.id().equals("driver")) {
        most = Math.max(most, e.totalCores());
      }
    }
    return profile(Math.max(most, cpus), taskCpus, false);
  }

  /**
   * Checks, once executors have registered, that some executor has {@code cpus} cores.
   *
   * @param waitMillis how long to wait for the first executor before checking
   * @throws SpecException if every executor has fewer cores than {@code cpus}
   */
  static void requireFits(JavaSparkContext jsc, int cpus, String why, long waitMillis) {
    int most = 0;
    long deadline = System.currentTimeMillis() + waitMillis;
    while (true) {
      List<ExecutorSummary> executors =
          JavaConverters.seqAsJavaList(jsc.sc().statusStore().executorList(true));
      for (ExecutorSummary e : executors) {
        if (!e.id().equals("driver")) {
          most = Math.max(most, e.totalCores());
        }
      }
      if (most > 0 || System.currentTimeMillis() > deadline) {
        break;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (most > 0 && cpus > most) {
      throw new SpecException(
          "cpusPerTrial: "
              + cpus
              + why
              + " is more than the cores of every executor (the most any has is "
              + most
              + "); give executors more cores (spark.executor.cores) or ask for fewer");
    }
  }

  /**
   * Takes {@code cpus} of the {@code total} cores of this JVM's embedded master, waiting until they
   * are free; {@link #release} gives them back.
   */
  static void acquire(int cpus, int total) throws InterruptedException {
    semaphore(total).acquire(Math.min(cpus, total));
  }

  /** Gives back what {@link #acquire} took. */
  static void release(int cpus, int total) {
    semaphore(total).release(Math.min(cpus, total));
  }

  private static synchronized Semaphore semaphore(int total) {
    if (cores == null || coresSize != total) {
      cores = new Semaphore(total, true);
      coresSize = total;
    }
    return cores;
  }
}
