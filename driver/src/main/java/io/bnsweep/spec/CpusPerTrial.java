package io.bnsweep.spec;

import io.bnsweep.axis.Axes;
import io.bnsweep.network.NetworkFamilies;
import io.bnsweep.variant.Variant;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The cores each trial's task takes, and so its native threads: {@code cpusPerTrial: N} for every
 * trial, or {@code cpusPerTrial: {resnet: 4, cnn: 1}} per network family; a family the spec does
 * not name takes its own default ({@link io.bnsweep.network.NetworkFamily#cpusPerTrial}), else
 * {@code spark.task.cpus}. Not part of any trial id: the cores decide how fast a trial runs.
 *
 * @param all the cores of every trial, if the spec gives one number
 * @param byFamily the cores of each named family's trials
 */
public record CpusPerTrial(OptionalInt all, Map<String, Integer> byFamily) {
  /** Nothing given: every trial takes {@code spark.task.cpus}. */
  public static final CpusPerTrial DEFAULT = new CpusPerTrial(OptionalInt.empty(), Map.of());

  public CpusPerTrial {
    byFamily = Map.copyOf(byFamily);
  }

  /** The cores of {@code variant}'s trials, or empty for {@code spark.task.cpus}. */
  public OptionalInt of(Variant variant) {
    String family = variant.find(Axes.NETWORK_FAMILY).orElse(NetworkFamilies.DEFAULT);
    Integer named = byFamily.get(family);
    if (named != null) {
      return OptionalInt.of(named);
    }
    return all.isPresent() ? all : NetworkFamilies.get(family).cpusPerTrial();
  }
}
