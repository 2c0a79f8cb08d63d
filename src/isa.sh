# shellcheck shell=bash
# The instruction-set cap, sourced by ./bnsweep, ./cluster and the benchmark scripts.
#
#   BNSWEEP_ISA=avx2   run as if on a CPU without AVX-512 (an approximation: see the README)
#   (unset or empty)   whatever the CPU has
#
# Sets isa_java_opts (options for every JVM the script starts, kept apart from BNSWEEP_JAVA_OPTS so
# that replacing the defaults keeps them) and isa_spark_conf (KEY=VALUE settings for the driver's
# Spark configuration: the same for the executors, as spark.executor.defaultJavaOptions, which a
# user's spark.executor.extraJavaOptions adds to rather than replaces, and the variables as
# spark.executorEnv.*), and exports the variables that cap the native libraries, which child
# processes (Spark workers, their executors) inherit:
#   -XX:UseAVX=2                    the JVM's JIT emits AVX2 at most
#   ONEDNN_MAX_CPU_ISA=AVX2         oneDNN 2.5 (JavaCPP's, under bnsweep's kernels), read at first use
#   DNNL_MAX_CPU_ISA=AVX2           oneDNN 2.3 (inside ND4J's native library), the older name
#   OPENBLAS_CORETYPE=Haswell       OpenBLAS's kernels for Haswell (AVX2, FMA)
isa_java_opts=()
isa_spark_conf=()
case "${BNSWEEP_ISA:-}" in
  "") ;;
  avx2)
    isa_java_opts=(-XX:UseAVX=2)
    export BNSWEEP_ISA ONEDNN_MAX_CPU_ISA=AVX2 DNNL_MAX_CPU_ISA=AVX2 OPENBLAS_CORETYPE=Haswell
    isa_spark_conf=(spark.executor.defaultJavaOptions=-XX:UseAVX=2)
    for var in BNSWEEP_ISA ONEDNN_MAX_CPU_ISA DNNL_MAX_CPU_ISA OPENBLAS_CORETYPE; do
      isa_spark_conf+=("spark.executorEnv.$var=${!var}")
    done
    ;;
  *)
    echo "BNSWEEP_ISA: unknown instruction set '$BNSWEEP_ISA' (known: avx2, or unset)" >&2
    exit 2
    ;;
esac
