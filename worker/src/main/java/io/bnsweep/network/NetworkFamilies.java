package io.bnsweep.network;

import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The network families a JVM knows: bnsweep's own, then those on the class path ({@link
 * ServiceLoader} of {@link NetworkFamily}). Loaded once; a plugin that cannot be loaded is
 * remembered with its error, which specs naming an unknown family are told.
 */
public final class NetworkFamilies {
  /** The family of variants that have no {@code network.family} (every first-release result). */
  public static final String DEFAULT = CnnFamily.NAME;

  private static final List<String> FAILURES = new ArrayList<>();
  private static final Map<String, NetworkFamily> ALL =
      load(ServiceLoader.load(NetworkFamily.class).iterator(), FAILURES);

  private NetworkFamilies() {}

  /** Every family, bnsweep's first. */
  public static List<NetworkFamily> all() {
    return List.copyOf(ALL.values());
  }

  /** The family called {@code name}, if there is one. */
  public static Optional<NetworkFamily> find(String name) {
    return Optional.ofNullable(ALL.get(name));
  }

  /**
   * The family called {@code name}.
   *
   * @throws IllegalArgumentException naming the known families, and plugins that failed to load
   */
  public static NetworkFamily get(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown network family '"
                        + name
                        + "' (known: "
                        + String.join(", ", ALL.keySet())
                        + (FAILURES.isEmpty()
                            ? ""
                            : "; plugins that failed to load: " + String.join("; ", FAILURES))
                        + ")"));
  }

  /** The family of {@code variant}. */
  public static NetworkFamily of(Variant variant) {
    return get(variant.text("network.family").orElse(DEFAULT));
  }

  /**
   * bnsweep's families, then those {@code plugins} yields; a plugin that cannot be loaded is added
   * to {@code failures} as its loader's message and cause, and skipped.
   *
   * @throws IllegalStateException if two families have one name
   */
  static Map<String, NetworkFamily> load(Iterator<NetworkFamily> plugins, List<String> failures) {
    Map<String, NetworkFamily> byName = new LinkedHashMap<>();
    for (NetworkFamily family : List.of(new CnnFamily(), new MlpFamily(), new ResNetFamily())) {
      byName.put(family.name(), family);
    }
    while (true) {
      NetworkFamily family;
      try {
        if (!plugins.hasNext()) {
          break;
        }
        family = plugins.next();
      } catch (ServiceConfigurationError e) {
        if (failures.size() >= 100) {
          break; // the loader's recovery is best effort; do not loop on a broken class path
        }
        failures.add(e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause()));
        continue;
      }
      if (byName.putIfAbsent(family.name(), family) != null) {
        throw new IllegalStateException(
            "two network families are called '"
                + family.name()
                + "': "
                + byName.get(family.name()).getClass().getName()
                + " and "
                + family.getClass().getName());
      }
    }
    return Collections.unmodifiableMap(byName);
  }
}
