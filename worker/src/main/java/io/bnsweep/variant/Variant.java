package io.bnsweep.variant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.bnsweep.axis.Axes;
import io.bnsweep.axis.Axis;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One variant of a sweep: the resolved settings of a trial but its seed, as a map from axis name
 * ({@link Axes}) to value. Settings that do not apply to it (see {@link Axis#appliesTo}) are
 * absent.
 *
 * <p>Immutable and compared by value. Its JSON form is the flat mapping of setting names to their
 * JSON values, such as {@code {"activation": "relu", "placement": "before", "learningRate":
 * 0.001}}; results written before settings other than placement and activation were recorded carry
 * only those two.
 *
 * @param settings axis name to value, each value read by that axis's type
 */
public record Variant(SortedMap<String, Object> settings) {
  /** The label of a variant none of whose settings are swept: it stands for the whole sweep. */
  public static final String ALL = "(all)";

  /** Orders variants by their settings' values in axis order, then by text. */
  public static final Comparator<Variant> ORDER = Variant::compare;

  public Variant {
    settings = Collections.unmodifiableSortedMap(new TreeMap<>(settings));
  }

  /** The variant with no settings, to build on with {@link #with}. */
  public static Variant empty() {
    return new Variant(new TreeMap<>());
  }

  /**
   * A cnn variant placed and activated as given, every other setting at its axis's single default
   * (the subset sizes, which default to the whole split, are left out): for tests and tools.
   */
  public static Variant of(Placement placement, ActivationKind activation) {
    return of("cnn", placement, activation);
  }

  /** As {@link #of(Placement, ActivationKind)}, for the network family {@code family}. */
  public static Variant of(String family, Placement placement, ActivationKind activation) {
    Variant v =
        empty()
            .with(Axes.NETWORK_FAMILY, family)
            .with(Axes.PLACEMENT, placement)
            .with(Axes.ACTIVATION, activation);
    for (Axis<?> axis : Axes.all()) {
      if (!v.has(axis.name()) && axis.defaults().size() == 1 && axis.appliesTo().test(v)) {
        v = v.withRaw(axis.name(), axis.defaults().get(0));
      }
    }
    return v;
  }

  /** This variant with {@code axis} set to {@code value}. */
  public <T> Variant with(Axis<T> axis, T value) {
    TreeMap<String, Object> copy = new TreeMap<>(settings);
    copy.put(axis.name(), value);
    return new Variant(copy);
  }

  /** This variant with the setting called {@code name} set to {@code value}, read by its axis. */
  public Variant withRaw(String name, Object value) {
    TreeMap<String, Object> copy = new TreeMap<>(settings);
    copy.put(name, value);
    return new Variant(copy);
  }

  /** This variant without the setting {@code name}. */
  public Variant without(String name) {
    TreeMap<String, Object> copy = new TreeMap<>(settings);
    copy.remove(name);
    return new Variant(copy);
  }

  /** This variant without any of the settings called {@code names}. */
  public Variant without(java.util.Collection<String> names) {
    TreeMap<String, Object> copy = new TreeMap<>(settings);
    names.forEach(copy::remove);
    return new Variant(copy);
  }

  /** The value of {@code axis}, if this variant has it. */
  public <T> Optional<T> find(Axis<T> axis) {
    return settings.containsKey(axis.name()) ? Optional.of(get(axis)) : Optional.empty();
  }

  /**
   * The value of {@code axis}.
   *
   * @throws IllegalStateException if the setting does not apply to this variant
   */
  public <T> T get(Axis<T> axis) {
    Object value = settings.get(axis.name());
    if (value == null) {
      throw new IllegalStateException("variant " + label() + " has no setting " + axis.name());
    }
    @SuppressWarnings("unchecked") // values are put only through their axis's type
    T typed = (T) value;
    return typed;
  }

  /** True if this variant has the setting {@code name}. */
  public boolean has(String name) {
    return settings.containsKey(name);
  }

  /** The canonical text of the setting {@code name}, or empty if it does not apply. */
  public Optional<String> text(String name) {
    Object value = settings.get(name);
    return value == null ? Optional.empty() : Optional.of(Axes.get(name).text(value));
  }

  /** The placement of this variant (every variant has one). */
  public Placement placement() {
    return get(Axes.PLACEMENT);
  }

  /** The activation of this variant (every variant has one). */
  public ActivationKind activation() {
    return get(Axes.ACTIVATION);
  }

  /**
   * A short label naming the settings {@code names}, in axis order: values alone for axes shown
   * bare (placement, activation), {@code key=value} for the others, joined by {@code /}, e.g.
   * {@code before/relu/lr=0.01}.
   */
  public String label(Collection<String> names) {
    List<String> parts = new ArrayList<>();
    names.stream()
        .filter(settings::containsKey)
        .sorted(Comparator.comparingInt(Axes::order))
        .forEach(
            name -> {
              Axis<?> axis = Axes.get(name);
              String value = axis.text(settings.get(name));
              parts.add(axis.labelKey().map(k -> k + "=" + value).orElse(value));
            });
    return parts.isEmpty() ? ALL : String.join("/", parts);
  }

  /**
   * The label of this variant on its own: the settings shown bare (placement and activation), e.g.
   * {@code before/relu}. Reports and progress lines use {@link #label(Collection)} with the
   * settings that differ between their variants.
   */
  public String label() {
    List<String> bare = new ArrayList<>();
    settings.keySet().stream()
        .filter(name -> Axes.find(name).map(a -> a.labelKey().isEmpty()).orElse(false))
        .forEach(bare::add);
    return label(bare);
  }

  /** The JSON form: setting name to JSON value, in name order. */
  @JsonValue
  public Map<String, JsonNode> json() {
    Map<String, JsonNode> json = new LinkedHashMap<>();
    settings.forEach((name, value) -> json.put(name, Axes.get(name).json(value)));
    return json;
  }

  /**
   * The variant a JSON form stands for.
   *
   * @throws IllegalArgumentException naming a setting that no axis declares, or a bad value
   */
  @JsonCreator
  public static Variant fromJson(Map<String, JsonNode> json) {
    TreeMap<String, Object> settings = new TreeMap<>();
    json.forEach(
        (name, node) -> {
          Axis<?> axis =
              Axes.find(name)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "unknown setting '"
                                  + name
                                  + "' (an axis of a plugin that is not on the class path?)"));
          try {
            settings.put(name, axis.type().read(node));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage() + ", got " + node, e);
          }
        });
    return new Variant(settings);
  }

  private static int compare(Variant a, Variant b) {
    // every setting of a variant is a declared axis (fromJson refuses others), so walking the
    // axes in order visits every setting of both; a setting one lacks sorts it first
    for (Axis<?> axis : Axes.all()) {
      Object x = a.settings.get(axis.name());
      Object y = b.settings.get(axis.name());
      if (x == null || y == null) {
        if (x != y) {
          return x == null ? -1 : 1;
        }
        continue;
      }
      if (x.equals(y)) {
        continue; // the common case, without the text a non-comparable value is compared by
      }
      int c = compareValues(x, y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // values of one axis share one type
  private static int compareValues(Object x, Object y) {
    if (x instanceof Comparable cx && x.getClass().equals(y.getClass())) {
      return cx.compareTo(y);
    }
    return x.toString().compareTo(y.toString());
  }
}
