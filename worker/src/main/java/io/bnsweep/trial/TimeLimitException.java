package io.bnsweep.trial;

import java.time.Duration;

/** A trial ran past its time limit: it FAILS with this message as its reason. */
public final class TimeLimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@code limit} ran out during {@code epoch}. */
  public TimeLimitException(Duration limit, int epoch) {
    super("time limit of " + limit.toSeconds() + " s exceeded in epoch " + epoch);
  }
}
