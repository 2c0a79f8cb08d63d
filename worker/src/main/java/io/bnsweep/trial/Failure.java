package io.bnsweep.trial;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What kind of failure a FAILED trial had, and how many times it was tried.
 *
 * <p>A <em>deterministic</em> failure (a NaN or infinite loss, a network that does not fit, a bad
 * shape, a plugin's error, the time limit) is a verdict: the same trial fails the same way again,
 * so a rerun keeps it unless told {@code --retry-failed}. A <em>transient</em> one (an I/O error
 * reading the dataset or writing a checkpoint, a lost executor) says nothing about the trial: it is
 * retried within the run, a bounded number of times, and a later run retries it again.
 *
 * @param kind deterministic or transient
 * @param attempts how many times the trial was tried in the run that recorded it
 */
public record Failure(Kind kind, int attempts) {
  /** Deterministic or transient. */
  public enum Kind {
    DETERMINISTIC,
    TRANSIENT;

    @JsonValue
    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Kind of(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT));
    }
  }

  /** A deterministic failure on the first attempt. */
  public static Failure deterministic() {
    return new Failure(Kind.DETERMINISTIC, 1);
  }

  /** A transient failure on the first attempt. */
  public static Failure transientFailure() {
    return new Failure(Kind.TRANSIENT, 1);
  }

  /**
   * The kind of failure {@code e} is: transient if an I/O error is anywhere in its cause chain (the
   * dataset or a checkpoint could not be read or written, a connection was lost), else
   * deterministic.
   */
  public static Failure of(Throwable e) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = e; t != null && seen.put(t, true) == null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof UncheckedIOException) {
        return transientFailure();
      }
    }
    return deterministic();
  }

  /** True if the failure may pass: retried within the run and on the next run. */
  public boolean isTransient() {
    return kind == Kind.TRANSIENT;
  }

  /** This failure after {@code n} attempts. */
  public Failure withAttempts(int n) {
    return new Failure(kind, n);
  }
}
