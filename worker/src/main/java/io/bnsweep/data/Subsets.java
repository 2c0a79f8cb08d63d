package io.bnsweep.data;

import io.bnsweep.axis.Axes;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The examples a trial uses: one order of a split's rows, cut at each size, so that every trial of
 * a sweep uses the same subsets and a smaller {@code trainSize} is a prefix of a larger one.
 *
 * <p>The stratified order shuffles each class's rows with the subset seed, gives the {@code j}-th
 * row of a class of {@code n} rows the key {@code (j + u) / n} ({@code u} a seeded offset in [0, 1)
 * per class), and sorts all rows by key. Every prefix then holds each class in proportion to the
 * whole split, to within one example. The validation split is the first {@code validationSize} rows
 * of the training order and the training subset the {@code trainSize} rows after them: disjoint,
 * and both stratified.
 */
public final class Subsets {
  /** Mixed into the subset seed for the test split, so it is not ordered like the training one. */
  private static final long TEST_STREAM = 0x9E3779B97F4A7C15L;

  private Subsets() {}

  /** The rows of a trial: validation, training and test, each in the order it is used. */
  public record Rows(int[] validation, int[] train, int[] test) {}

  /** The rows {@code variant}'s data settings choose from {@code data}. */
  public static Rows of(Dataset data, Variant variant) {
    return of(
        data,
        variant.find(Axes.SUBSET).orElse(Subset.FIRST),
        variant.find(Axes.SUBSET_SEED).orElse(0),
        variant.find(Axes.VALIDATION_SIZE).orElse(0),
        variant.get(Axes.TRAIN_SIZE),
        variant.get(Axes.TEST_SIZE));
  }

  /**
   * The rows of a trial on {@code data}.
   *
   * @throws IllegalArgumentException if a size is larger than its split
   */
  public static Rows of(
      Dataset data, Subset subset, long seed, int validationSize, int trainSize, int testSize) {
    if (validationSize == 0 && trainSize > data.train().count()) {
      throw new IllegalArgumentException(
          "trainSize "
              + trainSize
              + " is larger than dataset '"
              + data.location()
              + "' ("
              + data.train().count()
              + ")");
    }
    if (validationSize + (long) trainSize > data.train().count()) {
      throw new IllegalArgumentException(
          "validationSize "
              + validationSize
              + " + trainSize "
              + trainSize
              + " is larger than the training split of dataset '"
              + data.location()
              + "' ("
              + data.train().count()
              + ")");
    }
    if (testSize > data.test().count()) {
      throw new IllegalArgumentException(
          "testSize "
              + testSize
              + " is larger than dataset '"
              + data.location()
              + "' ("
              + data.test().count()
              + ")");
    }
    int[] train = order(data.train(), subset, seed);
    int[] test = order(data.test(), subset, seed ^ TEST_STREAM);
    return new Rows(
        Arrays.copyOfRange(train, 0, validationSize),
        Arrays.copyOfRange(train, validationSize, validationSize + trainSize),
        Arrays.copyOf(test, testSize));
  }

  /** Every row of {@code images} in the order its subsets are cut from. */
  public static int[] order(LabeledImages images, Subset subset, long seed) {
    return subset == Subset.FIRST ? identity(images.count()) : stratified(images, seed);
  }

  /** The seeded, class-stratified order of every row of {@code images}. */
  static int[] stratified(LabeledImages images, long seed) {
    int classes = images.shape().classes();
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int row = 0; row < images.count(); row++) {
      byClass.get(images.label(row)).add(row);
    }
    Random random = new Random(seed);
    int n = images.count();
    double[] keys = new double[n];
    int[] rowOf = new int[n];
    int at = 0;
    for (int c = 0; c < classes; c++) {
      int[] rows = byClass.get(c).stream().mapToInt(Integer::intValue).toArray();
      shuffle(rows, random);
      double offset = random.nextDouble();
      for (int j = 0; j < rows.length; j++) {
        keys[at] = (j + offset) / rows.length;
        rowOf[at] = rows[j];
        at++;
      }
    }
    Integer[] index = new Integer[n];
    for (int i = 0; i < n; i++) {
      index[i] = i;
    }
    Arrays.sort(index, (a, b) -> Double.compare(keys[a], keys[b]));
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = rowOf[index[i]];
    }
    return order;
  }

  /**
   * A warning if the classes of {@code rows} are badly out of the proportions of the whole split:
   * some class with at least 2 expected examples has under half or over twice as many; else null.
   *
   * @param what names the subset in the warning, such as {@code trainSize 600}
   */
  public static String imbalance(LabeledImages images, int[] rows, String what) {
    int[] counts = new int[images.shape().classes()];
    for (int row : rows) {
      counts[images.label(row)]++;
    }
    int[] whole = images.classCounts();
    int worst = -1;
    double worstRatio = 1;
    for (int c = 0; c < counts.length; c++) {
      double expected = (double) rows.length * whole[c] / images.count();
      double ratio = expected > 0 ? counts[c] / expected : 1;
      if (expected >= 2 && (ratio < 0.5 || ratio > 2)) {
        double badness = ratio < 1 ? 1 / Math.max(ratio, 1e-9) : ratio;
        if (worst < 0 || badness > worstRatio) {
          worst = c;
          worstRatio = badness;
        }
      }
    }
    if (worst < 0) {
      return null;
    }
    return String.format(
        java.util.Locale.ROOT,
        "%s has unbalanced classes: class %d has %d examples where the split's proportions give"
            + " %.0f",
        what,
        worst,
        counts[worst],
        (double) rows.length * whole[worst] / images.count());
  }

  /** The identity order {@code 0..n-1}. */
  public static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  /** Shuffles {@code order} in place (Fisher-Yates) with {@code random}. */
  public static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
}
