package io.bnsweep.kernel;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.dnnl.memory;
import org.bytedeco.javacpp.Pointer;

/**
 * Native buffers a thread's oneDNN kernels reuse from call to call for blocked copies of their
 * arrays, by slot, each grown to the largest size asked for. Allocating them per call would cost a
 * fresh mapping and page faults per array on every layer of every step; kept, they cost the largest
 * layer's arrays once per thread.
 */
final class Scratch {
  private static final ThreadLocal<Scratch> OF_THREAD = ThreadLocal.withInitial(Scratch::new);

  private final List<memory> buffers = new ArrayList<>();
  private final List<Long> sizes = new ArrayList<>();

  private Scratch() {}

  static Scratch ofThisThread() {
    return OF_THREAD.get();
  }

  /** Slot {@code slot}'s buffer, at least {@code bytes} long (oneDNN-allocated, aligned). */
  Pointer buffer(int slot, long bytes) {
    while (buffers.size() <= slot) {
      buffers.add(null);
      sizes.add(0L);
    }
    if (sizes.get(slot) < bytes) {
      if (buffers.get(slot) != null) {
        buffers.get(slot).close();
      }
      buffers.set(
          slot,
          new memory(
              OneDnn.desc(new long[] {(bytes + 3) / 4}, memory.format_tag.x), OneDnn.ENGINE));
      sizes.set(slot, bytes);
    }
    return buffers.get(slot).get_data_handle();
  }
}
