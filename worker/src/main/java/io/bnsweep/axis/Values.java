package io.bnsweep.axis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The value types of bnsweep's own axes. */
public final class Values {
  private Values() {}

  /** A positive integer. */
  public static ValueType<Integer> positiveInt() {
    return new IntType(1);
  }

  /** An integer, zero or above. */
  public static ValueType<Integer> nonNegativeInt() {
    return new IntType(0);
  }

  /** A finite number above zero. */
  public static ValueType<Double> positiveNumber() {
    return new NumberType(false);
  }

  /** A finite number, zero or above. */
  public static ValueType<Double> nonNegativeNumber() {
    return new NumberType(true);
  }

  /** A probability below one: a finite number in [0, 1). */
  public static ValueType<Double> fraction() {
    return constrained(nonNegativeNumber(), v -> v < 1, "must be a number in [0, 1)");
  }

  /**
   * The values of {@code base} that {@code accepts} holds for, written and shown as {@code base}
   * does; any other value, or one {@code base} refuses, is refused with {@code problem} (such as
   * {@code "must be a number in [0, 1)"}).
   */
  public static <T> ValueType<T> constrained(
      ValueType<T> base, java.util.function.Predicate<T> accepts, String problem) {
    return new Constrained<>(base, accepts, problem);
  }

  /** A non-empty string. */
  public static ValueType<String> string() {
    return new Named<>("a non-empty string", Function.identity(), Function.identity());
  }

  /** A non-empty list of positive integers, such as {@code [16, 32]}. */
  public static ValueType<List<Integer>> positiveInts() {
    return new ListType<>(positiveInt(), false);
  }

  /** {@code [height, width]}: two positive integers. */
  public static ValueType<List<Integer>> imageSize() {
    return constrained(
        positiveInts(), size -> size.size() == 2, "must be [height, width], two positive integers");
  }

  /**
   * A list of distinct values of {@code element}, possibly empty ({@code []}, {@code [crop,
   * flip]}).
   */
  public static <E> ValueType<List<E>> setOf(ValueType<E> element) {
    return new ListType<>(element, true);
  }

  /**
   * A value named by a string: {@code parse} turns the name into the value (throwing {@link
   * IllegalArgumentException} with the known names if there is none), {@code name} back.
   */
  public static <T> ValueType<T> named(
      String what, Function<String, T> parse, Function<T, String> name) {
    return new Named<>(what, parse, name);
  }

  private record Constrained<T>(
      ValueType<T> base, java.util.function.Predicate<T> accepts, String problem)
      implements ValueType<T> {
    @Override
    public T read(JsonNode node) {
      T value;
      try {
        value = base.read(node);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(problem);
      }
      if (!accepts.test(value)) {
        throw new IllegalArgumentException(problem);
      }
      return value;
    }

    @Override
    public JsonNode write(T value) {
      return base.write(value);
    }

    @Override
    public String text(T value) {
      return base.text(value);
    }

    @Override
    public Column column() {
      return base.column();
    }
  }

  private record IntType(int min) implements ValueType<Integer> {
    @Override
    public Integer read(JsonNode node) {
      if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min) {
        throw new IllegalArgumentException(
            min == 1 ? "must be a positive integer" : "must be an integer >= " + min);
      }
      return node.asInt();
    }

    @Override
    public JsonNode write(Integer value) {
      return IntNode.valueOf(value);
    }

    @Override
    public String text(Integer value) {
      return Integer.toString(value);
    }

    @Override
    public Column column() {
      return Column.LONG;
    }
  }

  private record NumberType(boolean zeroAllowed) implements ValueType<Double> {
    @Override
    public Double read(JsonNode node) {
      // YAML's .nan and .inf arrive as numbers too; neither is a learning rate or a decay
      double v = node.isNumber() ? node.asDouble() : Double.NaN;
      if (!node.isNumber() || !Double.isFinite(v) || v < 0 || (v == 0 && !zeroAllowed)) {
        throw new IllegalArgumentException(
            zeroAllowed ? "must be a finite number >= 0" : "must be a finite number > 0");
      }
      return v;
    }

    @Override
    public JsonNode write(Double value) {
      return DoubleNode.valueOf(value);
    }

    /**
     * Java's shortest round-trip form ({@code 0.001}, {@code 1.0E-4}): today's trial ids use it.
     */
    @Override
    public String text(Double value) {
      return Double.toString(value);
    }

    @Override
    public Column column() {
      return Column.DOUBLE;
    }
  }

  private record Named<T>(String what, Function<String, T> parse, Function<T, String> name)
      implements ValueType<T> {
    @Override
    public T read(JsonNode node) {
      if (!node.isTextual() || node.asText().isBlank()) {
        throw new IllegalArgumentException("must be " + what);
      }
      return parse.apply(node.asText());
    }

    @Override
    public JsonNode write(T value) {
      return TextNode.valueOf(name.apply(value));
    }

    @Override
    public String text(T value) {
      return name.apply(value);
    }
  }

  /**
   * A list of {@code element}s: a non-empty list, or, as a set, any list (empty for none) without
   * repeats.
   */
  private record ListType<E>(ValueType<E> element, boolean set) implements ValueType<List<E>> {
    @Override
    public List<E> read(JsonNode node) {
      if (!node.isArray() || (!set && node.isEmpty())) {
        throw new IllegalArgumentException(
            set ? "must be a list, [] for none" : "must be a non-empty list");
      }
      List<E> values = new ArrayList<>();
      for (JsonNode item : node) {
        E value;
        try {
          value = element.read(item);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("each item " + e.getMessage());
        }
        if (set && values.contains(value)) {
          throw new IllegalArgumentException("must not repeat " + item);
        }
        values.add(value);
      }
      return List.copyOf(values);
    }

    @Override
    public JsonNode write(List<E> value) {
      var array = JsonNodeFactory.instance.arrayNode();
      value.forEach(v -> array.add(element.write(v)));
      return array;
    }

    /** {@code [16, 32]}: {@link List#toString()} of the items' texts, as today's trial ids. */
    @Override
    public String text(List<E> value) {
      return value.stream().map(element::text).toList().toString();
    }
  }
}
