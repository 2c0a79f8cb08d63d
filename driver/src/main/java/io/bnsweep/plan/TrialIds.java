package io.bnsweep.plan;

import io.bnsweep.spec.ExecutionMode;
import io.bnsweep.trial.TrainingConfig;
import io.bnsweep.variant.NetworkShape;
import io.bnsweep.variant.Variant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable trial ids: a SHA-256 hash of every setting that changes a trial's outcome.
 *
 * <p>The id depends only on the trial's own settings, never on its position in the grid, so adding
 * or removing other variants or seeds leaves it unchanged, and changing a setting that alters the
 * outcome (epochs, sizes, learning rate, network) changes it.
 */
public final class TrialIds {
  /** Hex characters kept: 48 bits, ample for the size of any sweep. */
  static final int LENGTH = 12;

  private TrialIds() {}

  /**
   * The id of {@code variant} trained with {@code training} and {@code network} from {@code seed}
   * in {@code mode}. The default mode adds nothing to the hashed text.
   */
  public static String of(
      Variant variant,
      long seed,
      NetworkShape network,
      TrainingConfig training,
      ExecutionMode mode) {
    String canonical =
        String.join(
                ";",
                "placement=" + variant.placement().id(),
                "activation=" + variant.activation().id(),
                "seed=" + seed,
                "channels=" + network.channels(),
                "kernel=" + network.kernel(),
                "dataset=" + training.dataset(),
                "trainSize=" + training.trainSize(),
                "testSize=" + training.testSize(),
                "epochs=" + training.epochs(),
                "batchSize=" + training.batchSize(),
                "learningRate=" + training.learningRate())
            + (mode == ExecutionMode.TRIALS ? "" : ";mode=" + mode.id());
    return HexFormat.of().formatHex(sha256(canonical)).substring(0, LENGTH);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
