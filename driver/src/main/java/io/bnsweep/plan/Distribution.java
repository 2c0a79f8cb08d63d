package io.bnsweep.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.util.List;
import java.util.Random;

/**
 * How random search draws one axis's value: {@code {choice: [a, b, ...]}}, {@code {uniform: [low,
 * high]}}, {@code {loguniform: [low, high]}} (uniform in log space) or {@code {int: [low, high]}}
 * (an integer, both ends included). A drawn value is read by the axis's own type, so it is
 * validated like a value written in the spec.
 */
public sealed interface Distribution {
  /** One value, drawn with {@code random}. */
  JsonNode draw(Random random);

  /** Whether every draw is one of finitely many values (so that duplicate samples can collapse). */
  boolean discrete();

  /** One of {@code values}, each equally likely. */
  record Choice(List<JsonNode> values) implements Distribution {
    public Choice {
      values = List.copyOf(values);
    }

    @Override
    public JsonNode draw(Random random) {
      return values.get(random.nextInt(values.size()));
    }

    @Override
    public boolean discrete() {
      return true;
    }
  }

  /** Uniform on {@code [low, high)}. */
  record Uniform(double low, double high) implements Distribution {
    @Override
    public JsonNode draw(Random random) {
      return DoubleNode.valueOf(low + (high - low) * random.nextDouble());
    }

    @Override
    public boolean discrete() {
      return false;
    }
  }

  /** {@code exp} of a uniform draw on {@code [ln low, ln high)}; {@code low > 0}. */
  record LogUniform(double low, double high) implements Distribution {
    @Override
    public JsonNode draw(Random random) {
      double log = Math.log(low) + (Math.log(high) - Math.log(low)) * random.nextDouble();
      return DoubleNode.valueOf(Math.exp(log));
    }

    @Override
    public boolean discrete() {
      return false;
    }
  }

  /** An integer uniform on {@code [low, high]}, both included. */
  record IntRange(int low, int high) implements Distribution {
    @Override
    public JsonNode draw(Random random) {
      return IntNode.valueOf(low + random.nextInt(high - low + 1));
    }

    @Override
    public boolean discrete() {
      return true;
    }
  }
}
