package io.bnsweep.sweep;

import io.bnsweep.trial.LocalFitter;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.trial.TrialRunner;
import java.io.Serializable;
import java.time.Duration;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

/**
 * The task body: runs the one trial of its partition on the executor and returns its result.
 *
 * <p>The dataset comes from the executor JVM's {@link io.bnsweep.data.DatasetCache} (through {@link
 * DatasetRef#load}), so it is decoded once per JVM however many trials the executor runs.
 */
final class RunTrial extends AbstractFunction2<TaskContext, Iterator<Trial>, TrialResult>
    implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int threads;
  private final DatasetRef dataset;
  private final Duration timeLimit;

  RunTrial(int threads, DatasetRef dataset, Duration timeLimit) {
    this.threads = threads;
    this.dataset = dataset;
    this.timeLimit = timeLimit;
  }

  @Override
  public TrialResult apply(TaskContext task, Iterator<Trial> trials) {
    Trial trial = trials.next();
    if (trials.hasNext()) {
      throw new IllegalStateException("a partition must hold exactly one trial");
    }
    return new TrialRunner(name -> dataset.load(), threads, LocalFitter::new, timeLimit)
        .run(trial)
        .withExecutorId(SparkEnv.get().executorId());
  }
}
