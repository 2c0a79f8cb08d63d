package io.bnsweep.plan;

import io.bnsweep.axis.Axes;
import io.bnsweep.axis.Axis;
import io.bnsweep.network.CnnFamily;
import io.bnsweep.spec.ExecutionMode;
import io.bnsweep.variant.Variant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Stable trial ids: a SHA-256 hash of the canonical text of a trial's resolved settings and seed.
 *
 * <p>The id depends only on the trial's own settings, never on its position in the grid, so adding
 * or removing other variants or seeds leaves it unchanged, and changing a setting that alters the
 * outcome changes it.
 *
 * <p>The canonical text is {@code name=value} pairs joined by {@code ;}: first the settings of the
 * first release, in its order and with its names ({@link #FIRST_RELEASE}); then every other setting
 * in name order, left out while it has the value at which its axis says so ({@link
 * Axis#omittedFromIdAt}: the default of the release that introduced it); then the mode if it is not
 * the default. So a trial that uses none of the newer settings keeps the id the first release gave
 * it, and an output directory written by it resumes.
 */
public final class TrialIds {
  /** Hex characters kept: 48 bits, ample for the size of any sweep. */
  static final int LENGTH = 12;

  /** The first release's settings, in its order, with the name each had in its canonical text. */
  static final Map<String, String> FIRST_RELEASE =
      orderedMap(
          "placement",
          "placement",
          "activation",
          "activation",
          "seed",
          "seed",
          CnnFamily.CHANNELS.name(),
          "channels",
          CnnFamily.KERNEL.name(),
          "kernel",
          "dataset",
          "dataset",
          "trainSize",
          "trainSize",
          "testSize",
          "testSize",
          "epochs",
          "epochs",
          "batchSize",
          "batchSize",
          "learningRate",
          "learningRate");

  private TrialIds() {}

  /** The id of {@code variant} trained from {@code seed} in {@code mode}. */
  public static String of(Variant variant, long seed, ExecutionMode mode) {
    return HexFormat.of().formatHex(sha256(canonical(variant, seed, mode))).substring(0, LENGTH);
  }

  /** The text that is hashed. */
  static String canonical(Variant variant, long seed, ExecutionMode mode) {
    List<String> parts = new ArrayList<>();
    FIRST_RELEASE.forEach(
        (name, idName) -> {
          if (name.equals("seed")) {
            parts.add("seed=" + seed);
          } else {
            variant.text(name).ifPresent(text -> parts.add(idName + "=" + text));
          }
        });
    variant
        .settings()
        .forEach(
            (name, value) -> {
              if (!FIRST_RELEASE.containsKey(name) && !Axes.get(name).omittedFromId(value)) {
                parts.add(name + "=" + Axes.get(name).text(value));
              }
            });
    if (mode != ExecutionMode.TRIALS) {
      parts.add("mode=" + mode.id());
    }
    return String.join(";", parts);
  }

  private static Map<String, String> orderedMap(String... pairs) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
