package io.bnsweep.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.bnsweep.axis.Axes;
import io.bnsweep.axis.Axis;
import io.bnsweep.plan.Distribution;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a spec's {@code tune:} section ({@link TuneSpec}) and checks it against the rest of the
 * spec: every problem one line naming the key, before anything runs.
 */
final class TuneSection {
  static final Set<String> KEYS =
      Set.of(
          "axes",
          "configurations",
          "minEpochs",
          "maxEpochs",
          "eta",
          "alsoFixed",
          "replicates",
          "seed");

  private TuneSection() {}

  /** The {@code tune:} of {@code spec}, or empty. */
  static Optional<TuneSpec> read(SpecNode spec) {
    Optional<SpecNode> node = spec.child("tune");
    if (node.isEmpty()) {
      return Optional.empty();
    }
    SpecNode tune = node.get();
    tune.rejectUnknownKeys(KEYS);
    SpecNode axesNode =
        tune.child("axes")
            .orElseThrow(
                () ->
                    new SpecException(
                        tune.source()
                            + ": tune.axes: which settings to tune, each with a distribution"
                            + " such as {loguniform: [0.0001, 0.3]}"));
    Map<Axis<?>, Distribution> axes = new LinkedHashMap<>();
    tune.get("axes")
        .orElseThrow()
        .fieldNames()
        .forEachRemaining(
            name -> {
              Axis<?> axis =
                  Axes.find(name)
                      .filter(Axis::sweepable)
                      .orElseThrow(
                          () ->
                              axesNode.error(
                                  name,
                                  "is not a setting that can be tuned",
                                  axesNode.get(name).orElseThrow()));
              JsonNode d = axesNode.get(name).orElseThrow();
              if (!d.isObject()) {
                throw axesNode.error(
                    name, "must be a distribution such as {loguniform: [low, high]}", d);
              }
              axes.put(axis, SpecLoader.distribution(axesNode, axis, d));
            });
    if (axes.isEmpty()) {
      throw new SpecException(tune.source() + ": tune.axes: name at least one setting to tune");
    }
    int configurations = atLeast(tune, "configurations", 1, 27);
    int minEpochs = atLeast(tune, "minEpochs", 1, 1);
    int maxEpochs = atLeast(tune, "maxEpochs", 1, 9);
    int eta = atLeast(tune, "eta", 2, 3);
    if (minEpochs > maxEpochs) {
      throw tune.error(
          "minEpochs",
          "must be at most maxEpochs (" + maxEpochs + ")",
          tune.get("minEpochs").orElseThrow());
    }
    int replicates = atLeast(tune, "replicates", 1, 1);
    if (replicates != 1) {
      throw tune.error(
          "replicates",
          "more than one independent search per variant is not supported yet; leave it at 1",
          tune.get("replicates").orElseThrow());
    }
    boolean alsoFixed =
        tune.get("alsoFixed")
            .map(
                v -> {
                  if (!v.isBoolean()) {
                    throw tune.error("alsoFixed", "must be true or false", v);
                  }
                  return v.asBoolean();
                })
            .orElse(false);
    long seed =
        tune.get("seed")
            .map(
                v -> {
                  if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
                    throw tune.error("seed", "must be a non-negative integer", v);
                  }
                  return v.asLong();
                })
            .orElse(1L);
    return Optional.of(
        new TuneSpec(axes, configurations, minEpochs, maxEpochs, eta, alsoFixed, seed));
  }

  private static int atLeast(SpecNode node, String key, int least, int otherwise) {
    return node.get(key)
        .map(
            v -> {
              if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < least) {
                throw node.error(key, "must be an integer of at least " + least, v);
              }
              return v.asInt();
            })
        .orElse(otherwise);
  }

  /**
   * Checks {@code tune} against the rest of the spec: a validation split in every variant, no tuned
   * axis also under {@code axes:}, no decision on validation (it would decide on the data used for
   * selection), no random search, no data-parallel mode, and {@code epochs} (if given) equal to
   * {@code maxEpochs}.
   */
  static void check(
      SpecNode spec, TuneSpec tune, SweepSpec.Decisions decisions, ExecutionMode mode) {
    SpecNode node = spec.child("tune").orElseThrow();
    SpecNode swept = spec.child("axes").orElse(spec.empty("axes"));
    for (Axis<?> axis : tune.axes().keySet()) {
      if (swept.get(axis.name()).isPresent()) {
        throw swept.error(
            axis.name(),
            "is tuned (tune.axes) and swept (axes) at once; keep one",
            swept.get(axis.name()).orElseThrow());
      }
    }
    Optional<JsonNode> validation = spec.get("validationSize");
    if (swept.get("validationSize").isPresent()) {
      throw swept.error(
          "validationSize",
          "tune: needs one validation split for every variant: give validationSize as a scalar",
          swept.get("validationSize").orElseThrow());
    }
    if (validation.isEmpty()
        || !validation.get().canConvertToInt()
        || validation.get().asInt() < 1) {
      throw new SpecException(
          node.source()
              + ": tune: chooses configurations on a validation split: set validationSize to 1"
              + " or more"
              + validation.map(v -> " (it is " + v + ")").orElse(""));
    }
    if (decisions.onValidation()) {
      throw new SpecException(
          node.source()
              + ": compare.metric: validation with tune: would decide on the split used to choose"
              + " the configurations; the tuned comparison decides on test accuracy");
    }
    if (mode == ExecutionMode.DATA_PARALLEL) {
      throw new SpecException(node.source() + ": tune: is not supported with mode: data-parallel");
    }
    if (spec.child("search").isPresent()) {
      throw new SpecException(
          node.source()
              + ": tune: and search: together are not supported: tune: searches each variant"
              + " of the axes: grid itself");
    }
    spec.get("epochs")
        .filter(e -> !e.canConvertToInt() || e.asInt() != tune.maxEpochs())
        .ifPresent(
            e -> {
              throw spec.error(
                  "epochs",
                  "with tune:, every trial's epochs are tune.maxEpochs ("
                      + tune.maxEpochs()
                      + "); leave epochs out",
                  e);
            });
  }
}
