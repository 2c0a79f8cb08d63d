package io.bnsweep.variant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.bnsweep.axis.ValueType;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The optimiser of a trial and its parameters other than the learning rate (which is its own axis).
 * A spec writes {@code optimizer: adam}, or a mapping such as {@code {name: nesterov, momentum:
 * 0.95}}; parameters left out take the usual defaults below (DL4J's and PyTorch's).
 *
 * @param name {@code adam}, {@code sgd}, {@code nesterov} or {@code rmsprop}
 * @param params every parameter of that optimiser, defaults filled in
 */
public record Optimizer(String name, SortedMap<String, Double> params) {
  /** The optimisers and their parameters with their defaults. */
  private static final Map<String, Map<String, Double>> KNOWN =
      Map.of(
          "adam", Map.of("beta1", 0.9, "beta2", 0.999, "epsilon", 1e-8),
          "sgd", Map.of(),
          "nesterov", Map.of("momentum", 0.9),
          "rmsprop", Map.of("decay", 0.95, "epsilon", 1e-8));

  /** Adam with its default parameters: every trial's optimiser unless a spec says otherwise. */
  public static final Optimizer ADAM = named("adam");

  public Optimizer {
    params = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(params));
  }

  /** The optimiser {@code name} with its default parameters. */
  public static Optimizer named(String name) {
    Map<String, Double> defaults = KNOWN.get(name);
    if (defaults == null) {
      throw new IllegalArgumentException(
          "unknown optimizer '"
              + name
              + "' (known: "
              + String.join(", ", new TreeMap<>(KNOWN).keySet())
              + ")");
    }
    return new Optimizer(name, new TreeMap<>(defaults));
  }

  /** DL4J's updater for this optimiser at {@code learningRate}. */
  public IUpdater updater(double learningRate) {
    return switch (name) {
      case "adam" ->
          new Adam(learningRate, params.get("beta1"), params.get("beta2"), params.get("epsilon"));
      case "sgd" -> new Sgd(learningRate);
      case "nesterov" -> new Nesterovs(learningRate, params.get("momentum"));
      case "rmsprop" -> new RmsProp(learningRate, params.get("decay"), params.get("epsilon"));
      default -> throw new IllegalStateException("no updater for " + name);
    };
  }

  /**
   * {@code adam}, or with the parameters that differ from the defaults: {@code
   * nesterov(momentum=0.95)}.
   */
  public String text() {
    Map<String, Double> defaults = KNOWN.get(name);
    String changed =
        params.entrySet().stream()
            .filter(e -> !e.getValue().equals(defaults.get(e.getKey())))
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
    return changed.isEmpty() ? name : name + "(" + changed + ")";
  }

  /** The value type of the {@code optimizer} axis. */
  public static ValueType<Optimizer> type() {
    return new ValueType<>() {
      @Override
      public Optimizer read(JsonNode node) {
        if (node.isTextual()) {
          return named(node.asText());
        }
        if (!node.isObject() || !node.path("name").isTextual()) {
          throw new IllegalArgumentException(
              "must be an optimizer name or a mapping with 'name' and its parameters");
        }
        Optimizer base = named(node.get("name").asText());
        SortedMap<String, Double> params = new TreeMap<>(base.params());
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          if (field.getKey().equals("name")) {
            continue;
          }
          if (!params.containsKey(field.getKey())) {
            throw new IllegalArgumentException(
                base.name()
                    + " has no parameter '"
                    + field.getKey()
                    + "' (it has: "
                    + (params.isEmpty() ? "none" : String.join(", ", params.keySet()))
                    + ")");
          }
          JsonNode v = field.getValue();
          double x = v.isNumber() ? v.asDouble() : Double.NaN;
          if (!Double.isFinite(x) || x < 0 || (x >= 1 && !field.getKey().equals("epsilon"))) {
            throw new IllegalArgumentException(
                base.name()
                    + "'s "
                    + field.getKey()
                    + " must be a finite number in [0, 1), got "
                    + v);
          }
          params.put(field.getKey(), x);
        }
        return new Optimizer(base.name(), params);
      }

      @Override
      public JsonNode write(Optimizer value) {
        if (value.equals(named(value.name()))) {
          return TextNode.valueOf(value.name());
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("name", value.name());
        value.params().forEach(node::put);
        return node;
      }

      @Override
      public String text(Optimizer value) {
        return value.text();
      }
    };
  }
}
