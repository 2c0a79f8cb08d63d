package io.bnsweep.store;

/**
 * A write failed after results existed: the sweep stops, and the message says which results are
 * kept, where, and how to resume. Not bad input (exit code 2: nothing written) but exit code 3.
 */
public final class WriteFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WriteFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
