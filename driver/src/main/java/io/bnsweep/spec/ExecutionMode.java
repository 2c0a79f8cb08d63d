package io.bnsweep.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a sweep uses the cluster. */
public enum ExecutionMode {
  /**
   * One trial per Spark task, many trials at once: the right choice whenever one trial fits in one
   * executor core, which is the case for every network this tool builds by default.
   */
  TRIALS,
  /**
   * One trial at a time, each trained across the cluster with dl4j-spark's parameter averaging: for
   * a trial too big or too slow for one executor. Averaging changes the optimisation, so its
   * results are not those of {@link #TRIALS} and its trial ids differ.
   */
  DATA_PARALLEL;

  /** The name used in specs, e.g. {@code data-parallel}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The mode called {@code id}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public static ExecutionMode parse(String id) {
    for (ExecutionMode m : values()) {
      if (m.id().equals(id)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown mode '" + id + "'");
  }

  /** The known names, comma-separated. */
  public static String known() {
    return Arrays.stream(values()).map(ExecutionMode::id).collect(Collectors.joining(", "));
  }
}
