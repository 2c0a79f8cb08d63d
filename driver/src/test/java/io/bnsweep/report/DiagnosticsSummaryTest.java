package io.bnsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.testing.Results;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiagnosticsSummaryTest {
  @Test
  void summaryHasOneDiagnosticsRowPerVariantAtTheLastEpoch() {
    String md = MarkdownReport.of(ReportModel.of(Results.grid(2, 3)));

    assertTrue(md.contains("## Diagnostics at the last epoch, mean over seeds"), md);
    assertTrue(
        md.contains(
            "| variant | seeds | conv input mean | conv input std | ReLU zero | ReLU dead "
                + "| saturated | BN γ flips | µs/image | µs/image batched | folded |"),
        md);
    // none/relu, seeds 1 and 2 at epoch 3: wobble 0.02 * ((seed + 3) % 3) = 0.02 and 0.04, mean
    // 0.03
    assertTrue(
        md.contains(
            "| none/relu | 2 | 0.480 | 1.000 | 53.0% | 12.8% | – | – | 304.5 | 60.9 | no |"),
        md);
    // latency: jitter 1.01 and 1.02, so 300 * 1.015; flips: (seed % 3) + 3 * 2 = 7 and 8 of 96 BN
    // scales (16 + 32 per BN layer pair, twice in extra)
    assertTrue(md.contains("| extra/relu | 2 | 0.040 | 1.010 | 53.0% |"), md);
    assertTrue(md.contains("| 7.5 of 96 (7.8%) |"), md);
    assertTrue(
        md.contains("| before/tanh | 2 | 0.080 | 0.650 | – | – | 19.0% | 4.5 of 48 (9.4%) |"), md);
    assertTrue(md.lines().anyMatch(l -> l.startsWith("| before/relu |") && l.endsWith("| yes |")));
  }

  @Test
  void withoutDiagnosticsTheSummarySaysSo() {
    String md =
        MarkdownReport.of(
            ReportModel.of(
                List.of(Results.complete("a", Placement.NONE, ActivationKind.RELU, 1, 0.8))));

    assertTrue(md.contains("No result has diagnostics or an inference measurement."), md);
  }

  @Test
  void gradientNormsAreLabelledByBlockAndInNetworkOrder() {
    Map<Variant, VariantDiagnostics> diagnostics = VariantDiagnostics.of(Results.grid(1, 1));

    DiagnosticsMean extra =
        diagnostics.get(Variant.of(Placement.EXTRA, ActivationKind.TANH)).last().orElseThrow();
    assertEquals(
        List.of("conv1", "bn1", "bn1b", "conv2", "bn2", "bn2b", "output"),
        List.copyOf(extra.gradientNorms().keySet()));
    DiagnosticsMean none =
        diagnostics.get(Variant.of(Placement.NONE, ActivationKind.TANH)).last().orElseThrow();
    assertEquals(List.of("conv1", "conv2", "output"), List.copyOf(none.gradientNorms().keySet()));
    assertTrue(Double.isNaN(none.bnScaleFlipFraction()));
  }

  @Test
  void failedTrialsDoNotCount() {
    TrialResult failed =
        Results.withDiagnostics(
            Results.failed("f", Placement.NONE, ActivationKind.RELU, 1, "loss became NaN"));

    assertTrue(VariantDiagnostics.of(List.of(failed)).isEmpty());
    assertTrue(InferenceStats.of(List.of(failed)).isEmpty());
  }
}
