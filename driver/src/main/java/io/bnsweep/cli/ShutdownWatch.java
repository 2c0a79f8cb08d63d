package io.bnsweep.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells whether the JVM has begun to shut down, as it does on Ctrl-C or SIGTERM. Spark's own
 * shutdown hook then stops the SparkContext, and the running job fails with "SparkContext was shut
 * down": with this, {@code run} can say the sweep was stopped, and what it kept, rather than report
 * an internal error.
 *
 * <p>The JVM halts once its shutdown hooks are done, whatever its other threads are doing; so if a
 * sweep is running when shutdown begins, the watch's hook waits (5 s at most) until the command is
 * done, having said what it kept.
 */
final class ShutdownWatch {
  private static final long REPORT_WAIT_SECONDS = 5;
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();
  private static final AtomicBoolean STARTED = new AtomicBoolean();
  private static final AtomicBoolean SWEEP_RUNNING = new AtomicBoolean();
  private static final CountDownLatch REPORTED = new CountDownLatch(1);

  private ShutdownWatch() {}

  /** Registers the watch's shutdown hook, once per JVM. */
  static void install() {
    if (INSTALLED.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(ShutdownWatch::onShutdown, "bnsweep-stop"));
    }
  }

  /** Marks the stretch during which a shutdown stops a sweep. */
  static void sweepRunning(boolean running) {
    SWEEP_RUNNING.set(running);
  }

  /** Whether the JVM's shutdown has begun (its hooks may not have run yet). */
  static boolean started() {
    if (STARTED.get()) {
      return true;
    }
    try {
      // refused once the shutdown has begun, even before this watch's hook has been scheduled
      Thread probe = new Thread(() -> {});
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException shuttingDown) {
      return true;
    }
  }

  /** The command has said what it had to (or failed): a shutdown in progress may go on. */
  static void commandDone() {
    REPORTED.countDown();
  }

  private static void onShutdown() {
    boolean sweepRunning = SWEEP_RUNNING.get(); // read first: the main thread clears it on seeing
    STARTED.set(true);
    if (sweepRunning) {
      try {
        REPORTED.await(REPORT_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
