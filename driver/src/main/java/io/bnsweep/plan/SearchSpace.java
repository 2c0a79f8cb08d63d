package io.bnsweep.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Named axes, each with its values; the grid is their cartesian product.
 *
 * <p>Expansion is deterministic: axes are taken in sorted name order, the first varying slowest;
 * each axis's values keep the order they were given in.
 *
 * @param axes axis name to its values, each list non-empty
 */
public record SearchSpace(SortedMap<String, List<String>> axes) {
  public SearchSpace {
    TreeMap<String, List<String>> copy = new TreeMap<>();
    axes.forEach(
        (name, values) -> {
          if (values.isEmpty()) {
            throw new IllegalArgumentException("axis '" + name + "' has no values");
          }
          copy.put(name, List.copyOf(values));
        });
    axes = Collections.unmodifiableSortedMap(copy);
  }

  /** Every grid point, as axis name to value, in expansion order. */
  public List<SortedMap<String, String>> points() {
    List<SortedMap<String, String>> points = new ArrayList<>();
    points.add(new TreeMap<>());
    for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
      List<SortedMap<String, String>> next = new ArrayList<>();
      for (SortedMap<String, String> point : points) {
        for (String value : axis.getValue()) {
          SortedMap<String, String> extended = new TreeMap<>(point);
          extended.put(axis.getKey(), value);
          next.add(extended);
        }
      }
      points = next;
    }
    return points.stream().map(Collections::unmodifiableSortedMap).toList();
  }

  /** Number of grid points. */
  public int size() {
    return axes.values().stream().mapToInt(List::size).reduce(1, Math::multiplyExact);
  }
}
