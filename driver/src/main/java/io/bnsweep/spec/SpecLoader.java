package io.bnsweep.spec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bnsweep.axis.Axes;
import io.bnsweep.axis.Axis;
import io.bnsweep.network.NetworkFamilies;
import io.bnsweep.plan.Distribution;
import io.bnsweep.plan.SearchSpace;
import io.bnsweep.spec.SweepSpec.CompareSpec;
import io.bnsweep.spec.SweepSpec.TableSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
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
  /** Defaults for keys a spec leaves out (the settings' defaults are in {@link Axes}). */
  public static final String DEFAULT_NAME = "sweep";

  public static final int DEFAULT_SEEDS = 2;

  /** Keys of the spec that are not settings. */
  static final Set<String> SWEEP_KEYS =
      Set.of(
          "name",
          "cpusPerTrial",
          "seeds",
          "axes",
          "output",
          "mode",
          "trialTimeLimit",
          "compare",
          "table",
          "search",
          "tune",
          "checkpoints",
          "checkpointEvery",
          "trialDeaths");

  static final Set<String> COMPARE_KEYS =
      Set.of("axis", "baseline", "alpha", "equivalenceMargin", "metric");
  static final Set<String> SEQUENTIAL_KEYS = Set.of("min", "max", "step");

  /**
   * Seeds unless the spec says otherwise: sequential, 5 to 20 in steps of 3, so that a default
   * sweep runs until its comparisons are decided (or 20 seeds).
   */
  static final List<Integer> DEFAULT_SEQUENTIAL = List.of(5, 20, 3);

  static final Set<String> TABLE_KEYS = Set.of("rows", "columns");
  static final Set<String> SEARCH_KEYS = Set.of("sample", "seed");
  static final Set<String> DISTRIBUTIONS = Set.of("choice", "uniform", "loguniform", "int");

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
      nonFinite(e, source)
          .ifPresent(
              error -> {
                throw error;
              });
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
    List<Axis<?>> axes = Axes.all();
    Set<String> keys = new TreeSet<>(SWEEP_KEYS);
    axes.forEach(a -> keys.add(a.group().orElse(a.name())));
    keys.remove(Axes.STAGE.name()); // set by bnsweep (tune:), never by a spec
    spec.rejectUnknownKeys(keys);

    String name = spec.string("name").orElse(DEFAULT_NAME);
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw spec.error("name", "must use only letters, digits, '.', '_' and '-'", root.get("name"));
    }
    SearchSpace space = space(spec, axes);
    Optional<CompareSpec> compare = compare(spec, space);
    List<Integer> looks = looks(spec);
    List<Long> seeds =
        looks.isEmpty()
            ? seeds(spec)
            : LongStream.rangeClosed(1, looks.get(looks.size() - 1)).boxed().toList();
    ExecutionMode mode = mode(spec);
    if (!looks.isEmpty() && mode == ExecutionMode.DATA_PARALLEL) {
      throw new SpecException(
          source
              + ": seeds: sequential seeding is not supported with mode: data-parallel (give a"
              + " count or a list of seeds)");
    }
    SweepSpec.Decisions decisions = decisions(spec, looks);
    Optional<TuneSpec> tune = TuneSection.read(spec);
    if (tune.isPresent()) {
      TuneSection.check(spec, tune.get(), decisions, mode);
      space = space.withValue(Axes.EPOCHS, tune.get().maxEpochs());
    }
    return new SweepSpec(
        name,
        space,
        seeds,
        compare,
        decisions,
        table(spec, space),
        Path.of(spec.string("output").orElse("runs/" + name)),
        mode,
        spec.positiveNumber("trialTimeLimit").map(s -> Duration.ofMillis(Math.round(s * 1000))),
        cpus(spec, mode),
        tune,
        spec.string("checkpoints"),
        spec.get("checkpointEvery")
            .map(
                v -> {
                  if (!v.isNumber() || v.asDouble() < 0 || !Double.isFinite(v.asDouble())) {
                    throw spec.error(
                        "checkpointEvery", "must be a number of seconds, 0 or more", v);
                  }
                  return Duration.ofMillis(Math.round(v.asDouble() * 1000));
                })
            .orElse(Duration.ZERO),
        spec.positiveInt("trialDeaths").orElse(SweepSpec.DEFAULT_TRIAL_DEATHS));
  }

  /**
   * YAML's {@code .nan} and {@code .inf} (in any case, signed) are numbers that Jackson refuses to
   * read; the error then names the key being read, from the parser's context, and the value.
   */
  private static Optional<SpecException> nonFinite(JacksonException e, String source) {
    String message = String.valueOf(e.getOriginalMessage());
    if (!message.startsWith("Malformed numeric value")
        || !(e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser)) {
      return Optional.empty();
    }
    List<String> path = new ArrayList<>();
    for (var context = parser.getParsingContext(); context != null; context = context.getParent()) {
      if (context.getCurrentName() != null) {
        path.add(0, context.getCurrentName());
      }
    }
    String value = message.replaceAll("^Malformed numeric value '(.*)'.*$", "$1");
    JsonLocation at = e.getLocation();
    return Optional.of(
        new SpecException(
            source
                + ": "
                + (path.isEmpty() ? "the spec" : String.join(".", path))
                + ": must be a finite number, got "
                + value
                + (at == null
                    ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")));
  }

  /**
   * Every setting with its values: a scalar key gives one value, a list under {@code axes:}
   * several, a distribution under {@code axes:} (random search) a sampled axis; otherwise the
   * axis's defaults.
   */
  private static SearchSpace space(SpecNode spec, List<Axis<?>> axes) {
    SpecNode swept = spec.child("axes").orElse(spec.empty("axes"));
    swept.rejectUnknownKeys(
        axes.stream().filter(Axis::sweepable).map(Axis::name).collect(Collectors.toSet()));
    Map<String, SpecNode> groups = new HashMap<>();
    for (Axis<?> axis : axes) {
      axis.group()
          .ifPresent(
              group ->
                  groups.computeIfAbsent(
                      group,
                      g -> {
                        SpecNode node = spec.child(g).orElse(spec.empty(g));
                        node.rejectUnknownKeys(
                            axes.stream()
                                .filter(a -> a.group().equals(Optional.of(g)))
                                .map(Axis::key)
                                .collect(Collectors.toSet()));
                        return node;
                      }));
    }
    Optional<SearchSpace.Sampling> sampling = sampling(spec);
    Map<Axis<?>, List<Object>> settings = new LinkedHashMap<>();
    List<String> sweptNames = new ArrayList<>();
    Map<Axis<?>, Distribution> sampled = new LinkedHashMap<>();
    for (Axis<?> axis : axes) {
      SpecNode home = axis.group().map(groups::get).orElse(spec);
      Optional<JsonNode> scalar = home.get(axis.key());
      Optional<JsonNode> listed = swept.get(axis.name());
      if (scalar.isPresent() && listed.isPresent()) {
        throw swept.error(
            axis.name(),
            "is given both as a scalar ('" + home.path(axis.key()) + "') and as an axis; keep one",
            listed.get());
      }
      if (listed.isPresent() && listed.get().isObject()) {
        if (sampling.isEmpty()) {
          throw swept.error(
              axis.name(),
              "is a distribution, which needs random search: add search: {sample: N, seed: S}",
              listed.get());
        }
        sampled.put(axis, distribution(swept, axis, listed.get()));
      } else if (listed.isPresent()) {
        settings.put(axis, axisValues(swept, axis));
        sweptNames.add(axis.name());
      } else if (scalar.isPresent()) {
        settings.put(axis, List.of(read(home, axis.key(), axis, scalar.get())));
      } else {
        settings.put(axis, List.copyOf(axis.defaults()));
        if (axis.defaults().size() > 1 || axis == Axes.PLACEMENT) {
          sweptNames.add(axis.name()); // the placements default to every preset of the family
        }
      }
    }
    List<Axis<?>> given =
        axes.stream()
            .filter(
                a ->
                    swept.get(a.name()).isPresent()
                        || a.group().map(groups::get).orElse(spec).get(a.key()).isPresent())
            .toList();
    return new SearchSpace(settings, sweptNames, sampled, sampling, given);
  }

  private static List<Object> axisValues(SpecNode swept, Axis<?> axis) {
    List<Object> values = new ArrayList<>();
    for (JsonNode item : swept.list(axis.name(), true).orElseThrow()) {
      values.add(read(swept, axis.name(), axis, item));
    }
    return values;
  }

  private static Object read(SpecNode node, String key, Axis<?> axis, JsonNode value) {
    try {
      return axis.type().read(value);
    } catch (IllegalArgumentException e) {
      String problem = e.getMessage();
      throw node.error(key, problem, value);
    }
  }

  /** The distribution {@code node} names for {@code axis} (read by the axis's own type). */
  static Distribution distribution(SpecNode swept, Axis<?> axis, JsonNode node) {
    SpecNode d = swept.child(axis.name()).orElseThrow();
    d.rejectUnknownKeys(DISTRIBUTIONS);
    if (node.size() != 1) {
      throw swept.error(
          axis.name(),
          "must name one distribution (" + String.join(", ", DISTRIBUTIONS) + ")",
          node);
    }
    String kind = node.fieldNames().next();
    if (kind.equals("choice")) {
      List<JsonNode> items = d.list("choice", true).orElseThrow();
      items.forEach(item -> read(d, "choice", axis, item));
      return new Distribution.Choice(items);
    }
    JsonNode range = node.get(kind);
    if (!range.isArray()
        || range.size() != 2
        || !range.get(0).isNumber()
        || !range.get(1).isNumber()
        || !Double.isFinite(range.get(0).asDouble())
        || !Double.isFinite(range.get(1).asDouble())) {
      throw d.error(kind, "must be [low, high], two finite numbers", range);
    }
    double low = range.get(0).asDouble();
    double high = range.get(1).asDouble();
    if (!(low < high)) {
      throw d.error(kind, "needs low < high", range);
    }
    if (kind.equals("loguniform") && low <= 0) {
      throw d.error(kind, "needs low > 0 (it is uniform in log space)", range);
    }
    if (kind.equals("int")) {
      if (!range.get(0).canConvertToInt()
          || !range.get(1).canConvertToInt()
          || !range.get(0).isIntegralNumber()
          || !range.get(1).isIntegralNumber()) {
        throw d.error(kind, "must be [low, high], two integers", range);
      }
      read(d, kind, axis, range.get(0));
      read(d, kind, axis, range.get(1));
      return new Distribution.IntRange(range.get(0).asInt(), range.get(1).asInt());
    }
    read(d, kind, axis, DoubleNode.valueOf(low == 0 ? high / 2 : low));
    read(d, kind, axis, DoubleNode.valueOf(high));
    return kind.equals("uniform")
        ? new Distribution.Uniform(low, high)
        : new Distribution.LogUniform(low, high);
  }

  private static Optional<SearchSpace.Sampling> sampling(SpecNode spec) {
    return spec.child("search")
        .map(
            search -> {
              search.rejectUnknownKeys(SEARCH_KEYS);
              int sample =
                  search
                      .positiveInt("sample")
                      .orElseThrow(
                          () ->
                              new SpecException(
                                  search.source()
                                      + ": search.sample: random search needs the number of"
                                      + " samples"));
              long seed =
                  search.get("seed").map(v -> nonNegativeLong(search, "seed", v)).orElse(1L);
              return new SearchSpace.Sampling(sample, seed);
            });
  }

  private static long nonNegativeLong(SpecNode node, String key, JsonNode v) {
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
      throw node.error(key, "must be a non-negative integer", v);
    }
    return v.asLong();
  }

  private static Optional<CompareSpec> compare(SpecNode spec, SearchSpace space) {
    Optional<SpecNode> node = spec.child("compare");
    if (node.isEmpty()) {
      return Optional.empty();
    }
    SpecNode compare = node.get();
    compare.rejectUnknownKeys(COMPARE_KEYS);
    if (compare.get("axis").isEmpty() && compare.get("baseline").isEmpty()) {
      return Optional.empty(); // only alpha or the margin: the default axis and baseline
    }
    String axisName =
        compare
            .string("axis")
            .orElseThrow(
                () ->
                    new SpecException(compare.source() + ": compare.axis: which axis to compare"));
    Axis<?> axis =
        Axes.find(axisName)
            .orElseThrow(
                () -> compare.error("axis", "is not an axis", compare.get("axis").orElseThrow()));
    List<Object> values = space.values(axisName);
    if (values.isEmpty() && axis == Axes.PLACEMENT) {
      values = defaultPlacements(space);
    }
    if (values.size() < 2 || !space.swept().contains(axisName)) {
      throw compare.error(
          "axis",
          "must be an axis of the grid with two or more values (random search crosses every"
              + " sample with it)",
          compare.get("axis").orElseThrow());
    }
    JsonNode baselineNode =
        compare
            .get("baseline")
            .orElseThrow(
                () ->
                    new SpecException(
                        compare.source() + ": compare.baseline: which value of " + axisName));
    Object baseline;
    try {
      baseline = axis.type().read(baselineNode);
    } catch (IllegalArgumentException e) {
      throw compare.error("baseline", e.getMessage(), baselineNode);
    }
    if (!values.contains(baseline)) {
      throw compare.error(
          "baseline",
          "is not a value of axis "
              + axisName
              + " in this sweep (it has "
              + values.stream().map(axis::text).collect(Collectors.joining(", "))
              + ")",
          baselineNode);
    }
    return Optional.of(new CompareSpec(axisName, axis.text(baseline)));
  }

  /** The placements a sweep that names none tries: each of its families' presets. */
  private static List<Object> defaultPlacements(SearchSpace space) {
    List<Object> families = space.values(Axes.NETWORK_FAMILY.name());
    return families.stream()
        .flatMap(f -> NetworkFamilies.get((String) f).placements().stream())
        .distinct()
        .map(p -> (Object) p)
        .toList();
  }

  private static TableSpec table(SpecNode spec, SearchSpace space) {
    Optional<SpecNode> node = spec.child("table");
    if (node.isEmpty()) {
      return TableSpec.DEFAULT;
    }
    SpecNode table = node.get();
    table.rejectUnknownKeys(TABLE_KEYS);
    Optional<String> rows = table.string("rows");
    Optional<String> columns = table.string("columns");
    for (String key : TABLE_KEYS) {
      table
          .string(key)
          .ifPresent(
              axis -> {
                if (!space.isSwept(axis)) {
                  throw table.error(
                      key,
                      "is not a swept axis of this sweep (swept: "
                          + String.join(", ", sweptNames(space))
                          + ")",
                      table.get(key).orElseThrow());
                }
              });
    }
    if (rows.isPresent() && rows.equals(columns)) {
      throw table.error(
          "columns", "must differ from table.rows", table.get("columns").orElseThrow());
    }
    return new TableSpec(rows, columns);
  }

  private static List<String> sweptNames(SearchSpace space) {
    List<String> names = new ArrayList<>(space.swept());
    space.sampled().keySet().forEach(a -> names.add(a.name()));
    return names;
  }

  /** {@code cpusPerTrial: N} or {@code cpusPerTrial: {family: N, ...}}. */
  private static CpusPerTrial cpus(SpecNode spec, ExecutionMode mode) {
    Optional<JsonNode> node = spec.get("cpusPerTrial");
    if (node.isEmpty()) {
      return CpusPerTrial.DEFAULT;
    }
    if (mode == ExecutionMode.DATA_PARALLEL) {
      throw spec.error(
          "cpusPerTrial",
          "does not apply to mode: data-parallel (its executors' tasks take spark.task.cpus)",
          node.get());
    }
    if (!node.get().isObject()) {
      int all =
          spec.positiveInt("cpusPerTrial")
              .orElseThrow(
                  () -> spec.error("cpusPerTrial", "must be a positive integer", node.get()));
      return new CpusPerTrial(OptionalInt.of(all), Map.of());
    }
    SpecNode byFamily = spec.child("cpusPerTrial").orElseThrow();
    Map<String, Integer> cpus = new LinkedHashMap<>();
    node.get()
        .fieldNames()
        .forEachRemaining(
            family -> {
              if (NetworkFamilies.find(family).isEmpty()) {
                throw byFamily.error(
                    family,
                    "is not a network family (known: "
                        + NetworkFamilies.all().stream()
                            .map(f -> f.name())
                            .collect(Collectors.joining(", "))
                        + ")",
                    node.get().get(family));
              }
              cpus.put(
                  family,
                  byFamily
                      .positiveInt(family)
                      .orElseThrow(
                          () ->
                              byFamily.error(
                                  family, "must be a positive integer", node.get().get(family))));
            });
    return new CpusPerTrial(OptionalInt.empty(), cpus);
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

  /**
   * The looks of sequential seeding, {@code seeds: {min, max, step}}: {@code min, min + step, ...,
   * max}; the default when the spec has no {@code seeds}; empty for a count or a list.
   */
  private static List<Integer> looks(SpecNode spec) {
    JsonNode seeds = spec.get("seeds").orElse(null);
    int min;
    int max;
    int step;
    if (seeds == null) {
      min = DEFAULT_SEQUENTIAL.get(0);
      max = DEFAULT_SEQUENTIAL.get(1);
      step = DEFAULT_SEQUENTIAL.get(2);
    } else if (seeds.isObject()) {
      SpecNode sequential = spec.child("seeds").orElseThrow();
      sequential.rejectUnknownKeys(SEQUENTIAL_KEYS);
      min = sequential.positiveInt("min").orElse(DEFAULT_SEQUENTIAL.get(0));
      max = sequential.positiveInt("max").orElse(Math.max(min, DEFAULT_SEQUENTIAL.get(1)));
      step =
          sequential.get("step").map(v -> stepOf(sequential, v)).orElse(DEFAULT_SEQUENTIAL.get(2));
      if (min > max) {
        throw sequential.error("min", "must not exceed seeds.max (" + max + ")", seeds.get("min"));
      }
    } else {
      return List.of();
    }
    List<Integer> looks = new ArrayList<>();
    for (int n = min; n < max; n += step) {
      looks.add(n);
    }
    looks.add(max);
    return List.copyOf(looks);
  }

  private static int stepOf(SpecNode node, JsonNode v) {
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1) {
      throw node.error("step", "must be an integer of 1 or more", v);
    }
    return v.asInt();
  }

  private static SweepSpec.Decisions decisions(SpecNode spec, List<Integer> looks) {
    SpecNode compare = spec.child("compare").orElse(spec.empty("compare"));
    double alpha =
        compare
            .get("alpha")
            .map(
                v -> {
                  if (!v.isNumber() || !(v.asDouble() > 0 && v.asDouble() < 0.5)) {
                    throw compare.error("alpha", "must be a number in (0, 0.5)", v);
                  }
                  return v.asDouble();
                })
            .orElse(SweepSpec.Decisions.DEFAULT.alpha());
    double margin =
        compare
            .get("equivalenceMargin")
            .map(
                v -> {
                  if (!v.isNumber() || !(v.asDouble() > 0) || !Double.isFinite(v.asDouble())) {
                    throw compare.error(
                        "equivalenceMargin", "must be a positive number of accuracy points", v);
                  }
                  return v.asDouble() / 100;
                })
            .orElse(SweepSpec.Decisions.DEFAULT.margin());
    String metric = compare.string("metric").orElse("test");
    if (!SweepSpec.Decisions.METRICS.contains(metric)) {
      throw compare.error(
          "metric", "must be test or validation", compare.get("metric").orElseThrow());
    }
    if (metric.equals("validation")
        && spec.get("validationSize").isEmpty()
        && spec.child("axes").flatMap(a -> a.get("validationSize")).isEmpty()) {
      throw compare.error(
          "metric",
          "validation needs a validation split: set validationSize",
          compare.get("metric").orElseThrow());
    }
    return new SweepSpec.Decisions(alpha, margin, looks, metric);
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
      throw spec.error(
          "seeds", "must be a count, a list of integer seeds, or {min, max, step}", seeds);
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
}
