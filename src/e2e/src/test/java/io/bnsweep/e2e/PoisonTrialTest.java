package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bnsweep.cli.ExitCodes;
import io.bnsweep.store.ResultStore;
import io.bnsweep.testing.SyntheticImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trial that kills its JVM, embedded: the plugin family {@link HaltingFamily} (in a jar on the
 * launcher's class path) halts the JVM with exit code 42 in its {@code before} variant. Embedded,
 * the executor is the sweep's own JVM, so the first run dies with it, leaving the running marks of
 * the trials it was running. The same command again reruns those trials first, each alone in a JVM
 * of its own: the halting one takes that JVM down too and is recorded FAILED with what was seen,
 * the one that was merely running beside it completes, and so does every other trial, each once in
 * the ledger. A third run has nothing left to do.
 */
class PoisonTrialTest {
  static final int HALT_CODE = 42;

  @TempDir Path work;

  /**
   * The spec of a four-trial sweep of {@link HaltingFamily} on {@code data}, one of them halting.
   */
  static String spec(String name, String dataset) {
    return """
        name: %s
        dataset: %s
        epochs: 1
        batchSize: 20
        seeds: [1]
        activation: relu
        network: {family: halting, halt: %d}
        axes:
          placement: [none, before, after, extra]
        """
        .formatted(name, dataset, HALT_CODE);
  }

  @Test
  void aTrialThatHaltsTheSweepsJvmIsFailedByTheNextRunAndEveryOtherTrialCompletesOnce()
      throws Exception {
    Path data = SyntheticImages.writeDataset(work.resolve("data"), 400, 100, false);
    Path jar =
        PluginJar.write(work.resolve("halting.jar"), HaltingFamily.class, HaltActivation.class);
    Path spec = Files.writeString(work.resolve("poison.yaml"), spec("poison", data.toString()));
    Path out = work.resolve("out");
    Map<String, String> env = Map.of("BNSWEEP_CLASSPATH", jar.toString());
    String[] run = {"run", spec.toString(), "--master", "local[2]", "--out", out.toString()};

    Project.Output first = Project.run(env, Duration.ofMinutes(4), "bnsweep", run);
    List<String> marked = names(out.resolve("running"));
    Project.Output second = Project.run(env, Duration.ofMinutes(6), "bnsweep", run);
    Project.Output third = Project.run(env, Duration.ofMinutes(4), "bnsweep", run);

    // the first run died with the trial: the JVM's exit code is the halt's, and nothing recorded
    // the trial, but its mark (and that of any trial running beside it) was left
    assertEquals(HALT_CODE, first.exitCode(), first.err());
    assertTrue(first.err().contains("halting this JVM with exit code 42"), first.err());
    List<JsonNode> ledger = ledger(out);
    String poison =
        ledger.stream()
            .filter(l -> l.get("variant").get("placement").asText().equals("before"))
            .map(l -> l.get("trialId").asText())
            .findFirst()
            .orElseThrow(() -> new AssertionError("no result for the halting trial: " + ledger));
    assertTrue(marked.contains(poison), "the halting trial's running mark: " + marked);

    // the second run: the halting trial FAILED, deterministically, with what was seen
    assertEquals(ExitCodes.TRIALS_FAILED, second.exitCode(), second.err());
    assertTrue(second.err().contains("trial " + poison + ": the sweep's JVM (pid "), second.err());
    assertTrue(second.err().contains("running it alone in a JVM of its own"), second.err());
    assertEquals(4, ledger.size(), "one line per trial over both runs: " + ledger);
    assertEquals(
        4, ledger.stream().map(l -> l.get("trialId").asText()).distinct().count(), "each once");
    for (JsonNode line : ledger) {
      String placement = line.get("variant").get("placement").asText();
      if (line.get("trialId").asText().equals(poison)) {
        assertEquals("FAILED", line.get("state").asText());
        String reason = line.get("failureReason").asText();
        assertTrue(
            reason.startsWith(
                "its JVM died twice while running it, the last time with exit code"
                    + " 42: System.exit or Runtime.halt in the trial's code"),
            reason);
        assertTrue(reason.contains("(trialDeaths: 2)"), reason);
        assertTrue(reason.contains("the sweep's JVM (pid "), reason);
        assertTrue(
            reason.contains("a JVM of its own (pid ")
                && reason.contains("running it alone, exited with code 42"),
            reason);
        assertEquals("deterministic", line.get("failure").get("kind").asText(), reason);
        assertEquals(2, line.get("failure").get("attempts").asInt(), reason);
      } else {
        assertEquals("COMPLETE", line.get("state").asText(), placement + ": " + line);
      }
    }
    assertEquals(List.of(), names(out.resolve("running")), "every mark cleared");
    String summary = Files.readString(out.resolve(ResultStore.SUMMARY));
    assertTrue(summary.contains("with exit code 42: System.exit or Runtime.halt"), summary);

    // nothing left: the verdict is kept like any deterministic failure
    assertEquals(ExitCodes.TRIALS_FAILED, third.exitCode(), third.err());
    assertTrue(third.err().contains("0 to run"), third.err());
    assertEquals(4, ledger(out).size());
    System.out.println("second run's log:\n" + second.err());
    System.out.printf(
        "first run exit %d, marks %s; second run exit %d; reason of %s:%n%s%n",
        first.exitCode(),
        marked,
        second.exitCode(),
        poison,
        ledger.stream()
            .filter(l -> l.get("trialId").asText().equals(poison))
            .map(l -> l.get("failureReason").asText())
            .collect(Collectors.joining()));
  }

  /** The ledger's lines, read as JSON (the family's setting is unknown to this JVM). */
  static List<JsonNode> ledger(Path out) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve(ResultStore.RESULTS))) {
      if (!line.isBlank()) {
        lines.add(json.readTree(line));
      }
    }
    return lines;
  }

  static List<String> names(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
