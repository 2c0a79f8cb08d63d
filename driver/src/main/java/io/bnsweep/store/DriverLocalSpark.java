package io.bnsweep.store;

import java.util.UUID;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * A private {@code local[1]} SparkSession in this JVM, for writing files that belong on the
 * driver's own disk.
 *
 * <p>Why not the sweep's context: on a cluster its jobs run on executors, so a DataFrame written
 * through it lands on their disks (or in the cluster's default file system), not in the driver's
 * output directory. A {@code local[1]} session runs its one task in this JVM, so {@code file:}
 * paths are the driver's. Spark allows one SparkContext per JVM, so the session can only start once
 * the sweep's context has stopped; if another context is still active, {@code getOrCreate} would
 * return it, and {@link #run} refuses to use it rather than write through a cluster.
 *
 * <p>Settings a cluster's {@code spark-submit} passes as system properties still reach the session;
 * those that could send work or files elsewhere are overridden here (master, UI, event log,
 * catalog, driver address).
 */
final class DriverLocalSpark {
  static final String MASTER = "local[1]";

  private DriverLocalSpark() {}

  /**
   * Starts the session, runs {@code work} with it and stops it.
   *
   * @throws IllegalStateException if a SparkContext is already active in this JVM
   */
  static void run(String purpose, Consumer<SparkSession> work) {
    String appName = "bnsweep " + purpose + " " + UUID.randomUUID();
    SparkSession spark =
        SparkSession.builder()
            .master(MASTER)
            .appName(appName)
            .config("spark.ui.enabled", "false")
            .config("spark.eventLog.enabled", "false")
            .config("spark.dynamicAllocation.enabled", "false")
            .config("spark.sql.catalogImplementation", "in-memory")
            .config("spark.sql.shuffle.partitions", "1")
            // results have 29 columns; Spark warns when a plan's string shows more than 25
            .config("spark.sql.debug.maxToStringFields", "100")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    if (!appName.equals(spark.sparkContext().appName())) {
      // an existing context or session came back; it is not ours to use or stop
      throw new IllegalStateException(
          "a SparkContext ("
              + spark.sparkContext().master()
              + ", "
              + spark.sparkContext().appName()
              + ") is still active in this JVM; "
              + purpose
              + " is written by a local Spark of its own after the sweep's context stops");
    }
    try {
      work.accept(spark);
    } finally {
      spark.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
    }
  }
}
