package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bnsweep.cli.ExitCodes;
import io.bnsweep.store.Json;
import io.bnsweep.store.ResultStore;
import io.bnsweep.testing.SyntheticImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output directory written by the first release, whose results record only placement and
 * activation as their variant, resumes: its trial ids are still the planned ones, nothing reruns,
 * and the tables and CSV carry every setting, taken from the plan by trial id.
 */
class FirstReleaseLedgerTest {
  @TempDir Path work;

  @Test
  void resumesAndReportsWithEverySettingFromThePlan() throws IOException {
    Path data = SyntheticImages.writeDataset(work.resolve("data"), 200, 50, true);
    Path spec =
        Files.writeString(
            work.resolve("old.yaml"),
            """
            name: old
            dataset: %s
            subset: first
            trainSize: 200
            testSize: 50
            batchSize: 20
            learningRate: 0.01
            seeds: 2
            axes: {placement: [none, before], activation: [relu]}
            network: {channels: [8]}
            """
                .formatted(data));
    Path out = work.resolve("out");
    Cli first = Cli.run("run", spec.toString(), "--master", "local[2]", "--out", out.toString());
    assertEquals(ExitCodes.OK, first.exitCode(), first.err());

    // rewrite the ledger as the first release wrote it: the variant names placement and
    // activation only (every other field of a result is unchanged since)
    Path ledger = out.resolve(ResultStore.RESULTS);
    List<String> old = new ArrayList<>();
    for (String line : Files.readAllLines(ledger)) {
      ObjectNode result = (ObjectNode) Json.MAPPER.readTree(line);
      ObjectNode variant = JsonNodeFactory.instance.objectNode();
      variant.set("placement", result.get("variant").get("placement"));
      variant.set("activation", result.get("variant").get("activation"));
      result.set("variant", variant);
      old.add(Json.MAPPER.writeValueAsString(result));
    }
    Files.write(ledger, old);

    Cli again = Cli.run("run", spec.toString(), "--master", "local[2]", "--out", out.toString());

    assertEquals(ExitCodes.OK, again.exitCode(), again.err());
    assertTrue(again.err().contains("4 trials (2 variants x 2 seeds), 0 to run"), again.err());
    assertEquals(old, Files.readAllLines(ledger), "the ledger is kept as it was");
    List<String> csv = Files.readAllLines(out.resolve(ResultStore.CSV));
    assertEquals(5, csv.size());
    List<String> header = List.of(csv.get(0).split(","));
    int lr = header.indexOf("learningRate");
    int batch = header.indexOf("batchSize");
    for (String row : csv.subList(1, csv.size())) {
      List<String> cells = List.of(row.split(","));
      assertEquals("0.01", cells.get(lr), row);
      assertEquals("20", cells.get(batch), row);
    }
    String summary = Files.readString(out.resolve(ResultStore.SUMMARY));
    assertTrue(summary.contains("| (all) | none vs before | 2 |"), summary);

    // the same spec with today's default subset (stratified) plans other trials: refused, saying
    // how to keep the old data
    Path current =
        Files.writeString(
            work.resolve("new.yaml"), Files.readString(spec).replace("subset: first\n", ""));
    Cli refused =
        Cli.run("run", current.toString(), "--master", "local[2]", "--out", out.toString());
    assertEquals(ExitCodes.BAD_INPUT, refused.exitCode(), refused.err());
    assertTrue(refused.err().contains("'subset: first'"), refused.err());
    assertEquals(1, refused.err().strip().lines().filter(l -> l.contains("subset: first")).count());

    // without a spec, 'report' has only what the old ledger says
    Cli report = Cli.run("report", out.toString());
    assertEquals(ExitCodes.OK, report.exitCode(), report.err());
    assertTrue(report.out().contains("| placement | test accuracy |"), report.out());
  }
}
