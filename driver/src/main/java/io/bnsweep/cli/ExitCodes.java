package io.bnsweep.cli;

/** The process exit codes, as documented in the README. */
public final class ExitCodes {
  /** Every trial completed. */
  public static final int OK = 0;

  /** The sweep ran, but some trials FAILED (listed in the summary). */
  public static final int TRIALS_FAILED = 1;

  /** Bad input: spec, dataset, output directory or command line. Nothing was written. */
  public static final int BAD_INPUT = 2;

  /** Spark or the tool itself failed; results finished before the failure are kept. */
  public static final int INTERNAL_ERROR = 3;

  /**
   * A write failed after results existed (a full disk, a file-size limit, a removed output
   * directory): the same code as {@link #INTERNAL_ERROR}, since finished results are kept; the
   * message says which, where, and how to resume.
   */
  public static final int WRITE_FAILED = 3;

  /**
   * Stopped by Ctrl-C before the sweep finished; finished results are kept. The JVM exits with 128
   * + the signal's number, so SIGTERM gives 143.
   */
  public static final int STOPPED = 130;

  private ExitCodes() {}
}
