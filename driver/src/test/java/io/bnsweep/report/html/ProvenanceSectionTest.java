package io.bnsweep.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.testing.Results;
import io.bnsweep.trial.Provenance;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvenanceSectionTest {
  private static Provenance withKernels(String kernels) {
    return new Provenance(
        "h", "1", "0.1.0 abc1234", "17", "1.0.0-M2", "CPU", kernels, 1, "2026-01-01T00:00:00Z");
  }

  @Test
  void kernelsAreCountedPerTrialAndKindNotPerLayer() {
    List<Provenance> trials =
        Arrays.asList(
            withKernels("first-conv, batch-norm x4, tanh x2"),
            withKernels("first-conv, tanh x2"),
            withKernels("none"),
            withKernels(null)); // failed before its network was built: not counted
    assertEquals(
        "first-conv (2), tanh (2), batch-norm (1), none (1)",
        ProvenanceSection.kernelCounts(trials));
  }

  @Test
  void theBnsweepBuildIsARow() {
    String html = ProvenanceSection.of(Results.grid(1, 1));
    assertTrue(html.contains("<td>bnsweep</td><td>0.1.0 abc1234 (12)</td>"), html);
  }
}
