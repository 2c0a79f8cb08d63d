package io.bnsweep.report;

import io.bnsweep.diagnostics.InferenceCost;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.Variant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One variant's {@link InferenceCost} over its seeds: mean latency per image, alone and in batches,
 * and whether BatchNorm was folded into the convolutions.
 *
 * @param variant the grid point
 * @param perImage latency per image in microseconds, batch of 1, over seeds
 * @param batchedMean mean latency per image in microseconds, in batches
 * @param folded how many of the seeds timed a folded network
 * @param foldedMaxAbsDiff largest output difference folding made over the seeds, or {@code NaN} if
 *     nothing was folded
 */
public record InferenceStats(
    Variant variant, CellStats perImage, double batchedMean, int folded, double foldedMaxAbsDiff) {

  /** Seeds measured. */
  public int n() {
    return perImage.n();
  }

  /**
   * {@code yes} if every seed's network was folded, {@code no} if none was, else {@code k of n}.
   */
  public String foldedText() {
    if (folded == 0) {
      return "no";
    }
    return folded == n() ? "yes" : folded + " of " + n();
  }

  /** The inference cost of every variant with a COMPLETE trial that measured it, in table order. */
  public static Map<Variant, InferenceStats> of(List<TrialResult> results) {
    Map<Variant, List<InferenceCost>> byVariant =
        results.stream()
            .filter(r -> r.isComplete() && r.inference() != null)
            .collect(
                Collectors.groupingBy(
                    TrialResult::variant,
                    () -> new TreeMap<>(Variant.ORDER),
                    Collectors.mapping(TrialResult::inference, Collectors.toList())));
    Map<Variant, InferenceStats> out = new LinkedHashMap<>();
    byVariant.forEach(
        (variant, costs) ->
            out.put(
                variant,
                new InferenceStats(
                    variant,
                    CellStats.withoutBootstrap(
                        costs.stream().map(InferenceCost::microsPerImage).toList()),
                    costs.stream()
                        .mapToDouble(InferenceCost::microsPerImageBatched)
                        .average()
                        .orElseThrow(),
                    (int) costs.stream().filter(InferenceCost::folded).count(),
                    costs.stream()
                        .map(InferenceCost::foldedMaxAbsDiff)
                        .filter(Objects::nonNull)
                        .mapToDouble(Double::doubleValue)
                        .max()
                        .orElse(Double.NaN))));
    return out;
  }
}
