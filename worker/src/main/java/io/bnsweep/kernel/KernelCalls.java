package io.bnsweep.kernel;

/**
 * How many calls one kernel instance served itself and how many it declined (handing them to DL4J's
 * own path: an unsupported shape, layout or type). Counted on the trial's thread.
 */
final class KernelCalls {
  private long served;
  private long declined;

  /** Counts {@code result}: served if non-null, declined if null (DL4J's path runs). */
  <T> T count(T result) {
    count(result != null);
    return result;
  }

  /** Counts one call, served or declined; returns {@code served}. */
  boolean count(boolean served) {
    if (served) {
      this.served++;
    } else {
      declined++;
    }
    return served;
  }

  KernelUse use() {
    return new KernelUse(served, declined);
  }
}
