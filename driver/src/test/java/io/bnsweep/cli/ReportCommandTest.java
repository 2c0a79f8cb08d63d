package io.bnsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.store.Json;
import io.bnsweep.store.ResultStore;
import io.bnsweep.testing.Results;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  @TempDir Path dir;

  /**
   * {@code report} on a ledger whose line 2 of 4 is garbage: it reports the other three, says in
   * one line on stderr which line it skipped, exits 0, and leaves the ledger as it was (it takes no
   * lock, so it moves nothing).
   */
  @Test
  void reportSkipsADamagedLineSaysSoAndRewritesNothing() throws IOException {
    String ledger =
        String.join(
            "\n",
            Json.MAPPER.writeValueAsString(
                Results.complete("a", Placement.BEFORE, ActivationKind.RELU, 1, 0.8)),
            "garbage",
            Json.MAPPER.writeValueAsString(
                Results.complete("b", Placement.AFTER, ActivationKind.RELU, 1, 0.7)),
            Json.MAPPER.writeValueAsString(
                Results.complete("c", Placement.NONE, ActivationKind.RELU, 1, 0.6)),
            "");
    Path file = Files.writeString(dir.resolve(ResultStore.RESULTS), ledger, StandardCharsets.UTF_8);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        Main.commandLine()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute("report", dir.toString());

    assertEquals(ExitCodes.OK, code, err.toString());
    List<String> lines = err.toString().lines().toList();
    assertEquals(1, lines.size(), err.toString());
    assertTrue(
        lines
            .get(0)
            .startsWith(
                "[bnsweep] warning: "
                    + file
                    + ": skipped 1 damaged line (line 2: not JSON (Unrecognized token 'garbage'"),
        lines.get(0));
    assertTrue(
        lines
            .get(0)
            .endsWith(
                "'bnsweep run' on this directory moves it to results.damaged.jsonl and reruns"
                    + " its trial"),
        lines.get(0));
    assertEquals(ledger, Files.readString(file), "the ledger as it was");
    assertFalse(Files.exists(dir.resolve(ResultStore.DAMAGED)));
    String csv = Files.readString(dir.resolve(ResultStore.CSV));
    assertEquals(4, csv.lines().count(), "a header and the three results: " + csv);
  }
}
