package io.bnsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Seeded, class-stratified subsets: counts per class, nesting, the same for every trial. */
class SubsetsTest {
  /** 300 examples sorted by class, unequal classes (150, 90, 60): the worst case for "first". */
  private static Dataset sorted() {
    int[] sizes = {150, 90, 60};
    int n = Arrays.stream(sizes).sum();
    int[] labels = new int[n];
    int at = 0;
    for (int c = 0; c < sizes.length; c++) {
      for (int i = 0; i < sizes[c]; i++) {
        labels[at++] = c;
      }
    }
    InputShape shape = new InputShape(1, 2, 2, 3);
    LabeledImages images = new LabeledImages(shape, n, new byte[n * 4], labels);
    return new Dataset("sorted", images, images);
  }

  private static int[] counts(LabeledImages images, int[] rows) {
    int[] counts = new int[images.shape().classes()];
    for (int row : rows) {
      counts[images.label(row)]++;
    }
    return counts;
  }

  @Test
  void everyPrefixOfTheStratifiedOrderHoldsTheClassesInProportion() {
    Dataset data = sorted();
    int[] order = Subsets.order(data.train(), Subset.STRATIFIED, 1);
    int[] whole = data.train().classCounts();
    for (int size = 1; size <= order.length; size++) {
      int[] counts = counts(data.train(), Arrays.copyOf(order, size));
      for (int c = 0; c < counts.length; c++) {
        double expected = (double) size * whole[c] / order.length;
        assertTrue(
            Math.abs(counts[c] - expected) <= 1,
            "prefix " + size + " class " + c + ": " + counts[c] + ", expected " + expected);
      }
    }
    assertArrayEquals(new int[] {50, 30, 20}, counts(data.train(), Arrays.copyOf(order, 100)));
    assertEquals(300, new HashSet<>(Arrays.stream(order).boxed().toList()).size());
  }

  @Test
  void theSameSeedGivesTheSameSubsetsAndSmallerTrainSizesArePrefixes() {
    Dataset data = sorted();
    Subsets.Rows small = Subsets.of(data, Subset.STRATIFIED, 7, 30, 60, 30);
    Subsets.Rows large = Subsets.of(data, Subset.STRATIFIED, 7, 30, 200, 30);
    Subsets.Rows again = Subsets.of(data, Subset.STRATIFIED, 7, 30, 60, 30);

    assertArrayEquals(small.train(), again.train());
    assertArrayEquals(small.test(), again.test());
    assertArrayEquals(small.train(), Arrays.copyOf(large.train(), 60));
    assertArrayEquals(small.validation(), large.validation());
    assertArrayEquals(new int[] {15, 9, 6}, counts(data.train(), small.validation()));
    assertArrayEquals(new int[] {30, 18, 12}, counts(data.train(), small.train()));
    Set<Integer> validation = new HashSet<>(Arrays.stream(large.validation()).boxed().toList());
    assertTrue(Arrays.stream(large.train()).noneMatch(validation::contains), "disjoint");
    int[] other = Subsets.of(data, Subset.STRATIFIED, 8, 30, 60, 30).train();
    assertTrue(!Arrays.equals(small.train(), other), "another subset seed, another subset");
  }

  @Test
  void firstTakesTheFirstRowsAndItsOneClassSubsetIsWarnedAbout() {
    Dataset data = sorted();
    Subsets.Rows first = Subsets.of(data, Subset.FIRST, 1, 0, 100, 100);
    Subsets.Rows stratified = Subsets.of(data, Subset.STRATIFIED, 1, 0, 100, 100);

    assertArrayEquals(Subsets.identity(100), first.train());
    assertEquals(
        "trainSize 100 has unbalanced classes: class 1 has 0 examples where the split's"
            + " proportions give 30",
        Subsets.imbalance(data.train(), first.train(), "trainSize 100"));
    assertNotNull(Subsets.imbalance(data.test(), first.test(), "testSize 100"));
    assertNull(Subsets.imbalance(data.train(), stratified.train(), "trainSize 100"));
  }
}
