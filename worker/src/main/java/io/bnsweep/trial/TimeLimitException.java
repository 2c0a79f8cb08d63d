package io.bnsweep.trial;

import java.math.BigDecimal;
import java.time.Duration;

/** A trial ran past its time limit: it FAILS with this message as its reason. */
public final class TimeLimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@code limit} ran out during {@code epoch}. */
  public TimeLimitException(Duration limit, int epoch) {
    super("time limit of " + seconds(limit) + " s exceeded in epoch " + epoch);
  }

  /** {@code limit} in seconds as the spec gives it: {@code 600}, {@code 0.5}. */
  private static String seconds(Duration limit) {
    return BigDecimal.valueOf(limit.toMillis(), 3).stripTrailingZeros().toPlainString();
  }
}
