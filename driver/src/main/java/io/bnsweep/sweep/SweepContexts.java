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

  /** Off-heap ND4J arrays an executor may hold, per task slot. */
  static final long OFF_HEAP_PER_TASK = 1L << 30;

  /** Room for native code, thread stacks and metaspace beyond heap and arrays. */
  static final long NATIVE_HEADROOM = 1L << 30;

  private SweepContexts() {}

  /** The Spark configuration for a sweep; {@code master} overrides any configured master. */
  public static SparkConf conf(String appName, String master) {
    return conf(appName, master, 1);
  }

  /**
   * As {@link #conf(String, String)}, for a sweep whose trials take up to {@code mostThreads}
   * cores: executors' native thread pools get that many ({@code OMP_NUM_THREADS}, read once when an
   * executor starts), unless {@code spark.task.cpus} asks for more.
   */
  public static SparkConf conf(String appName, String master, int mostThreads) {
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
    conf.setIfMissing(
        "spark.executorEnv.OMP_NUM_THREADS",
        String.valueOf(Math.max(mostThreads, threadsPerTrial(conf))));
    conf.setIfMissing("spark.executor.extraJavaOptions", executorMemoryCaps(conf));
    return conf;
  }

  /**
   * JavaCPP's caps on ND4J's off-heap memory for executors, used unless the user sets their own
   * {@code spark.executor.extraJavaOptions}: arrays at most {@link #OFF_HEAP_PER_TASK} per task
   * slot, and the whole process (its RSS, heap included) at most the executor heap plus that plus
   * {@link #NATIVE_HEADROOM}. Past them an allocation fails, and so does the trial, instead of the
   * machine swapping.
   */
  static String executorMemoryCaps(SparkConf conf) {
    long heap = conf.getSizeAsBytes("spark.executor.memory", "1g");
    int cores = conf.getInt("spark.executor.cores", 1);
    long slots = Math.max(1, cores / threadsPerTrial(conf));
    long arrays = OFF_HEAP_PER_TASK * slots;
    return "-Dorg.bytedeco.javacpp.maxbytes="
        + arrays
        + " -Dorg.bytedeco.javacpp.maxphysicalbytes="
        + (heap + arrays + NATIVE_HEADROOM);
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
