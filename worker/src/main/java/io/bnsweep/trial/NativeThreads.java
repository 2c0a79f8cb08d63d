package io.bnsweep.trial;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Sets the threads ND4J's native code (its own parallel loops, OpenMP, oneDNN and BLAS) uses for
 * the trial on the calling thread.
 *
 * <p>ND4J sizes its native thread pool once, from {@code OMP_NUM_THREADS} when the JVM starts; in
 * 1.0.0-M2 {@code Environment.setMaxThreads} changes nothing afterwards (measured: a JVM started
 * with 2 keeps 2 after {@code setMaxThreads(1)}). What can change is how many of those threads an
 * operation asks for: ND4J's parallel loops take {@code maxMasterThreads} (process-wide), OpenMP
 * and oneDNN the calling thread's OpenMP count, BLAS its own setting. So a JVM whose pool has N
 * threads can run trials of up to N threads, one thread count at a time: trials of different counts
 * must not run in one JVM at once (bnsweep runs them as separate groups, one after the other), and
 * the launcher, the test build and the Spark executor environment set {@code OMP_NUM_THREADS} to
 * the most threads any trial takes.
 */
public final class NativeThreads {
  private NativeThreads() {}

  /** The threads of ND4J's native pool, fixed when the JVM started. */
  public static int pool() {
    return Nd4j.getEnvironment().maxThreads();
  }

  /**
   * Makes native operations started from the calling thread use {@code threads} threads, and
   * returns it.
   *
   * @throws IllegalArgumentException if {@code threads} is not positive
   * @throws IllegalStateException if the native pool has fewer threads ({@link #pool()})
   */
  public static synchronized int limit(int threads) {
    if (threads <= 0) {
      throw new IllegalArgumentException("threads must be positive, got " + threads);
    }
    int pool = pool();
    if (threads > pool) {
      throw new IllegalStateException(
          "a trial of "
              + threads
              + " threads needs ND4J's native pool to have that many, and this JVM's has "
              + pool
              + ": start it with OMP_NUM_THREADS="
              + threads
              + " or more");
    }
    if (Nd4j.getEnvironment().maxMasterThreads() != threads) {
      Nd4j.getEnvironment().setMaxMasterThreads(threads);
      Nd4j.factory().blas().setMaxThreads(threads);
    }
    // OpenMP's thread count is per thread, and oneDNN's kernels read the calling thread's: the
    // thread that loaded ND4J is left at ND4J's own default (cores x 2), whatever OMP_NUM_THREADS
    // says
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    return threads;
  }
}
