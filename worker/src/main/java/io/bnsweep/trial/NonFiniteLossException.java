package io.bnsweep.trial;

/** The training loss became NaN or infinite: the trial FAILS with this message as its reason. */
public final class NonFiniteLossException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The loss of minibatch {@code batch} (1-based; 0 for a whole epoch) was {@code loss}. */
  public NonFiniteLossException(int epoch, int batch, double loss) {
    super(
        "loss became "
            + loss
            + " at epoch "
            + epoch
            + (batch > 0 ? ", minibatch " + batch : " (mean over the epoch)"));
  }
}
