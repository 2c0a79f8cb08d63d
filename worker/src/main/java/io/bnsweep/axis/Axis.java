package io.bnsweep.axis;

import com.fasterxml.jackson.databind.JsonNode;
import io.bnsweep.variant.Variant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * One setting of a trial, which a spec may give as one value (a scalar key) or as a list of values
 * to sweep (under {@code axes:}). Everything about a setting is declared here, once: its name, the
 * type of its values (reading and validation), its default, which trials it applies to, how it
 * enters the trial id, how it shows in labels and tables, and how it changes the network.
 *
 * <p>Declare new ones in {@link Axes} (bnsweep's own) or in an {@link AxisProvider} (a plugin or a
 * test). Axes are immutable and cross to executors only as their names and values.
 *
 * @param name the spec key; a setting of the network is written {@code network.<key>}
 * @param type reads, validates, writes and shows values
 * @param defaults the values when a spec gives neither a scalar nor an axis; empty means the
 *     planner resolves it (the whole split of the dataset, for the subset sizes)
 * @param sweepable whether the setting may be an axis (the dataset may not)
 * @param idDefault the value at which the setting is left out of the trial id (the default of the
 *     release that introduced it), or empty if it is always part of the id
 * @param appliesTo which variants have this setting, judged on the settings declared before it; a
 *     setting that does not apply is left out of the variant and its id
 * @param labelKey the key in variant labels ({@code lr} gives {@code lr=0.01}); empty shows the
 *     value alone ({@code before})
 * @param network how the value changes the network's global configuration, if at all (most settings
 *     are read where they matter instead: the epochs by the trial runner, the learning rate by the
 *     network factory)
 * @param <T> the type of its values
 */
public record Axis<T>(
    String name,
    ValueType<T> type,
    List<T> defaults,
    boolean sweepable,
    Optional<T> idDefault,
    Predicate<Variant> appliesTo,
    Optional<String> labelKey,
    BiConsumer<T, NeuralNetConfiguration.Builder> network) {

  public Axis {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)?")) {
      throw new IllegalArgumentException("axis name '" + name + "' is not key or group.key");
    }
    defaults = List.copyOf(defaults);
  }

  /** A sweepable setting that always applies, is always in the id, and changes no global option. */
  public static <T> Axis<T> of(String name, ValueType<T> type, List<T> defaults) {
    return new Axis<>(
        name,
        type,
        defaults,
        true,
        Optional.empty(),
        v -> true,
        Optional.empty(),
        (value, builder) -> {});
  }

  /** This axis, shown in labels as {@code key=value}. */
  public Axis<T> labelled(String key) {
    return new Axis<>(
        name, type, defaults, sweepable, idDefault, appliesTo, Optional.of(key), network);
  }

  /** This axis, left out of trial ids while it has {@code value}. */
  public Axis<T> omittedFromIdAt(T value) {
    return new Axis<>(
        name, type, defaults, sweepable, Optional.of(value), appliesTo, labelKey, network);
  }

  /** This axis, applying only to variants that {@code condition} accepts. */
  public Axis<T> onlyWhen(Predicate<Variant> condition) {
    return new Axis<>(name, type, defaults, sweepable, idDefault, condition, labelKey, network);
  }

  /** This axis, given to every network's global configuration by {@code configure}. */
  public Axis<T> configuring(BiConsumer<T, NeuralNetConfiguration.Builder> configure) {
    return new Axis<>(name, type, defaults, sweepable, idDefault, appliesTo, labelKey, configure);
  }

  /** This axis, as a setting that a spec may give only as one value. */
  public Axis<T> scalarOnly() {
    return new Axis<>(name, type, defaults, false, idDefault, appliesTo, labelKey, network);
  }

  /** The column of this setting in the CSV and Parquet tables: the name without dots. */
  public String column() {
    return name.replace('.', '_');
  }

  /** The key of this setting in its spec mapping: {@code channels} for {@code network.channels}. */
  public String key() {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** The mapping this setting sits in, such as {@code network}, or empty at the top level. */
  public Optional<String> group() {
    int dot = name.indexOf('.');
    return dot < 0 ? Optional.empty() : Optional.of(name.substring(0, dot));
  }

  /** {@code value} read as this axis's type, for values typed as {@code Object}. */
  @SuppressWarnings("unchecked")
  T cast(Object value) {
    // every value in a Variant was read by its axis's own type, so this cast holds by construction
    return (T) value;
  }

  /** The canonical text of {@code value}, which must have been read by this axis. */
  public String text(Object value) {
    return type.text(cast(value));
  }

  /** The JSON form of {@code value}, which must have been read by this axis. */
  public JsonNode json(Object value) {
    return type.write(cast(value));
  }

  /** Applies {@code value}, which must have been read by this axis, to {@code builder}. */
  public void configure(Object value, NeuralNetConfiguration.Builder builder) {
    network.accept(cast(value), builder);
  }

  /** Whether {@code value} (of this axis) leaves the setting out of trial ids. */
  public boolean omittedFromId(Object value) {
    return idDefault.isPresent() && idDefault.get().equals(value);
  }
}
