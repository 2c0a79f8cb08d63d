package io.bnsweep.cli;

/** The sweep was stopped by a signal before it finished; finished trials are in the ledger. */
final class SweepStoppedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SweepStoppedException(String message, Throwable cause) {
    super(message, cause);
  }
}
