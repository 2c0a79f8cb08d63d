package io.bnsweep.variant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where BatchNorm (and the layers around it) sit: a small language of {@link Step}s, written as
 * text joined by {@code -} ({@code act-bn-drop}) or by a preset's name ({@code before}).
 *
 * <p>A placement is one of two kinds, told apart by its steps:
 *
 * <ul>
 *   <li>a <b>block</b>, without {@code conv} or {@code add}: what follows each conv (or dense)
 *       layer of a {@code cnn} or {@code mlp} network. Presets: {@link #NONE}, {@link #BEFORE},
 *       {@link #AFTER}, {@link #EXTRA}.
 *   <li>a <b>residual unit</b>, with convs and one {@code add}: the branch before the addition of
 *       the shortcut, then what follows it, for {@code resnet}. Presets (He et al. 2016): {@link
 *       #ORIGINAL}, {@link #BN_AFTER_ADD}, {@link #ACT_BEFORE_ADD}, {@link #ACT_PREACT}, {@link
 *       #PREACT}. The block names {@code before}, {@code after} and {@code none} are aliases of
 *       units in a resnet; the family resolves them ({@code io.bnsweep.network.ResNetFamily}).
 * </ul>
 *
 * <p>Every placement has an {@code act}; an {@code add} comes once, after a {@code conv}. Whether a
 * placement belongs to a network family is the family's judgement. A sequence that spells a preset
 * is that preset ({@code bn-act} is {@code before}), so a sweep never holds one placement twice.
 *
 * @param id the name in specs, results and trial ids: a preset's name or the canonical step text
 * @param steps the steps in order
 */
public record Placement(String id, List<Step> steps) implements Comparable<Placement> {
  /** One step of a placement. */
  public enum Step {
    /** A 3x3 convolution of a residual branch. */
    CONV("conv"),
    /** BatchNorm. */
    BATCH_NORM("bn"),
    /** The activation axis's nonlinearity. */
    ACTIVATION("act"),
    /** Channel scaling: each channel times exp(theta), theta learned from 0. */
    CHANNEL_SCALING("cs"),
    /** Dropout at {@code network.dropout}. */
    DROPOUT("drop"),
    /** The addition of a residual unit's shortcut. */
    ADD("add");

    private final String token;

    Step(String token) {
      this.token = token;
    }

    /** The step's word in placement text. */
    public String token() {
      return token;
    }

    static Optional<Step> of(String token) {
      return Arrays.stream(values()).filter(s -> s.token.equals(token)).findFirst();
    }
  }

  /** No BatchNorm: {@code act}. */
  public static final Placement NONE = preset("none", "act");

  /** BatchNorm before the nonlinearity, as in the original BN paper: {@code bn-act}. */
  public static final Placement BEFORE = preset("before", "bn-act");

  /** BatchNorm after the nonlinearity: {@code act-bn}. */
  public static final Placement AFTER = preset("after", "act-bn");

  /** BatchNorm on both sides: {@code bn-act-bn}. */
  public static final Placement EXTRA = preset("extra", "bn-act-bn");

  /** He et al.'s original residual unit: conv-bn-act-conv-bn, add, act. */
  public static final Placement ORIGINAL = preset("original", "conv-bn-act-conv-bn-add-act");

  /** BatchNorm after the addition: conv-bn-act-conv, add, bn-act. */
  public static final Placement BN_AFTER_ADD =
      preset("bn-after-add", "conv-bn-act-conv-add-bn-act");

  /** The activation before the addition: conv-bn-act-conv-bn-act, add. */
  public static final Placement ACT_BEFORE_ADD =
      preset("act-before-add", "conv-bn-act-conv-bn-act-add");

  /** Activation-only pre-activation: act-conv-bn-act-conv-bn, add. */
  public static final Placement ACT_PREACT = preset("act-preact", "act-conv-bn-act-conv-bn-add");

  /** Full pre-activation: bn-act-conv-bn-act-conv, add. */
  public static final Placement PREACT = preset("preact", "bn-act-conv-bn-act-conv-add");

  /** The block presets, in the order sweeps list them by default. */
  public static final List<Placement> BLOCKS = List.of(NONE, BEFORE, AFTER, EXTRA);

  /** The residual-unit presets, in He et al.'s Table 2 order. */
  public static final List<Placement> UNITS =
      List.of(ORIGINAL, BN_AFTER_ADD, ACT_BEFORE_ADD, ACT_PREACT, PREACT);

  private static final Map<String, Placement> PRESETS = presets();

  /** Each preset's position in {@link #PRESETS}: the order of {@link #compareTo}. */
  private static final Map<String, Integer> RANKS = ranks();

  public Placement {
    steps = List.copyOf(steps);
  }

  /**
   * The placement {@code text} writes: a preset's name, or steps joined by {@code -}.
   *
   * @throws IllegalArgumentException naming the text and what is wrong with it: an unknown step, no
   *     {@code act}, or an {@code add} that is repeated or has no {@code conv} before it
   */
  @JsonCreator
  public static Placement parse(String text) {
    String id = text.trim().toLowerCase(Locale.ROOT);
    Placement preset = PRESETS.get(id);
    if (preset != null) {
      return preset;
    }
    List<Step> steps = new ArrayList<>();
    for (String token : id.split("-", -1)) {
      steps.add(
          Step.of(token)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown step '"
                              + token
                              + "' in placement '"
                              + text
                              + "' (steps: "
                              + Arrays.stream(Step.values())
                                  .map(Step::token)
                                  .collect(Collectors.joining(", "))
                              + "; presets: "
                              + known()
                              + ")")));
    }
    if (!steps.contains(Step.ACTIVATION)) {
      throw new IllegalArgumentException("placement '" + text + "' has no act step");
    }
    int add = steps.indexOf(Step.ADD);
    if (add >= 0
        && (add != steps.lastIndexOf(Step.ADD) || !steps.subList(0, add).contains(Step.CONV))) {
      throw new IllegalArgumentException(
          "placement '" + text + "': add must come once, after the branch's conv steps");
    }
    if (add >= 0 && steps.subList(add, steps.size()).contains(Step.CONV)) {
      throw new IllegalArgumentException(
          "placement '" + text + "': conv after add (a unit's convs are on its branch)");
    }
    String canonical = steps.stream().map(Step::token).collect(Collectors.joining("-"));
    return PRESETS.values().stream()
        .filter(p -> p.steps.equals(List.copyOf(steps)))
        .findFirst()
        .orElse(new Placement(canonical, steps));
  }

  /** The name used in specs and results, e.g. {@code before} or {@code act-bn-drop}. */
  @JsonValue
  @Override
  public String id() {
    return id;
  }

  /** The steps of a block placement, between a conv (or dense) layer and what follows it. */
  public List<Step> block() {
    return steps;
  }

  /** True for a residual unit (it has convs and an {@code add}), false for a block. */
  public boolean isUnit() {
    return steps.contains(Step.ADD) || steps.contains(Step.CONV);
  }

  /** True if the placement has {@code step}. */
  public boolean has(Step step) {
    return steps.contains(step);
  }

  /** The presets' names, comma-separated: blocks, then residual units. */
  public static String known() {
    return String.join(", ", PRESETS.keySet());
  }

  @Override
  public String toString() {
    return id;
  }

  /** Presets first, in their declared order (blocks, then units), then other steps by text. */
  @Override
  public int compareTo(Placement other) {
    int a = rank(this);
    int b = rank(other);
    return a != b ? Integer.compare(a, b) : id.compareTo(other.id);
  }

  private static int rank(Placement p) {
    Integer i = RANKS.get(p.id);
    return i != null && PRESETS.get(p.id).equals(p) ? i : PRESETS.size();
  }

  private static Map<String, Integer> ranks() {
    Map<String, Integer> ranks = new LinkedHashMap<>();
    PRESETS.keySet().forEach(name -> ranks.put(name, ranks.size()));
    return Map.copyOf(ranks);
  }

  private static Placement preset(String name, String steps) {
    return new Placement(
        name, Arrays.stream(steps.split("-")).map(t -> Step.of(t).orElseThrow()).toList());
  }

  private static Map<String, Placement> presets() {
    Map<String, Placement> presets = new LinkedHashMap<>();
    Stream.concat(
            Stream.of(NONE, BEFORE, AFTER, EXTRA),
            Stream.of(ORIGINAL, BN_AFTER_ADD, ACT_BEFORE_ADD, ACT_PREACT, PREACT))
        .forEach(p -> presets.put(p.id, p));
    return presets;
  }
}
