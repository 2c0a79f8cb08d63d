package io.bnsweep.trial;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Limits the threads ND4J's native code (its OpenMP loops and OpenBLAS) may use.
 *
 * <p>The limit is process-wide. It only holds for OpenMP if {@code OMP_NUM_THREADS} is also set
 * before the JVM starts, which the launcher, the test build and the Spark executor environment do.
 */
public final class NativeThreads {
  private NativeThreads() {}

  /**
   * Caps native threads at {@code threads} for the whole process and for OpenMP in the calling
   * thread, and returns the cap now in force. Call it on the thread that will do the work.
   */
  public static synchronized int limit(int threads) {
    if (threads <= 0) {
      throw new IllegalArgumentException("threads must be positive, got " + threads);
    }
    if (Nd4j.getEnvironment().maxThreads() != threads) {
      Nd4j.getEnvironment().setMaxThreads(threads);
      Nd4j.getEnvironment().setMaxMasterThreads(threads);
      Nd4j.factory().blas().setMaxThreads(threads);
    }
    // OpenMP's thread count is per thread, and oneDNN's kernels read the calling thread's: the
    // thread that loaded ND4J is left at ND4J's own default (cores x 2), whatever OMP_NUM_THREADS
    // says
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    return Nd4j.getEnvironment().maxThreads();
  }
}
