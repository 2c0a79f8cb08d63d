package io.bnsweep.trial;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Limits the threads ND4J's native code (its OpenMP loops and OpenBLAS) may use.
 *
 * <p>The limit is process-wide. It only holds for OpenMP if {@code OMP_NUM_THREADS} is also set
 * before the JVM starts, which the launcher, the test build and the Spark executor environment do.
 */
public final class NativeThreads {
  private NativeThreads() {}

  /** Caps native threads at {@code threads} and returns the cap now in force. */
  public static synchronized int limit(int threads) {
    if (threads <= 0) {
      throw new IllegalArgumentException("threads must be positive, got " + threads);
    }
    if (Nd4j.getEnvironment().maxThreads() != threads) {
      Nd4j.getEnvironment().setMaxThreads(threads);
      Nd4j.getEnvironment().setMaxMasterThreads(threads);
      Nd4j.factory().blas().setMaxThreads(threads);
    }
    return Nd4j.getEnvironment().maxThreads();
  }
}
