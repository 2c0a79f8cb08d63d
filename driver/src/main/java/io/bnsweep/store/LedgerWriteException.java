package io.bnsweep.store;

import java.nio.file.Path;

/**
 * A result could not be added to the ledger, which was usable when the sweep began: a full disk, a
 * file-size limit, an I/O error, or the ledger removed or replaced while the sweep ran. The results
 * appended before it are in the ledger (if it is still in place).
 */
public final class LedgerWriteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path ledger;

  LedgerWriteException(Path ledger, String problem, Throwable cause) {
    super(ledger + ": " + problem, cause);
    this.ledger = ledger;
  }

  /** The ledger file. */
  public Path ledger() {
    return ledger;
  }
}
