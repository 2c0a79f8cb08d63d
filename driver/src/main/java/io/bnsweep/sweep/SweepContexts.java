package io.bnsweep.sweep;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.serializer.KryoSerializer;

/**
 * Creates the Spark context a sweep runs in.
 *
 * <p>Under {@code spark-submit} the master and every setting come from it; otherwise Spark starts
 * embedded in {@code local[*]}. Either way Kryo is the serializer with registration required, the
 * project's registrator and ND4J's are installed, and executors get {@code OMP_NUM_THREADS} equal
 * to {@code spark.task.cpus} so that a trial never runs more native threads than its task has
 * cores.
 */
public final class SweepContexts {
  static final String ND4J_REGISTRATOR = "org.nd4j.kryo.Nd4jRegistrator";

  /**
   * Caps on ND4J's off-heap memory (JavaCPP) for executors, unless the user sets their own {@code
   * spark.executor.extraJavaOptions}: arrays at most 1 GiB, and the whole process at most 3 GiB,
   * past which allocations fail (the trial fails) instead of the machine swapping.
   */
  static final String EXECUTOR_OFF_HEAP_LIMITS =
      "-Dorg.bytedeco.javacpp.maxbytes=1g -Dorg.bytedeco.javacpp.maxphysicalbytes=3g";

  private SweepContexts() {}

  /** The Spark configuration for a sweep; {@code master} overrides any configured master. */
  public static SparkConf conf(String appName, String master) {
    SparkConf conf = new SparkConf(true).setAppName(appName);
    if (master != null) {
      conf.setMaster(master);
    } else {
      conf.setIfMissing("spark.master", "local[*]");
    }
    conf.set("spark.serializer", KryoSerializer.class.getName());
    conf.set("spark.kryo.registrationRequired", "true");
    conf.set(
        "spark.kryo.registrator", SweepKryoRegistrator.class.getName() + "," + ND4J_REGISTRATOR);
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", String.valueOf(threadsPerTrial(conf)));
    conf.setIfMissing("spark.executor.extraJavaOptions", EXECUTOR_OFF_HEAP_LIMITS);
    return conf;
  }

  /** Threads each trial may use: {@code spark.task.cpus}. */
  public static int threadsPerTrial(SparkConf conf) {
    return conf.getInt("spark.task.cpus", 1);
  }

  /** A context for {@code conf}. */
  public static JavaSparkContext start(SparkConf conf) {
    JavaSparkContext jsc = new JavaSparkContext(conf);
    jsc.setLogLevel("WARN");
    return jsc;
  }
}
