package io.bnsweep.axis;

import io.bnsweep.data.Augment;
import io.bnsweep.data.CifarLabels;
import io.bnsweep.data.DataSource;
import io.bnsweep.data.Normalize;
import io.bnsweep.data.Subset;
import io.bnsweep.network.NetworkFamilies;
import io.bnsweep.network.NetworkFamily;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Optimizer;
import io.bnsweep.variant.Placement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every setting of a trial, declared once: this file is where an axis is added.
 *
 * <p>Order matters in two ways: a setting's {@link Axis#appliesTo} condition may read only settings
 * declared before it, and specs are validated in this order. Plugins' axes ({@link AxisProvider})
 * come after these.
 *
 * <p>To add an axis: declare a constant below with its name, {@link ValueType}, default, and (if it
 * is new in this release) {@link Axis#omittedFromIdAt} its default, so that the ids of trials that
 * do not use it stay the same; add it to {@link #BUILT_IN}; read it where it matters ({@code
 * variant.get(Axes.X)}). Spec parsing, validation, trial ids, CSV and Parquet columns, labels and
 * the report's tables follow from the declaration.
 */
public final class Axes {
  /**
   * The kind of network ({@link NetworkFamilies}): {@code cnn} (the first release's), {@code mlp},
   * {@code resnet}, or a plugin's. Its own settings follow bnsweep's axes and apply only to it.
   */
  public static final Axis<String> NETWORK_FAMILY =
      Axis.of(
              "network.family",
              Values.named(
                  "a network family name", name -> NetworkFamilies.get(name).name(), name -> name),
              List.of(NetworkFamilies.DEFAULT))
          .omittedFromIdAt(NetworkFamilies.DEFAULT)
          .labelled("family");

  /**
   * Where BatchNorm and the layers around it go ({@link Placement}): a block after each layer, or a
   * residual unit; by default every preset of the variant's family, which the planner resolves.
   */
  public static final Axis<Placement> PLACEMENT =
      Axis.of(
          "placement",
          Values.named(
              "a placement: a preset or steps such as act-bn-drop",
              Placement::parse,
              Placement::id),
          List.of());

  /** The nonlinearity of each block; every activation unless the spec chooses. */
  public static final Axis<ActivationKind> ACTIVATION =
      Axis.of(
          "activation",
          Values.named("an activation name", ActivationKind::parse, ActivationKind::id),
          Arrays.asList(ActivationKind.values()));

  /**
   * A known dataset name, a directory or a URI, with its format detected, or {@code {format: F,
   * path: P}}; one per sweep.
   */
  public static final Axis<DataSource> DATASET =
      Axis.of("dataset", DataSource.type(), List.of(DataSource.of("fashion-mnist")))
          .scalarOnly()
          .labelled("data");

  /** Training examples used; the whole split by default. */
  public static final Axis<Integer> TRAIN_SIZE =
      Axis.of("trainSize", Values.positiveInt(), List.of()).labelled("train");

  /** Test examples used; the whole split by default. */
  public static final Axis<Integer> TEST_SIZE =
      Axis.of("testSize", Values.positiveInt(), List.of()).labelled("test");

  /** Passes over the training subset. */
  public static final Axis<Integer> EPOCHS =
      Axis.of("epochs", Values.positiveInt(), List.of(1)).labelled("epochs");

  /** Examples per minibatch, which BatchNorm's batch statistics are computed over. */
  public static final Axis<Integer> BATCH_SIZE =
      Axis.of("batchSize", Values.positiveInt(), List.of(64)).labelled("batch");

  /** The optimiser's step size. */
  public static final Axis<Double> LEARNING_RATE =
      Axis.of("learningRate", Values.positiveNumber(), List.of(0.001)).labelled("lr");

  /** The optimiser; Adam unless the spec chooses. */
  public static final Axis<Optimizer> OPTIMIZER =
      Axis.of("optimizer", Optimizer.type(), List.of(Optimizer.ADAM))
          .omittedFromIdAt(Optimizer.ADAM)
          .labelled("opt");

