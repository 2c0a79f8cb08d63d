package io.bnsweep.kernel;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;

/** What bnsweep's oneDNN kernels share: the CPU engine and small helpers over JavaCPP's API. */
final class OneDnn {
  /** The CPU engine, created once per JVM when a kernel first needs it. */
  static final engine ENGINE = new engine(engine.kind.cpu, 0);

  private OneDnn() {}

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
