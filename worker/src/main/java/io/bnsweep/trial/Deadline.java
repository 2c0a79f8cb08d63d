package io.bnsweep.trial;

import java.time.Duration;
import java.util.Iterator;

/**
 * A trial's optional time limit, enforced between minibatches: a {@link Trainer} checks it before
 * each.
 */
public final class Deadline {
  private final Duration limit;
  private final long endNanos;

  /** A deadline {@code limit} from now; {@code null} means none. */
  Deadline(Duration limit) {
    this(limit, 0);
  }

  /**
   * A deadline {@code limit} after a start {@code usedSeconds} ago: a resumed trial's earlier runs
   * count against its limit.
   */
  Deadline(Duration limit, double usedSeconds) {
    this.limit = limit;
    this.endNanos =
        limit == null
            ? Long.MAX_VALUE
            : System.nanoTime() + limit.toNanos() - (long) (usedSeconds * 1e9);
  }

  /** {@code batches}, throwing {@link TimeLimitException} before a minibatch past the limit. */
  public <T> Iterator<T> guard(Iterator<T> batches, int epoch) {
    if (limit == null) {
      return batches;
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return batches.hasNext();
      }

      @Override
      public T next() {
        if (System.nanoTime() - endNanos > 0) {
          throw new TimeLimitException(limit, epoch);
        }
        return batches.next();
      }
    };
  }
}
