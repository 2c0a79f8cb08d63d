package io.bnsweep.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The rungs of successive halving: the epochs at which a trial is scored and may be stopped. {@code
 * minEpochs x eta^k} for every k where that is below {@code maxEpochs}, then {@code maxEpochs}
 * itself as the last rung: with 1, 9 and 3 the rungs are 1, 3, 9; with 1, 10 and 3 they are 1, 3,
 * 9, 10 (a last step that is not a power of eta is shorter than the others, and promotion to it
 * still takes the top 1/eta).
 *
 * @param minEpochs the first rung
 * @param maxEpochs the last rung: a trial that reaches it is COMPLETE
 * @param eta the reduction factor: the top 1/eta of a rung is promoted to the next
 */
public record Rungs(int minEpochs, int maxEpochs, int eta) {
  public Rungs {
    if (minEpochs < 1 || maxEpochs < minEpochs || eta < 2) {
      throw new IllegalArgumentException(
          "rungs need 1 <= minEpochs <= maxEpochs and eta >= 2, not "
              + minEpochs
              + ", "
              + maxEpochs
              + ", "
              + eta);
    }
  }

  /** The epochs of every rung, in order; the last is {@code maxEpochs}. */
  public List<Integer> epochs() {
    List<Integer> rungs = new ArrayList<>();
    for (long r = minEpochs; r < maxEpochs; r *= eta) {
      rungs.add((int) r);
    }
    rungs.add(maxEpochs);
    return List.copyOf(rungs);
  }

  /** The rung (0-based) that ends at {@code epoch}, or -1 if none does. */
  public int rungAt(int epoch) {
    return epochs().indexOf(epoch);
  }
}
