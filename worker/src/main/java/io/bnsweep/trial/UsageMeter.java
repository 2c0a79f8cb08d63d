package io.bnsweep.trial;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** Measures a trial's {@link Usage} from the thread that runs it. Not thread-safe. */
final class UsageMeter {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);

  private final long wallStart = System.nanoTime();
  private final long cpuStart = THREADS.getCurrentThreadCpuTime();
  private final long processStart = OS.getProcessCpuTime();
  private double datasetSeconds;

  /** Records how long obtaining the dataset took. */
  void datasetTook(long nanos) {
    datasetSeconds = nanos / 1e9;
  }

  /** Usage from construction until now, measured on the calling (same) thread. */
  Usage stop() {
    return new Usage(
        (System.nanoTime() - wallStart) / 1e9,
        (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9,
        (OS.getProcessCpuTime() - processStart) / 1e9,
        datasetSeconds);
  }
}
