package io.bnsweep.kernel;

/**
 * The calls a trial's kernels of one kind served and declined, e.g. {@code batch-norm}: 1,200
 * served, 0 declined. A declined call ran DL4J's own path (its helper or built-in layer) instead.
 */
public record KernelUse(long served, long declined) {
  KernelUse plus(KernelUse other) {
    return new KernelUse(served + other.served, declined + other.declined);
  }
}
