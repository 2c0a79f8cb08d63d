package io.bnsweep.spec;

/** A spec that cannot be run; the message is one line naming the file, key and value. */
public final class SpecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SpecException(String message) {
    super(message);
  }
}
