package io.bnsweep.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.bnsweep.diagnostics.EpochDiagnostics.ActivationStats;
import io.bnsweep.diagnostics.EpochDiagnostics.LayerGradient;
import io.bnsweep.diagnostics.EpochDiagnostics.LayerInput;
import io.bnsweep.diagnostics.EpochDiagnostics.ResidualNorm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Results on disk hold {@link EpochDiagnostics} as JSON, older ones without residual norms. */
class EpochDiagnosticsJsonTest {
  /** Configured as the driver's {@code io.bnsweep.store.Json.MAPPER}, which reads results. */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  @Test
  void roundTripsWithResidualNorms() throws Exception {
    EpochDiagnostics d =
        new EpochDiagnostics(
            3,
            List.of(new LayerInput(4, 1, 0.25, 1.5)),
            List.of(new ActivationStats(2, 0, 0.5, 0.01, 0)),
            List.of(new LayerGradient(0, "ConvolutionLayer", 0.3)),
            2,
            336,
            List.of(new ResidualNorm(1, "s1.u1.add", 0.75, 3.0)));

    String json = MAPPER.writeValueAsString(d);

    assertFalse(json.contains("ratio"), json);
    assertEquals(d, MAPPER.readValue(json, EpochDiagnostics.class));
  }

  @Test
  void readsResultsWrittenBeforeResidualNormsAsHavingNone() throws Exception {
    String old =
        "{\"epoch\":1,\"convInputs\":[{\"layer\":4,\"block\":2,\"mean\":0.1,\"std\":0.9}],"
            + "\"activations\":[],\"gradients\":[{\"layer\":0,\"type\":\"ConvolutionLayer\","
            + "\"norm\":0.2}],\"bnScaleSignFlips\":0,\"bnScaleCount\":12}";

    EpochDiagnostics d = MAPPER.readValue(old, EpochDiagnostics.class);

    assertEquals(List.of(), d.residuals());
    assertEquals(
        new EpochDiagnostics(
            1,
            List.of(new LayerInput(4, 2, 0.1, 0.9)),
            List.of(),
            List.of(new LayerGradient(0, "ConvolutionLayer", 0.2)),
            0,
            12),
        d);
  }
}
