package io.bnsweep.sweep;

import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import java.io.Serializable;
import java.time.Duration;
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
 * Runs trials on Spark, one trial per task, and hands each result to the caller the moment its task
 * finishes, not only after the whole job.
 *
 * <p>One partition per trial lets the scheduler spread trials over every free executor core.
 */
public final class SparkSweep {
  private static final ClassTag<TrialResult> RESULT = ClassTag$.MODULE$.apply(TrialResult.class);

  private SparkSweep() {}

  /**
   * Runs {@code trials} and calls {@code onResult} on this thread for each result as it arrives.
   *
   * @param timeLimit wall time after which a trial FAILS, or {@code null} for none
   * @param dataset how executors read the dataset (see {@link DatasetShipping#prepare})
   * @param progress told about every result; its listener is registered on the context
   * @throws org.apache.spark.SparkException (unchecked here) if Spark gives up on the job, for
   *     example after a task's retries are exhausted; results already handed over stay handed over
   */
  public static void run(
      JavaSparkContext jsc,
      List<Trial> trials,
      int threadsPerTrial,
      Duration timeLimit,
      DatasetRef dataset,
      SweepProgress progress,
      Consumer<TrialResult> onResult) {
    run(
        jsc,
        trials,
        new RunTrial(threadsPerTrial, dataset, timeLimit, 0),
        Optional.empty(),
        progress,
        onResult);
  }

  /**
   * Runs {@code trials} as {@link #run(JavaSparkContext, List, int, Duration, DatasetRef,
   * SweepProgress, Consumer)} does, each task asking for {@code profile}'s cores if there is one.
   */
  static void run(
      JavaSparkContext jsc,
      List<Trial> trials,
      RunTrial task,
      Optional<ResourceProfile> profile,
      SweepProgress progress,
      Consumer<TrialResult> onResult) {
    runTasks(jsc, trials, task, profile, progress, onResult);
  }

  /**
   * Runs {@code task} on each of {@code trials}, one per Spark task, and calls {@code onResult} on
   * this thread for each result as it arrives.
   */
  public static void run(
      JavaSparkContext jsc,
      List<Trial> trials,
      TrialTask task,
      SweepProgress progress,
      Consumer<TrialResult> onResult) {
    runTasks(jsc, trials, task, Optional.empty(), progress, onResult);
  }

  private static void runTasks(
      JavaSparkContext jsc,
      List<Trial> trials,
      TrialTask task,
      Optional<ResourceProfile> profile,
      SweepProgress progress,
      Consumer<TrialResult> onResult) {
    if (trials.isEmpty()) {
      return;
    }
    jsc.sc().addSparkListener(progress.listener());
    BlockingQueue<TrialResult> arrived = new LinkedBlockingQueue<>();
    JavaRDD<Trial> parallel = jsc.parallelize(trials, trials.size());
    JavaRDD<Trial> rdd = profile.map(parallel::withResources).orElse(parallel);
    jsc.setJobDescription("bnsweep: " + trials.size() + " trials");
    CompletableFuture<Void> job =
        CompletableFuture.runAsync(
            () ->
                jsc.sc()
                    .runJob(
                        rdd.rdd(),
                        new OneTrialPartition(task),
                        partitions(trials.size()),
                        new Enqueue(arrived),
                        RESULT));
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

  /** The task body: runs the one trial of its partition and tags the result with the executor. */
  private static final class OneTrialPartition
      extends AbstractFunction2<TaskContext, Iterator<Trial>, TrialResult> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final TrialTask task;

    OneTrialPartition(TrialTask task) {
      this.task = task;
    }

    @Override
    public TrialResult apply(TaskContext context, Iterator<Trial> trials) {
      Trial trial = trials.next();
      if (trials.hasNext()) {
        throw new IllegalStateException("a partition must hold exactly one trial");
      }
      return task.run(trial).withExecutorId(SparkEnv.get().executorId());
    }
  }

  /** Runs on the driver's scheduler thread: only queues the result. */
  private static final class Enqueue extends AbstractFunction2<Object, TrialResult, BoxedUnit> {
    private final BlockingQueue<TrialResult> queue;

    Enqueue(BlockingQueue<TrialResult> queue) {
      this.queue = queue;
    }

    @Override
    public BoxedUnit apply(Object partition, TrialResult result) {
      queue.add(result);
      return BoxedUnit.UNIT;
    }
  }
}
