package io.bnsweep.trial;

import io.bnsweep.kernel.KernelUse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where and with what a trial ran, so a result can be traced and reproduced.
 *
 * @param host host name of the JVM that ran the trial
 * @param executorId Spark executor id, or {@code null} outside Spark
 * @param bnsweepVersion the bnsweep build, e.g. {@code 0.1.0-SNAPSHOT a1b2c3d} (version, git
 *     commit, {@code -dirty} for uncommitted changes); {@code null} in results written before it
 *     was recorded
 * @param javaVersion {@code java.version}
 * @param dl4jVersion DeepLearning4J version
 * @param nd4jBackend ND4J backend and BLAS vendor, e.g. {@code CPU/OPENBLAS+oneDNN} ({@code
 *     +oneDNN}: DL4J's oneDNN layer helpers ran)
 * @param kernels bnsweep's kernels in the trial's network, e.g. {@code first-conv, batch-norm x2,
 *     tanh x2} ({@link io.bnsweep.kernel.Kernels#describe}), {@code none}; {@code null} if the
 *     trial failed before its network was built
 * @param threads ND4J/OpenMP/BLAS threads the trial was limited to
 * @param startedAt ISO-8601 instant the trial started
 * @param kernelCalls per kind of kernel (keyed as in {@code kernels}), the calls it served and
 *     declined during the trial (a declined call ran DL4J's own path); {@code null} in results
 *     written before it was recorded, or if the trial failed before its network was built
 */
public record Provenance(
    String host,
    String executorId,
    String bnsweepVersion,
    String javaVersion,
    String dl4jVersion,
    String nd4jBackend,
    String kernels,
    int threads,
    String startedAt,
    Map<String, KernelUse> kernelCalls) {

  /** A provenance without kernel call counts (set later by {@link #withKernelCalls}). */
  public Provenance(
      String host,
      String executorId,
      String bnsweepVersion,
      String javaVersion,
      String dl4jVersion,
      String nd4jBackend,
      String kernels,
      int threads,
      String startedAt) {
    this(
        host,
        executorId,
        bnsweepVersion,
        javaVersion,
        dl4jVersion,
        nd4jBackend,
        kernels,
        threads,
        startedAt,
        null);
  }

  /** This provenance with the kernels' call counts filled in. */
  public Provenance withKernelCalls(Map<String, KernelUse> calls) {
    return new Provenance(
        host,
        executorId,
        bnsweepVersion,
        javaVersion,
        dl4jVersion,
        nd4jBackend,
        kernels,
        threads,
        startedAt,
        calls == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(calls)));
  }

  /** This provenance with the Spark executor id filled in. */
  public Provenance withExecutorId(String id) {
    return new Provenance(
        host,
        id,
        bnsweepVersion,
        javaVersion,
        dl4jVersion,
        nd4jBackend,
        kernels,
        threads,
        startedAt,
        kernelCalls);
  }

  /** This provenance with the network's kernels filled in. */
  public Provenance withKernels(String names) {
    return new Provenance(
        host,
        executorId,
        bnsweepVersion,
        javaVersion,
        dl4jVersion,
        nd4jBackend,
        names,
        threads,
        startedAt,
        kernelCalls);
  }
}
