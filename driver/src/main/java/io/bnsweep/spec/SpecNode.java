package io.bnsweep.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * One mapping of a spec file, read key by key with one-line errors that name the file, the full key
 * and the offending value.
 */
final class SpecNode {
  private static final int MAX_TYPO_DISTANCE = 2;

  private final ObjectNode node;
  private final String source;
  private final String prefix;

  private SpecNode(ObjectNode node, String source, String prefix) {
    this.node = node;
    this.source = source;
    this.prefix = prefix;
  }

  /** The mapping {@code node} read from {@code source}, whose keys are named {@code prefix.key}. */
  static SpecNode of(JsonNode node, String source, String prefix) {
    if (!(node instanceof ObjectNode object)) {
      String where = prefix.isEmpty() ? "the spec" : prefix;
      throw new SpecException(
          source + ": " + where + " must be a mapping of keys to values, got " + describe(node));
    }
    return new SpecNode(object, source, prefix);
  }

  /** Fails on the first key that is not in {@code known}, suggesting the closest known one. */
  void rejectUnknownKeys(Set<String> known) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String key = names.next();
      if (!known.contains(key)) {
        String suggestion =
            known.stream()
                .min(Comparator.comparingInt(k -> distance(k, key)))
                .filter(k -> distance(k, key) <= MAX_TYPO_DISTANCE)
                .map(k -> "did you mean '" + k + "'? ")
                .orElse("");
        throw new SpecException(
            source
                + ": unknown key '"
                + path(key)
                + "' ("
                + suggestion
                + "known keys: "
                + String.join(", ", new TreeSet<>(known))
                + ")");
      }
    }
  }

  /** An empty mapping standing for {@code key}, which the spec left out. */
  SpecNode empty(String key) {
    return new SpecNode(JsonNodeFactory.instance.objectNode(), source, path(key));
  }

  /** The file this mapping was read from. */
  String source() {
    return source;
  }

  Optional<JsonNode> get(String key) {
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  Optional<String> string(String key) {
    return get(key)
        .map(
            v -> {
              if (!v.isTextual() || v.asText().isBlank()) {
                throw error(key, "must be a non-empty string", v);
              }
              return v.asText();
            });
  }

  Optional<Integer> positiveInt(String key) {
    return get(key).map(v -> positiveInt(key, v));
  }

  int positiveInt(String key, JsonNode v) {
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() <= 0) {
      throw error(key, "must be a positive integer", v);
    }
    return v.asInt();
  }

  Optional<Double> positiveNumber(String key) {
    return get(key)
        .map(
            v -> {
              if (!v.isNumber() || !(v.asDouble() > 0) || Double.isInfinite(v.asDouble())) {
                throw error(key, "must be a positive number", v);
              }
              return v.asDouble();
            });
  }

  /**
   * The list under {@code key}; it must be a non-empty sequence, and without repeated values if
   * {@code distinct}.
   */
  Optional<List<JsonNode>> list(String key, boolean distinct) {
    return get(key)
        .map(
            v -> {
              if (!v.isArray() || v.isEmpty()) {
                throw error(key, "must be a non-empty list", v);
              }
              List<JsonNode> items = new ArrayList<>();
              for (JsonNode item : v) {
                if (distinct && items.contains(item)) {
                  throw error(key, "lists " + describe(item) + " twice", v);
                }
                items.add(item);
              }
              return items;
            });
  }

  Optional<SpecNode> child(String key) {
    return get(key).map(v -> of(v, source, path(key)));
  }

  SpecException error(String key, String problem, JsonNode value) {
    return new SpecException(
        source + ": " + path(key) + ": " + problem + ", got " + describe(value));
  }

  String path(String key) {
    return prefix.isEmpty() ? key : prefix + "." + key;
  }

  static String describe(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "nothing";
    }
    String text = value.toString();
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }

  private static int distance(String a, String b) {
    return LevenshteinDistance.getDefaultInstance().apply(a, b);
  }
}
