package io.bnsweep.store;

import io.bnsweep.trial.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes {@code results.parquet}: one row per trial ({@link ResultParquet}), so that {@code
 * spark.read().parquet(dir + "/results.parquet")} loads a sweep's results as a DataFrame.
 *
 * <p>Written on the driver's disk by parquet-hadoop in this JVM, as one file ({@value #PART}) in a
 * directory, the layout Spark writes and reads; it needs no SparkContext, so it works the same
 * whether or not one is active, and on a cluster it still lands in the driver's output directory.
 * The directory is written beside the target under a temporary name and then swapped in: the old
 * directory is renamed away, the new one renamed into place, and the old one deleted; a reader sees
 * the old results or the new ones, or, for the instant between the two renames, none.
 */
public final class ParquetExport {
  /** The one data file in the directory. */
  static final String PART = "part-00000.snappy.parquet";

  private static final String PARQUET_WRITER = "org.apache.parquet.hadoop.ParquetWriter";

  private ParquetExport() {}

  /**
   * Writes {@code results} to the Parquet directory {@code target}, replacing it.
   *
   * @throws StoreException if parquet-hadoop is not on the class path, or the write fails
   */
  public static void write(Path target, List<TrialResult> results) {
    requireParquet(target);
    Path dir = target.toAbsolutePath().getParent();
    String name = target.getFileName().toString();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Path fresh = dir.resolve("." + name + ".tmp-" + suffix);
    Path old = dir.resolve("." + name + ".old-" + suffix);
    try {
      Files.createDirectory(fresh);
      ResultParquet.write(fresh.resolve(PART), results);
      boolean replacing = Files.exists(target);
      if (replacing) {
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      }
      try {
        Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (replacing) {
          Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
        }
        throw e;
      }
      deleteTree(old);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(fresh);
      throw new StoreException(target + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  private static void requireParquet(Path target) {
    try {
      Class.forName(PARQUET_WRITER, false, ParquetExport.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new StoreException(
          target
              + ": writing Parquet needs parquet-hadoop on the class path (Spark SQL brings it);"
              + " run through ./bnsweep or spark-submit, which provide it");
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void deleteQuietly(Path root) {
    try {
      deleteTree(root);
    } catch (IOException e) {
      // best effort: a leftover hidden temporary directory is harmless
    }
  }
}
