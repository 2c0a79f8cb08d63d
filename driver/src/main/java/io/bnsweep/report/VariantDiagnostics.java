package io.bnsweep.report;

import io.bnsweep.diagnostics.EpochDiagnostics;
import io.bnsweep.diagnostics.EpochDiagnostics.ActivationStats;
import io.bnsweep.diagnostics.EpochDiagnostics.LayerGradient;
import io.bnsweep.diagnostics.EpochDiagnostics.LayerInput;
import io.bnsweep.diagnostics.EpochDiagnostics.ResidualNorm;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * One variant's {@link EpochDiagnostics} aggregated over seeds: a {@link DiagnosticsMean} per
 * epoch.
 *
 * <p>Only COMPLETE trials count, as in the accuracy tables: a failed trial's last epochs are often
 * the diverging ones, and mixing them in would blur the seeds that trained normally.
 *
 * @param variant the grid point
 * @param epochs the mean diagnostics of every epoch some seed measured, in epoch order
 */
public record VariantDiagnostics(Variant variant, List<DiagnosticsMean> epochs) {
  public VariantDiagnostics {
    epochs = List.copyOf(epochs);
  }

  /** The diagnostics of every variant with a COMPLETE trial that measured any, in table order. */
  public static Map<Variant, VariantDiagnostics> of(List<TrialResult> results) {
    Map<Variant, List<TrialResult>> byVariant =
        results.stream()
            .filter(r -> r.isComplete() && !r.diagnostics().isEmpty())
            .collect(
                Collectors.groupingBy(
                    TrialResult::variant, () -> new TreeMap<>(Variant.ORDER), Collectors.toList()));
    Map<Variant, VariantDiagnostics> out = new LinkedHashMap<>();
    byVariant.forEach((variant, trials) -> out.put(variant, aggregate(variant, trials)));
    return out;
  }

  /** The last epoch's means. */
  public Optional<DiagnosticsMean> last() {
    return epochs.isEmpty() ? Optional.empty() : Optional.of(epochs.get(epochs.size() - 1));
  }

  /**
   * True if {@code activation} outputs exact zeros, so its zero and dead fractions mean something;
   * the others (sigmoid, tanh) saturate instead.
   */
  public static boolean zeroesOut(ActivationKind activation) {
    return activation == ActivationKind.RELU;
  }

  private static VariantDiagnostics aggregate(Variant variant, List<TrialResult> trials) {
    Map<Integer, List<EpochDiagnostics>> byEpoch = new TreeMap<>();
    for (TrialResult r : trials) {
      r.diagnostics()
          .forEach(d -> byEpoch.computeIfAbsent(d.epoch(), e -> new ArrayList<>()).add(d));
    }
    List<DiagnosticsMean> epochs = new ArrayList<>();
    byEpoch.forEach((epoch, seeds) -> epochs.add(mean(epoch, seeds)));
    return new VariantDiagnostics(variant, epochs);
  }

  private static DiagnosticsMean mean(int epoch, List<EpochDiagnostics> seeds) {
    // every seed of a variant has the same layers, so the labels keep the network's order
    Map<String, List<Double>> norms = new LinkedHashMap<>();
    for (EpochDiagnostics d : seeds) {
      List<String> labels = gradientLabels(d.gradients());
      for (int i = 0; i < labels.size(); i++) {
        norms
            .computeIfAbsent(labels.get(i), k -> new ArrayList<>())
            .add(d.gradients().get(i).norm());
      }
    }
    Map<String, Double> gradientNorms = new LinkedHashMap<>();
    norms.forEach((layer, values) -> gradientNorms.put(layer, average(values)));
    return new DiagnosticsMean(
        epoch,
        seeds.size(),
        overSeeds(seeds, d -> overLayers(d.convInputs(), LayerInput::mean)),
        overSeeds(seeds, d -> overLayers(d.convInputs(), LayerInput::std)),
        overSeeds(seeds, d -> overLayers(d.activations(), ActivationStats::zeroFraction)),
        overSeeds(seeds, d -> overLayers(d.activations(), ActivationStats::deadFraction)),
        overSeeds(seeds, d -> overLayers(d.activations(), ActivationStats::saturatedFraction)),
        overSeeds(seeds, EpochDiagnostics::bnScaleSignFlips),
        seeds.stream().mapToInt(EpochDiagnostics::bnScaleCount).max().orElse(0),
        gradientNorms,
        overSeeds(seeds, d -> overLayers(d.residuals(), ResidualNorm::ratio)));
  }

  /**
   * Labels for a network's layers with parameters, e.g. {@code conv1, bn1, conv2, bn2, output}: the
   * same for every seed of a variant, and comparable across placements. A BatchNorm layer is named
   * after the conv block it sits in ({@code bn2} after {@code conv2}); a second one in the same
   * block (placement {@code extra}) gets a {@code b}: {@code bn2b}.
   */
  static List<String> gradientLabels(List<LayerGradient> layers) {
    Map<String, Integer> counts = new HashMap<>();
    int block = 0;
    int bnInBlock = 0;
    List<String> labels = new ArrayList<>();
    for (LayerGradient layer : layers) {
      String kind = shortType(layer.type());
      switch (kind) {
        case "conv" -> {
          block++;
          bnInBlock = 0;
          labels.add("conv" + block);
        }
        case "bn" -> {
          bnInBlock++;
          labels.add(
              "bn" + block + (bnInBlock == 1 ? "" : String.valueOf((char) ('a' + bnInBlock - 1))));
        }
        default -> {
          int ordinal = counts.merge(kind, 1, Integer::sum);
          labels.add(kind.equals("output") && ordinal == 1 ? kind : kind + ordinal);
        }
      }
    }
    return labels;
  }

  private static String shortType(String type) {
    return switch (type) {
      case "ConvolutionLayer" -> "conv";
      case "BatchNormalization" -> "bn";
      case "OutputLayer" -> "output";
      case "DenseLayer" -> "dense";
      default -> type.toLowerCase(Locale.ROOT);
    };
  }

  private static <T> double overLayers(List<T> layers, ToDoubleFunction<T> value) {
    return layers.isEmpty()
        ? Double.NaN
        : layers.stream().mapToDouble(value).average().orElseThrow();
  }

  private static double overSeeds(
      List<EpochDiagnostics> seeds, ToDoubleFunction<EpochDiagnostics> value) {
    double[] values = seeds.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).toArray();
    return values.length == 0 ? Double.NaN : Arrays.stream(values).average().orElseThrow();
  }

  private static double average(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}
