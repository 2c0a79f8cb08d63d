package io.bnsweep.sweep;

import io.bnsweep.trial.Segment;
import io.bnsweep.trial.TrialResult;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.resource.ResourceProfile;
import scala.collection.Iterator;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs trial segments on Spark, one segment per task, and hands each result over the moment its
 * task finishes, not only after the whole job.
 *
 * <p>One partition per segment lets the scheduler spread them over every free executor core. Spark
 * calls the result handler once per partition even when a task ran twice (a retry, a speculative
 * copy), so each segment's result is handed over once.
 */
public final class SparkSweep {
  private static final ClassTag<TrialResult> RESULT = ClassTag$.MODULE$.apply(TrialResult.class);

  private SparkSweep() {}

  /**
   * Runs {@code segments} as one Spark job, each task asking for {@code profile}'s cores if there
   * is one, and blocks until the job ends; {@code onArrival} is called on Spark's scheduler thread
   * for each result as its task ends, so it must only hand the result over. {@code jobKey}, if not
   * null, is set as the job's {@link ExecutorLosses#JOB} property, so that executor losses can be
   * traced to its trials.
   *
   * @throws org.apache.spark.SparkException (unchecked here) if Spark gives up on the job, for
   *     example after a task's retries are exhausted; results already handed over stay handed over
   */
  static void runJob(
      JavaSparkContext jsc,
      List<Segment> segments,
      TrialTask task,
      Optional<ResourceProfile> profile,
      String jobKey,
      Consumer<TrialResult> onArrival) {
    if (segments.isEmpty()) {
      return;
    }
    JavaRDD<Segment> parallel = jsc.parallelize(segments, segments.size());
    JavaRDD<Segment> rdd = profile.map(parallel::withResources).orElse(parallel);
    jsc.setJobDescription(
        "bnsweep: "
            + segments.size()
            + (segments.size() == 1 ? " trial " + segments.get(0).trial().id() : " trials"));
    jsc.setLocalProperty(ExecutorLosses.JOB, jobKey);
    try {
      jsc.sc()
          .runJob(
              rdd.rdd(),
              new OneSegmentPartition(task),
              partitions(segments.size()),
              new HandOver(onArrival),
              RESULT);
    } finally {
      jsc.setLocalProperty(ExecutorLosses.JOB, null);
    }
  }

  /**
   * Runs {@code segments} as one job and calls {@code onResult} on this thread for each result as
   * it arrives (a convenience for benchmarks and tools; sweeps go through {@link SparkBackend}).
   */
  public static void run(
      JavaSparkContext jsc,
      List<Segment> segments,
      TrialTask task,
      SweepProgress progress,
      Consumer<TrialResult> onResult) {
    jsc.sc().addSparkListener(progress.listener());
    BlockingQueue<TrialResult> arrived = new LinkedBlockingQueue<>();
    CompletableFuture<Void> job =
        CompletableFuture.runAsync(
            () -> runJob(jsc, segments, task, Optional.empty(), null, arrived::add));
    try {
      while (!job.isDone() || !arrived.isEmpty()) {
        TrialResult result = arrived.poll(200, TimeUnit.MILLISECONDS);
        if (result != null) {
          progress.keepThenReport(result, onResult);
        }
        progress.tick();
      }
      job.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      jsc.cancelAllJobs();
      throw new IllegalStateException("interrupted while the sweep ran", e);
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : e;
    } finally {
      jsc.sc().removeSparkListener(progress.listener());
    }
  }

  private static Seq<Object> partitions(int count) {
    List<Object> ids = IntStream.range(0, count).boxed().<Object>map(i -> i).toList();
    return JavaConverters.asScalaBufferConverter(ids).asScala().toSeq();
  }

  /** The task body: runs the one segment of its partition and tags the result with the executor. */
  private static final class OneSegmentPartition
      extends AbstractFunction2<TaskContext, Iterator<Segment>, TrialResult>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final TrialTask task;

    OneSegmentPartition(TrialTask task) {
      this.task = task;
    }

    @Override
    public TrialResult apply(TaskContext context, Iterator<Segment> segments) {
      Segment segment = segments.next();
      if (segments.hasNext()) {
        throw new IllegalStateException("a partition must hold exactly one segment");
      }
      return task.run(segment).withExecutorId(SparkEnv.get().executorId());
    }
  }

  /** Runs on the driver's scheduler thread: only hands the result over. */
  private static final class HandOver extends AbstractFunction2<Object, TrialResult, BoxedUnit> {
    private final Consumer<TrialResult> onArrival;

    HandOver(Consumer<TrialResult> onArrival) {
      this.onArrival = onArrival;
    }

    @Override
    public BoxedUnit apply(Object partition, TrialResult result) {
      onArrival.accept(result);
      return BoxedUnit.UNIT;
    }
  }
}
