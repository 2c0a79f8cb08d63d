package io.bnsweep.plan;

import io.bnsweep.axis.Axis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a sweep varies: every setting with its values (one value for a scalar, several for an axis
 * of the grid), and, for random search, the axes drawn from distributions and how many samples.
 *
 * <p>The grid is the cartesian product of the values, axes in name order, the first varying
 * slowest, each axis's values in the order given. Random search crosses the grid with {@code
 * sample} draws of the sampled axes.
 *
 * @param settings every setting with its values, in axis order; an empty list is resolved by the
 *     planner (the subset sizes default to the whole split)
 * @param swept the names of the settings given under {@code axes:} or with several default values
 * @param sampled the axes random search draws, with their distributions
 * @param sampling how many draws and from which seed, if this is a random search
 * @param given the settings the spec itself gives, as a scalar, a list or a distribution (the
 *     others have their defaults)
 */
public record SearchSpace(
    Map<Axis<?>, List<Object>> settings,
    List<String> swept,
    Map<Axis<?>, Distribution> sampled,
    Optional<Sampling> sampling,
    List<Axis<?>> given) {

  /**
   * Random search: {@code sample} configurations drawn with {@code seed}.
   *
   * @param sample number of draws
   * @param seed seeds the draws, so a spec always draws the same configurations
   */
  public record Sampling(int sample, long seed) {}

  public SearchSpace {
    Map<Axis<?>, List<Object>> copy = new LinkedHashMap<>();
    settings.forEach((axis, values) -> copy.put(axis, List.copyOf(values)));
    settings = java.util.Collections.unmodifiableMap(copy);
    swept = List.copyOf(swept);
    sampled = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sampled));
    given = List.copyOf(given);
  }

  /** This space with {@code value} as the one value of {@code axis} (which is not swept). */
  public <T> SearchSpace withValue(Axis<T> axis, T value) {
    Map<Axis<?>, List<Object>> changed = new LinkedHashMap<>(settings);
    changed.put(axis, List.of(value));
    return new SearchSpace(changed, swept, sampled, sampling, given);
  }

  /** The values of the setting called {@code name}. */
  public List<Object> values(String name) {
    return settings.entrySet().stream()
        .filter(e -> e.getKey().name().equals(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(List.of());
  }

  /** Whether {@code name} is swept: listed under {@code axes:}, drawn, or several by default. */
  public boolean isSwept(String name) {
    return swept.contains(name) || sampled.keySet().stream().anyMatch(a -> a.name().equals(name));
  }

  /** Every grid point: one value per setting, axes in name order, the first varying slowest. */
  public List<Map<Axis<?>, Object>> grid() {
    List<Axis<?>> axes = new ArrayList<>(settings.keySet());
    axes.sort(Comparator.comparing(Axis::name));
    List<Map<Axis<?>, Object>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    for (Axis<?> axis : axes) {
      List<Object> values = settings.get(axis);
      if (values.isEmpty()) {
        continue;
      }
      List<Map<Axis<?>, Object>> next = new ArrayList<>(points.size() * values.size());
      for (Map<Axis<?>, Object> point : points) {
        for (Object value : values) {
          Map<Axis<?>, Object> extended = new LinkedHashMap<>(point);
          extended.put(axis, value);
          next.add(extended);
        }
      }
      points = next;
    }
    return points;
  }

  /** Number of grid points (before random search multiplies them). */
  public long gridSize() {
    long size = 1;
    for (List<Object> values : settings.values()) {
      size = Math.multiplyExact(size, Math.max(1, values.size()));
    }
    return size;
  }
}
