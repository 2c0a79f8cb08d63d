package io.bnsweep.sweep;

/** A Spark master URL that cannot be reached; the message names it and why. */
public final class MasterUnreachableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MasterUnreachableException(String message) {
    super(message);
  }
}
