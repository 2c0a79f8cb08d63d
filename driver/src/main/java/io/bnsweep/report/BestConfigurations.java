package io.bnsweep.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.bnsweep.report.TunedReport.ArmSearch;
import io.bnsweep.report.TunedReport.Configuration;
import io.bnsweep.store.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code best.json}: per variant of a tuned comparison, the configuration the search chose and the
 * ones that got furthest, with their validation accuracy, for tools to read.
 */
final class BestConfigurations {
  private BestConfigurations() {}

  static String json(TunedReport report) {
    List<Map<String, Object>> arms = new ArrayList<>();
    for (ArmSearch arm : report.arms()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("variant", arm.label());
      entry.put("settings", arm.arm().json());
      entry.put("chosen", arm.chosen().map(BestConfigurations::configuration).orElse(null));
      entry.put("top", arm.top().stream().map(BestConfigurations::configuration).toList());
      entry.put("spread", arm.spread().orElse(null));
      entry.put("epochsTrained", arm.epochsTrained());
      entry.put("fullBudget", arm.fullBudget());
      arms.add(entry);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("tune", report.setup());
    root.put("variants", arms);
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("best.json is always JSON", e);
    }
  }

  private static Map<String, Object> configuration(Configuration c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("settings", c.settings());
    m.put("searchSeed", c.seed());
    m.put("epochs", c.epochs());
    m.put("validationAccuracy", c.validation());
    m.put("state", c.state());
    return m;
  }
}
