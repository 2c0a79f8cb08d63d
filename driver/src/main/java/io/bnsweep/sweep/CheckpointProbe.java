package io.bnsweep.sweep;

import io.bnsweep.checkpoint.CheckpointStore;
import io.bnsweep.spec.SpecException;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.collection.Iterator;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;

/**
 * Checks, before any trial runs, that the executors can use the sweep's checkpoint location: one
 * task per slot writes a small checkpoint under a name of its own, reads it back and deletes it. A
 * location an executor cannot write (a path that exists on the driver's host only, a read-only
 * mount, an HDFS directory without permission) would otherwise fail every trial's first checkpoint,
 * each as a transient failure.
 */
final class CheckpointProbe {
  private static final byte[] CONTENT = {'b', 'n', 's', 'w', 'e', 'e', 'p'};

  private CheckpointProbe() {}

  /**
   * Runs the check on every slot.
   *
   * @throws SpecException naming the location, the first executor that failed and why
   */
  static void check(JavaSparkContext jsc, CheckpointLocation location) {
    int slots = Math.max(1, jsc.defaultParallelism());
    JavaRDD<Integer> rdd = jsc.parallelize(IntStream.range(0, slots).boxed().toList(), slots);
    jsc.setJobDescription("bnsweep: check the checkpoint location on every executor");
    Object outcomes =
        jsc.sc().runJob(rdd.rdd(), new Probe(location), ClassTag$.MODULE$.apply(String.class));
    List<String> failures = new ArrayList<>();
    for (String outcome : (String[]) outcomes) {
      if (!outcome.isEmpty() && !failures.contains(outcome)) {
        failures.add(outcome);
      }
    }
    first(failures)
        .ifPresent(
            failure -> {
              throw new SpecException(
                  "checkpoints: "
                      + location.location()
                      + ": "
                      + failure
                      + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more)" : ""));
            });
  }

  private static Optional<String> first(List<String> failures) {
    return failures.stream().findFirst();
  }

  /** One task's check: empty if it could write, read back and delete, else what went wrong. */
  private static final class Probe extends AbstractFunction2<TaskContext, Iterator<Integer>, String>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final CheckpointLocation location;

    Probe(CheckpointLocation location) {
      this.location = location;
    }

    @Override
    public String apply(TaskContext task, Iterator<Integer> ignored) {
      String id = "probe-" + UUID.randomUUID();
      try {
        CheckpointStore store = location.open();
        store.write(id, CONTENT);
        boolean same = store.read(id).map(b -> Arrays.equals(b, CONTENT)).orElse(false);
        store.delete(id);
        return same ? "" : where() + " wrote a checkpoint and read back something else";
      } catch (IOException | RuntimeException e) {
        return where() + " cannot write there (" + e + ")";
      }
    }

    private static String where() {
      String host;
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.net.UnknownHostException e) {
        host = "an unknown host";
      }
      return "executor " + SparkEnv.get().executorId() + " on " + host;
    }
  }
}
