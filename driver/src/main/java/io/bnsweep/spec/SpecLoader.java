package io.bnsweep.spec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.NetworkShape;
import io.bnsweep.variant.Placement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Reads a sweep spec from YAML or JSON into a validated {@link SweepSpec}.
 *
 * <p>The file is read as a plain tree (no type tags are honoured, so a spec cannot make the loader
 * build arbitrary objects), then walked key by key; every key has a default, so an empty file is a
 * valid sweep.
 */
public final class SpecLoader {
  /** Defaults for keys a spec leaves out. */
  public static final String DEFAULT_NAME = "sweep";

  public static final String DEFAULT_DATASET = "fashion-mnist";
  public static final int DEFAULT_EPOCHS = 1;
  public static final int DEFAULT_BATCH_SIZE = 64;
  public static final double DEFAULT_LEARNING_RATE = 0.001;
  public static final int DEFAULT_SEEDS = 2;

  static final Set<String> KEYS =
      Set.of(
          "name",
          "dataset",
          "trainSize",
          "testSize",
          "epochs",
          "batchSize",
          "learningRate",
          "seeds",
          "axes",
          "network",
          "output",
          "mode",
          "trialTimeLimit");
  static final Set<String> AXES = Set.of("placement", "activation");
  static final Set<String> NETWORK_KEYS = Set.of("channels", "kernel");

  private SpecLoader() {}

  /**
   * Reads and validates {@code file}; {@code .json} files are read as JSON, anything else as YAML.
   *
   * @throws SpecException naming the file, key and value that are wrong
   */
  public static SweepSpec load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new SpecException(file + ": no such spec file");
    } catch (IOException e) {
      throw new SpecException(file + ": cannot read spec (" + e.getMessage() + ")");
    }
    boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    return parse(text, file.toString(), json);
  }

  /** Validates spec {@code text} read from {@code source}. */
  public static SweepSpec parse(String text, String source, boolean json) {
    ObjectMapper mapper = json ? new ObjectMapper() : new YAMLMapper();
    JsonNode root;
    try {
      root = text.isBlank() ? JsonNodeFactory.instance.objectNode() : mapper.readTree(text);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new SpecException(
          source
              + ": not valid "
              + (json ? "JSON" : "YAML")
              + where
              + ": "
              + e.getOriginalMessage().replaceAll("\\s+", " ").trim());
    }
    if (root == null || root.isMissingNode()) {
      root = JsonNodeFactory.instance.objectNode();
    }
    SpecNode spec = SpecNode.of(root, source, "");
    spec.rejectUnknownKeys(KEYS);

    String name = spec.string("name").orElse(DEFAULT_NAME);
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw spec.error("name", "must use only letters, digits, '.', '_' and '-'", root.get("name"));
    }
    SpecNode axes =
        spec.child("axes")
            .orElse(SpecNode.of(JsonNodeFactory.instance.objectNode(), source, "axes"));
    axes.rejectUnknownKeys(AXES);

    return new SweepSpec(
        name,
        spec.string("dataset").orElse(DEFAULT_DATASET),
        optional(spec.positiveInt("trainSize").orElse(null)),
        optional(spec.positiveInt("testSize").orElse(null)),
        spec.positiveInt("epochs").orElse(DEFAULT_EPOCHS),
        spec.positiveInt("batchSize").orElse(DEFAULT_BATCH_SIZE),
        spec.positiveNumber("learningRate").orElse(DEFAULT_LEARNING_RATE),
        seeds(spec),
        axis(axes, "placement", Placement::parse, Placement.values(), Placement.known()),
        axis(
            axes,
            "activation",
            ActivationKind::parse,
            ActivationKind.values(),
            ActivationKind.known()),
        network(spec),
        Path.of(spec.string("output").orElse("runs/" + name)),
        mode(spec),
        spec.positiveNumber("trialTimeLimit").map(s -> Duration.ofMillis(Math.round(s * 1000))));
  }

  private static ExecutionMode mode(SpecNode spec) {
    String mode = spec.string("mode").orElse(ExecutionMode.TRIALS.id());
    try {
      return ExecutionMode.parse(mode);
    } catch (IllegalArgumentException e) {
      throw spec.error(
          "mode",
          "unknown mode (known: " + ExecutionMode.known() + ")",
          spec.get("mode").orElseThrow());
    }
  }

  private static OptionalInt optional(Integer value) {
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }

  private static List<Long> seeds(SpecNode spec) {
    JsonNode seeds = spec.get("seeds").orElse(null);
    if (seeds == null) {
      return LongStream.rangeClosed(1, DEFAULT_SEEDS).boxed().toList();
    }
    if (seeds.isIntegralNumber()) {
      int count = spec.positiveInt("seeds", seeds);
      return LongStream.rangeClosed(1, count).boxed().toList();
    }
    if (!seeds.isArray()) {
      throw spec.error("seeds", "must be a count or a list of integer seeds", seeds);
    }
    List<Long> values = new ArrayList<>();
    for (JsonNode seed : spec.list("seeds", true).orElseThrow()) {
      if (!seed.isIntegralNumber() || !seed.canConvertToLong() || seed.asLong() < 0) {
        throw spec.error("seeds", "must hold non-negative integers", seed);
      }
      values.add(seed.asLong());
    }
    return values;
  }

  private static <T extends Enum<T>> List<T> axis(
      SpecNode axes, String axis, Function<String, T> parse, T[] all, String known) {
    return axes.list(axis, true)
        .map(
            items -> items.stream().map(item -> axisValue(axes, axis, parse, known, item)).toList())
        .orElse(Arrays.asList(all));
  }

  private static <T> T axisValue(
      SpecNode axes, String axis, Function<String, T> parse, String known, JsonNode item) {
    try {
      if (item.isTextual()) {
        return parse.apply(item.asText());
      }
    } catch (IllegalArgumentException e) {
      // reported below, with the known names
    }
    throw axes.error(axis, "unknown " + axis + " (known: " + known + ")", item);
  }

  private static NetworkShape network(SpecNode spec) {
    SpecNode network = spec.child("network").orElse(null);
    if (network == null) {
      return NetworkShape.DEFAULT;
    }
    network.rejectUnknownKeys(NETWORK_KEYS);
    List<Integer> channels =
        network
            .list("channels", false)
            .map(
                items ->
                    items.stream()
                        .map(item -> network.positiveInt("channels", item))
                        .collect(Collectors.toList()))
            .orElse(NetworkShape.DEFAULT.channels());
    int kernel = network.positiveInt("kernel").orElse(NetworkShape.DEFAULT.kernel());
    return new NetworkShape(channels, kernel);
  }
}
