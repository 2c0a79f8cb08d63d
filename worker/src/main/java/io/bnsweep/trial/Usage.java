package io.bnsweep.trial;

/**
 * What a trial cost in time and CPU, to check that it kept to its cores.
 *
 * @param wallSeconds wall time of the whole trial: dataset, training, evaluation
 * @param cpuSeconds CPU time of the thread that ran the trial; with one native thread per trial all
 *     of the trial's compute runs on it, so {@code cpuSeconds / wallSeconds} is its core use
 * @param processCpuSeconds CPU time of the whole JVM during the trial; includes other trials the
 *     JVM ran at the same time (as in {@code local[*]}), so only meaningful with one task per JVM
 * @param datasetSeconds time to obtain the dataset; near zero once the JVM has decoded it
 */
public record Usage(
    double wallSeconds, double cpuSeconds, double processCpuSeconds, double datasetSeconds) {

  /** Cores the trial kept busy on average: {@code cpuSeconds / wallSeconds}. */
  public double coresUsed() {
    return wallSeconds > 0 ? cpuSeconds / wallSeconds : 0;
  }

  /** This usage and {@code earlier}'s together: a trial resumed from a checkpoint reports both. */
  public Usage plus(Usage earlier) {
    return new Usage(
        wallSeconds + earlier.wallSeconds,
        cpuSeconds + earlier.cpuSeconds,
        processCpuSeconds + earlier.processCpuSeconds,
        datasetSeconds + earlier.datasetSeconds);
  }
}
