package io.bnsweep.sweep;

import io.bnsweep.data.Dataset;
import io.bnsweep.data.DatasetCache;
import io.bnsweep.data.DatasetException;
import io.bnsweep.data.DatasetLocator;
import java.io.PrintWriter;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.collection.Iterator;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;

/**
 * Gets a sweep's dataset to the driver and to every executor.
 *
 * <p>The driver decodes the dataset before Spark starts, to validate the spec against it. On a
 * cluster, executors first try the location as given (a shared or identically installed directory);
 * if some cannot read it, the driver ships its four files with {@code SparkContext.addFile} and
 * says so. A URI ({@code hdfs://}, {@code s3a://}, {@code file://}) is always shipped: Spark
 * fetches it once per executor. A probe job then decodes the dataset on the executors, which both
 * warms each JVM's cache and fails the sweep early, once, with the reason, if an executor still
 * cannot read it.
 */
public final class DatasetShipping {
  private DatasetShipping() {}

  /**
   * The dataset decoded on the driver; a URI is copied to a local temporary directory first.
   *
   * @throws DatasetException naming the dataset and what is wrong
   */
  public static Dataset loadOnDriver(String dataset) {
    if (HadoopDatasets.isUri(dataset)) {
      Path local =
          LOCAL_COPIES.computeIfAbsent(
              dataset, uri -> HadoopDatasets.copyToLocal(uri, hadoopConf()));
      return DatasetCache.get(local.toString());
    }
    return DatasetCache.get(dataset);
  }

  /** URI datasets already copied to this driver, so each is copied once per JVM. */
  private static final Map<String, Path> LOCAL_COPIES = new ConcurrentHashMap<>();

  /**
   * Makes {@code dataset} readable on every executor of {@code jsc} and returns how they read it.
   *
   * @throws DatasetException if an executor cannot read it even after shipping
   */
  public static DatasetRef prepare(JavaSparkContext jsc, String dataset, PrintWriter log) {
    if (HadoopDatasets.isUri(dataset)) {
      for (URI file : HadoopDatasets.files(dataset, jsc.hadoopConfiguration())) {
        jsc.addFile(file.toString());
      }
      return probed(jsc, new DatasetRef(dataset, true));
    }
    DatasetRef direct = new DatasetRef(dataset, false);
    if (jsc.isLocal()) {
      return direct; // the executor is this JVM, which has decoded it already
    }
    List<String> failures = probe(jsc, direct);
    if (failures.isEmpty()) {
      return direct;
    }
    List<Path> files = DatasetLocator.locate(dataset).all();
    long bytes = 0;
    for (Path file : files) {
      bytes += file.toFile().length();
      jsc.addFile(file.toAbsolutePath().toString());
    }
    log.printf(
        Locale.ROOT,
        "[bnsweep] dataset '%s' is not readable on every executor (%s); shipping its 4 files"
            + " (%.1f MB) with SparkContext.addFile%n",
        dataset,
        failures.get(0),
        bytes / 1e6);
    log.flush();
    return probed(jsc, new DatasetRef(dataset, true));
  }

  private static DatasetRef probed(JavaSparkContext jsc, DatasetRef ref) {
    List<String> failures = probe(jsc, ref);
    if (!failures.isEmpty()) {
      throw new DatasetException(
          "dataset '"
              + ref.location()
              + "': "
              + failures.get(0)
              + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more)" : ""));
    }
    return ref;
  }

  /** Decodes the dataset in one task per executor core; returns what failed, one per executor. */
  private static List<String> probe(JavaSparkContext jsc, DatasetRef ref) {
    int slots = Math.max(1, jsc.defaultParallelism());
    JavaRDD<Integer> rdd = jsc.parallelize(IntStream.range(0, slots).boxed().toList(), slots);
    jsc.setJobDescription("bnsweep: check the dataset on every executor");
    Object outcomes =
        jsc.sc().runJob(rdd.rdd(), new Probe(ref), ClassTag$.MODULE$.apply(String.class));
    List<String> failures = new ArrayList<>();
    for (String outcome : (String[]) outcomes) {
      if (!outcome.isEmpty() && !failures.contains(outcome)) {
        failures.add(outcome);
      }
    }
    return failures;
  }

  /** Hadoop settings for the driver before Spark starts: defaults plus {@code spark.hadoop.*}. */
  private static Configuration hadoopConf() {
    Configuration conf = new Configuration();
    for (Map.Entry<Object, Object> p : System.getProperties().entrySet()) {
      String key = p.getKey().toString();
      if (key.startsWith("spark.hadoop.")) {
        conf.set(key.substring("spark.hadoop.".length()), p.getValue().toString());
      }
    }
    return conf;
  }

  /** Decodes the dataset on an executor; returns "" or why it cannot. */
  private static final class Probe extends AbstractFunction2<TaskContext, Iterator<Integer>, String>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final DatasetRef ref;

    Probe(DatasetRef ref) {
      this.ref = ref;
    }

    @Override
    public String apply(TaskContext task, Iterator<Integer> ignored) {
      try {
        ref.load();
        return "";
      } catch (DatasetException e) {
        return "executor "
            + SparkEnv.get().executorId()
            + " on "
            + host()
            + " cannot read it: "
            + e.getMessage();
      }
    }

    private static String host() {
      try {
        return java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.net.UnknownHostException e) {
        return "an unknown host";
      }
    }
  }
}