  /**
   * Decoupled weight decay on conv and dense weights (not biases, not BatchNorm's scale and shift):
   * each step subtracts {@code learningRate * weightDecay * w} after the optimiser's update, as
   * AdamW does. The network factory sets it on each weight layer (DL4J's global {@code weightDecay}
   * option adds it to a layer's list twice in 1.0.0-M2).
   */
  public static final Axis<Double> WEIGHT_DECAY =
      Axis.of("weightDecay", Values.nonNegativeNumber(), List.of(0.0))
          .omittedFromIdAt(0.0)
          .labelled("wd");

  /** The probability of dropping a unit at a placement's {@code drop} step; only with one. */
  public static final Axis<Double> NETWORK_DROPOUT =
      Axis.of("network.dropout", Values.fraction(), List.of(0.5))
          .onlyWhen(v -> v.find(PLACEMENT).map(p -> p.has(Placement.Step.DROPOUT)).orElse(false))
          .labelled("dropout");

  /** CIFAR-100's label set: the 100 fine classes or the 20 coarse ones; one per sweep. */
  public static final Axis<CifarLabels> LABELS =
      Axis.of(
              "labels",
              Values.named("fine or coarse", CifarLabels::parse, CifarLabels::id),
              List.of(CifarLabels.FINE))
          .scalarOnly()
          .omittedFromIdAt(CifarLabels.FINE)
          .labelled("labels");

  /** {@code [height, width]} every image of an image folder is scaled to; one per sweep. */
  public static final Axis<List<Integer>> RESIZE =
      Axis.of("resize", Values.imageSize(), List.of()).scalarOnly().labelled("resize");

  /**
   * How the subset sizes choose examples: a seeded class-stratified order (the default) or the
   * first N (the first release, whose trial ids leave it out).
   */
  public static final Axis<Subset> SUBSET =
      Axis.of(
              "subset",
              Values.named("stratified or first", Subset::parse, Subset::id),
              List.of(Subset.STRATIFIED))
          .omittedFromIdAt(Subset.FIRST)
          .labelled("subset");

  /** The seed of the stratified order, the same for every trial; only for stratified subsets. */
  public static final Axis<Integer> SUBSET_SEED =
      Axis.of("subsetSeed", Values.nonNegativeInt(), List.of(1))
          .onlyWhen(v -> v.find(SUBSET).map(s -> s == Subset.STRATIFIED).orElse(false))
          .omittedFromIdAt(1)
          .labelled("subsetSeed");

  /** Training examples held out, before the training subset and disjoint from it. */
  public static final Axis<Integer> VALIDATION_SIZE =
      Axis.of("validationSize", Values.nonNegativeInt(), List.of(0))
          .omittedFromIdAt(0)
          .labelled("val");

  /**
   * Pixel bytes to inputs: per channel over the training subset, [0, 1], or raw; by default the
   * dataset format's ([0, 1] for IDX, per channel for colour formats), which the planner resolves.
   */
  public static final Axis<Normalize> NORMALIZE =
      Axis.of(
              "normalize",
              Values.named("per-channel, unit or none", Normalize::parse, Normalize::id),
              List.of())
          .omittedFromIdAt(Normalize.UNIT)
          .labelled("norm");

  /** Training-time augmentations ({@code [crop, flip]}); none by default. */
  public static final Axis<List<Augment>> AUGMENT =
      Axis.of(
              "augment",
              Values.setOf(Values.named("crop or flip", Augment::parse, Augment::id)),
              List.of(List.<Augment>of()))
          .omittedFromIdAt(List.of())
          .labelled("augment");

  /** The stages of a tuned comparison ({@code tune:}), each a value of {@link #STAGE}. */
  public static final List<String> STAGES = List.of("fixed", "search", "tuned");

