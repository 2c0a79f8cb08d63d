package io.bnsweep.sweep;

import io.bnsweep.data.Dataset;
import io.bnsweep.data.DatasetCache;
import io.bnsweep.data.DatasetException;
import io.bnsweep.data.DatasetFormat;
import io.bnsweep.data.DatasetFormats;
import io.bnsweep.data.DatasetKey;
import io.bnsweep.data.DatasetLocator;
import io.bnsweep.data.PackedFormat;
import java.io.PrintWriter;
import java.io.Serializable;
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
 * if some cannot read it, the driver ships the files its format lists with {@code
 * SparkContext.addFile} and says so. A URI ({@code hdfs://}, {@code s3a://}, {@code file://}) is
 * always shipped: Spark fetches it once per executor. A format of many files (an image folder) is
 * shipped as one file instead: the driver packs the decoded dataset ({@link PackedFormat}) and
 * ships that, since Spark's recursive {@code addFile} of a driver-side folder would leave executors
 * reading its original path. A probe job then decodes the dataset on the executors, which both
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
  public static Dataset loadOnDriver(DatasetKey key) {
    if (HadoopDatasets.isUri(key.location())) {
      Path local =
          LOCAL_COPIES.computeIfAbsent(key, k -> HadoopDatasets.copyToLocal(k, hadoopConf()));
      Dataset copy = DatasetCache.get(key.at(local.toString()));
      return new Dataset(
          key.location(),
          copy.format(),
          copy.train(),
          copy.test(),
          copy.classNames(),
          copy.defaultNormalize());
    }
    return DatasetCache.get(key);
  }

  /** URI datasets already copied to this driver, so each is copied once per JVM. */
  private static final Map<DatasetKey, Path> LOCAL_COPIES = new ConcurrentHashMap<>();

  /**
   * Makes the dataset of {@code key} readable on every executor of {@code jsc} and returns how they
   * read it.
   *
   * @throws DatasetException if an executor cannot read it even after shipping
   */
  public static DatasetRef prepare(JavaSparkContext jsc, DatasetKey key, PrintWriter log) {
    boolean uri = HadoopDatasets.isUri(key.location());
    if (!uri) {
      DatasetRef direct = new DatasetRef(key, false, false);
      if (jsc.isLocal()) {
        return direct; // the executor is this JVM, which has decoded it already
      }
      List<String> failures = probe(jsc, direct);
      if (failures.isEmpty()) {
        return direct;
      }
      log.printf(
          Locale.ROOT,
          "[bnsweep] dataset '%s' is not readable on every executor (%s); shipping it with"
              + " SparkContext.addFile%n",
          key.location(),
          failures.get(0));
    }
    DatasetFormat format;
    List<String> files = new ArrayList<>();
    if (uri) {
      HadoopDatasets.Listing listing = HadoopDatasets.files(key, jsc.hadoopConfiguration());
      format = listing.format();
      listing.files().forEach(f -> files.add(f.toString()));
    } else {
      Path dir = DatasetLocator.directory(key.location());
      format = DatasetLocator.format(dir, key);
      for (String entry : format.entries(dir.toString(), DatasetFormats.list(dir))) {
        files.add(dir.resolve(entry).toAbsolutePath().toString());
      }
    }
    if (!format.shipsFiles()) {
      Path packed = pack(loadOnDriver(key));
      jsc.addFile(packed.toString());
      log.printf(
          Locale.ROOT,
          "[bnsweep] dataset '%s' (%s, %d files) packed into one file of %.1f MB for the"
              + " executors%n",
          key.location(),
          format.name(),
          countFiles(key, uri, jsc),
          packed.toFile().length() / 1e6);
      log.flush();
      return probed(jsc, new DatasetRef(key, true, true));
    }
    files.forEach(jsc::addFile);
    if (!uri) {
      long bytes = files.stream().mapToLong(f -> new java.io.File(f).length()).sum();
      log.printf(
          Locale.ROOT,
          "[bnsweep] shipped the %d files of dataset '%s' (%.1f MB)%n",
          files.size(),
          key.location(),
          bytes / 1e6);
    }
    log.flush();
    return probed(jsc, new DatasetRef(key, true, false));
  }

  private static long countFiles(DatasetKey key, boolean uri, JavaSparkContext jsc) {
    if (uri) {
      return HadoopDatasets.files(key, jsc.hadoopConfiguration()).files().size();
    }
    Path dir = DatasetLocator.directory(key.location());
    try (java.util.stream.Stream<Path> all = java.nio.file.Files.walk(dir)) {
      return all.filter(java.nio.file.Files::isRegularFile).count();
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  /** {@code data} packed into one file in a new temporary directory (deleted at exit). */
  static Path pack(Dataset data) {
    try {
      Path dir = java.nio.file.Files.createTempDirectory("bnsweep-packed-");
      dir.toFile().deleteOnExit();
      Path file = PackedFormat.write(data, dir);
      file.toFile().deleteOnExit();
      return file;
    } catch (java.io.IOException e) {
      throw new DatasetException(
          "dataset '" + data.location() + "': cannot pack it for the executors (" + e + ")");
    }
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
