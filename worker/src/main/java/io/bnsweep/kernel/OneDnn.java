package io.bnsweep.kernel;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;

/** What bnsweep's oneDNN kernels share: the CPU engine and small helpers over JavaCPP's API. */
final class OneDnn {
  /** The CPU engine, created once per JVM when a kernel first needs it. */
  static final engine ENGINE = new engine(engine.kind.cpu, 0);

  private OneDnn() {}

  /**
   * Whether oneDNN runs here with AVX-512 (its {@code avx512_core} instruction set or more, after
   * any {@code ONEDNN_MAX_CPU_ISA} or {@code DNNL_MAX_CPU_ISA} cap), read from the JavaCPP copy;
   * the copy inside ND4J reads the same caps.
   */
  static boolean avx512() {
    int isa = dnnl.dnnl_get_effective_cpu_isa();
    return (isa & dnnl.dnnl_cpu_isa_avx512_core) == dnnl.dnnl_cpu_isa_avx512_core;
  }

  /** A float memory description of {@code dims} in layout {@code tag}. */
  static memory.desc desc(long[] dims, memory.format_tag tag) {
    return new memory.desc(dims, memory.data_type.f32, tag);
  }

  /** The arguments of a primitive, given as (argument, memory) pairs. */
  static IntMemoryMap args(Object... pairs) {
    IntMemoryMap args = new IntMemoryMap();
    for (int i = 0; i < pairs.length; i += 2) {
      args.put((Integer) pairs[i], (memory) pairs[i + 1]);
    }
    return args;
  }
}