  /**
   * Which stage of a tuned comparison a trial belongs to: {@code search} (stage A, a configuration
   * tried by the search, scored on validation), {@code tuned} (stage B, a variant at its chosen
   * configuration on a confirmation seed) or {@code fixed} (every other trial, at the spec's own
   * settings). Set by bnsweep, never by a spec; part of the id and of every grouping, so results of
   * different stages never pool. Left out of ids at {@code fixed}, so untuned sweeps keep theirs.
   */
  public static final Axis<String> STAGE =
      Axis.of(
              "stage",
              Values.named(
                  "fixed, search or tuned",
                  name -> {
                    if (!STAGES.contains(name)) {
                      throw new IllegalArgumentException("not a stage: " + name);
                    }
                    return name;
                  },
                  name -> name),
              List.of("fixed"))
          .omittedFromIdAt("fixed")
          .scalarOnly()
          .labelled("stage");

  /** bnsweep's own axes, in declaration order. */
  public static final List<Axis<?>> BUILT_IN =
      List.of(
          PLACEMENT,
          ACTIVATION,
          DATASET,
          TRAIN_SIZE,
          TEST_SIZE,
          EPOCHS,
          BATCH_SIZE,
          LEARNING_RATE,
          OPTIMIZER,
          WEIGHT_DECAY,
          NETWORK_FAMILY,
          NETWORK_DROPOUT,
          LABELS,
          RESIZE,
          SUBSET,
          SUBSET_SEED,
          VALIDATION_SIZE,
          NORMALIZE,
          AUGMENT,
          STAGE);

  private static final Map<String, Axis<?>> ALL = load();
  private static final Map<String, Integer> ORDER = positions();
  private static final List<Axis<?>> IN_ORDER = List.copyOf(ALL.values());

  private Axes() {}

  /**
   * Every axis: bnsweep's own, with each network family's settings (applying only to its variants)
   * right after {@link #NETWORK_FAMILY}, then those of the {@link AxisProvider}s on the class path.
   */
  public static List<Axis<?>> all() {
    return IN_ORDER;
  }

  /** The axis called {@code name}, if there is one. */
  public static Optional<Axis<?>> find(String name) {
    return Optional.ofNullable(ALL.get(name));
  }

  /** The axis called {@code name}. */
  public static Axis<?> get(String name) {
    return find(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown setting '" + name + "'"));
  }

  /** Position of {@code name} in {@link #all()}: the order of every table and label. */
  public static int order(String name) {
    return ORDER.getOrDefault(name, Integer.MAX_VALUE);
  }

  private static Map<String, Integer> positions() {
    Map<String, Integer> positions = new java.util.HashMap<>();
    for (String name : ALL.keySet()) {
      positions.put(name, positions.size());
    }
    return Map.copyOf(positions);
  }

  /** {@code setting}, applying only to variants of the family {@code name}. */
  private static <T> Axis<T> ofFamily(String name, Axis<T> setting) {
    if (setting.group().filter(g -> g.equals("network")).isEmpty()) {
      throw new IllegalStateException(
          "network family '" + name + "' has a setting '" + setting.name() + "' outside network.");
    }
    return setting.onlyWhen(
        v ->
            v.find(NETWORK_FAMILY).orElse(NetworkFamilies.DEFAULT).equals(name)
                && setting.appliesTo().test(v));
  }

  private static Map<String, Axis<?>> load() {
    List<Axis<?>> axes = new ArrayList<>();
    for (Axis<?> axis : BUILT_IN) {
      axes.add(axis);
      if (axis == NETWORK_FAMILY) {
        for (NetworkFamily family : NetworkFamilies.all()) {
          for (Axis<?> setting : family.settings()) {
            axes.add(ofFamily(family.name(), setting));
          }
        }
      }
    }
    for (AxisProvider provider : ServiceLoader.load(AxisProvider.class)) {
      axes.addAll(provider.axes());
    }
    Map<String, Axis<?>> byName = new LinkedHashMap<>();
    for (Axis<?> axis : axes) {
      if (byName.put(axis.name(), axis) != null) {
        throw new IllegalStateException("two axes are called '" + axis.name() + "'");
      }
    }
    return Collections.unmodifiableMap(byName);
  }
}
