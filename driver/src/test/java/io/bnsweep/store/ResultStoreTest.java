package io.bnsweep.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bnsweep.testing.Results;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {
  @TempDir Path dir;

  private static final TrialResult A =
      Results.complete("a", Placement.BEFORE, ActivationKind.RELU, 1, 0.8);
  private static final TrialResult B =
      Results.failed("b", Placement.AFTER, ActivationKind.TANH, 2, "boom\n  at x");

  @Test
  void appendsOneLinePerResultAndReadsThemBack() {
    Path out = dir.resolve("new/out");
    try (ResultStore store = ResultStore.open(out)) {
      store.append(A);
      store.append(B);
    }

    assertEquals(List.of(A, B), ResultStore.read(out));
  }

  @Test
  void aStoreFailingOnItsThirdWriteKeepsTheFirstTwoAndSaysSo() {
    TrialResult c = Results.complete("c", Placement.NONE, ActivationKind.RELU, 3, 0.7);
    try (ResultStore store = ResultStore.open(dir, real -> new FailingChannel(real, 3, 40))) {
      store.append(A);
      store.append(B);
      LedgerWriteException e = assertThrows(LedgerWriteException.class, () -> store.append(c));
      assertTrue(
          e.getMessage().contains("cannot append trial c's result")
              && e.getMessage().contains("No space left on device"),
          e.getMessage());
      assertEquals(dir.resolve(ResultStore.RESULTS), e.ledger());
    }

    assertEquals(List.of(A, B), ResultStore.read(dir), "the torn third line is skipped");
    try (ResultStore store = ResultStore.open(dir)) {
      store.append(c);
    }
    assertEquals(List.of(A, B, c), ResultStore.read(dir), "and cut off by the next append");
  }

  @Test
  void aRemovedOutputDirectoryIsNoticedOnTheNextAppend() throws IOException {
    Path out = dir.resolve("out");
    try (ResultStore store = ResultStore.open(out)) {
      store.append(A);
      Files.delete(out.resolve(ResultStore.RESULTS));
      Files.delete(out);

      LedgerWriteException e = assertThrows(LedgerWriteException.class, () -> store.append(B));
      assertTrue(e.getMessage().contains("was removed or replaced"), e.getMessage());
    }
  }

  @Test
  void aLedgerReplacedByAnotherFileIsNoticed() throws IOException {
    try (ResultStore store = ResultStore.open(dir)) {
      store.append(A);
      Path ledger = dir.resolve(ResultStore.RESULTS);
      Files.move(ledger, dir.resolve("moved.jsonl"));
      Files.copy(dir.resolve("moved.jsonl"), ledger);

      assertThrows(LedgerWriteException.class, () -> store.append(B));
    }
    assertEquals(List.of(A), ResultStore.read(dir), "nothing appended to the copy");
  }

  @Test
  void aTornLastLineIsSkippedOnReadAndCutBeforeAppending() throws IOException {
    try (ResultStore store = ResultStore.open(dir)) {
      store.append(A);
    }
    Files.writeString(
        dir.resolve(ResultStore.RESULTS), "{\"trialId\":\"b\",\"var", StandardOpenOption.APPEND);

    assertEquals(List.of(A), ResultStore.read(dir));
    try (ResultStore store = ResultStore.open(dir)) {
      store.append(B);
    }
    assertEquals(List.of(A, B), ResultStore.read(dir));
  }

  /**
   * A ledger of four lines whose second is garbage (and a torn fifth after them): the run's move
   * puts line 2 in results.damaged.jsonl with its number and text, rewrites the ledger with lines
   * 1, 3 and 4 as they were (and the torn tail, which opening cuts as before), and a second move
   * finds nothing.
   */
  @Test
  void aDamagedLineInTheMiddleIsMovedAsideWithItsNumber() throws IOException {
    TrialResult c = Results.complete("c", Placement.NONE, ActivationKind.RELU, 3, 0.7);
    String a = Json.MAPPER.writeValueAsString(A);
    String b = Json.MAPPER.writeValueAsString(B);
    String cLine = Json.MAPPER.writeValueAsString(c);
    Path ledger = dir.resolve(ResultStore.RESULTS);
    String garbage = "{\"trialId\":\"d\",\"vari\u0000#garbage";
    String torn = "{\"trialId\":\"e\",\"var";
    Files.writeString(
        ledger, a + "\n" + garbage + "\n" + b + "\n" + cLine + "\n" + torn, StandardCharsets.UTF_8);

    List<ResultStore.DamagedLine> moved = ResultStore.moveDamaged(dir);

    assertEquals(1, moved.size());
    assertEquals(2, moved.get(0).number());
    assertTrue(moved.get(0).reason().startsWith("not JSON ("), moved.get(0).reason());
    assertEquals(
        a + "\n" + b + "\n" + cLine + "\n" + torn,
        Files.readString(ledger),
        "the other lines kept byte for byte, in order");
    List<String> entries = Files.readAllLines(dir.resolve(ResultStore.DAMAGED));
    assertEquals(1, entries.size());
    JsonNode entry = Json.MAPPER.readTree(entries.get(0));
    assertEquals(2, entry.get("line").asInt());
    assertEquals(garbage, entry.get("text").asText());
    assertEquals(moved.get(0).reason(), entry.get("reason").asText());
    assertTrue(entry.hasNonNull("movedAt") && !entry.has("base64"), entries.get(0));
    assertEquals(List.of(A, B, c), ResultStore.read(dir));
    assertEquals(List.of(), ResultStore.scan(dir).damaged());
    assertEquals(List.of(), ResultStore.moveDamaged(dir), "nothing left to move");
    assertEquals(1, Files.readAllLines(dir.resolve(ResultStore.DAMAGED)).size());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(
          List.of(ResultStore.DAMAGED, ResultStore.RESULTS),
          files.map(f -> f.getFileName().toString()).sorted().toList(),
          "no temporary file left");
    }
    try (ResultStore store = ResultStore.open(dir)) {
      store.append(Results.complete("d", Placement.NONE, ActivationKind.TANH, 4, 0.6));
    }
    assertEquals(4, ResultStore.read(dir).size(), "the torn tail cut, d appended after c");
  }

  @Test
  void aLineThatIsNotUtf8IsMovedWithItsRawBytes() throws IOException {
    byte[] raw = {'{', (byte) 0xff, (byte) 0xfe, '}'};
    ByteArrayOutputStream ledger = new ByteArrayOutputStream();
    ledger.writeBytes((Json.MAPPER.writeValueAsString(A) + "\n").getBytes(StandardCharsets.UTF_8));
    ledger.writeBytes(raw);
    ledger.write('\n');
    Files.write(dir.resolve(ResultStore.RESULTS), ledger.toByteArray());

    List<ResultStore.DamagedLine> moved = ResultStore.moveDamaged(dir);

    assertEquals(List.of(new ResultStore.DamagedLine(2, "not UTF-8 text")), moved);
    JsonNode entry =
        Json.MAPPER.readTree(Files.readAllLines(dir.resolve(ResultStore.DAMAGED)).get(0));
    assertArrayEquals(raw, Base64.getDecoder().decode(entry.get("base64").asText()));
    assertEquals(List.of(A), ResultStore.read(dir));
  }

  /**
   * Reading (as report does) skips every kind of damaged line, names each by number, and writes
   * nothing; blank lines and a torn last line are not damage.
   */
  @Test
  void readingSkipsDamagedLinesAndNamesThemWithoutWriting() throws IOException {
    String a = Json.MAPPER.writeValueAsString(A);
    String b = Json.MAPPER.writeValueAsString(B);
    String lines =
        String.join(
            "\n",
            a, // 1
            "not json", // 2
            "", // 3: blank
            "[1, 2]", // 4: JSON, not an object
            "null", // 5
            "{}", // 6: no epochs
            a.replace("\"trialId\":\"a\",", ""), // 7: no trialId
            a + b, // 8: two results run together
            a.replace("\"COMPLETE\"", "\"DONE\""), // 9: a state that does not exist
            a.substring(0, 60) + "#garbage", // 10: cut inside a field, then garbage
            b, // 11
            "{\"trialId\":\"c\"" // torn last line
            );
    Path ledger = Files.writeString(dir.resolve(ResultStore.RESULTS), lines);

    ResultStore.Ledger scanned = ResultStore.scan(dir);

    assertEquals(List.of(A, B), scanned.results());
    assertEquals(List.of(A, B), ResultStore.read(dir));
    assertEquals(
        List.of(2, 4, 5, 6, 7, 8, 9, 10),
        scanned.damaged().stream().map(ResultStore.DamagedLine::number).toList());
    List<String> reasons = scanned.damaged().stream().map(ResultStore.DamagedLine::reason).toList();
    assertTrue(reasons.get(0).startsWith("not JSON (Unrecognized token 'not'"), reasons.get(0));
    assertTrue(reasons.get(1).startsWith("JSON, but not a trial result ("), reasons.get(1));
    assertEquals("JSON null, not a trial result", reasons.get(2));
    assertTrue(reasons.get(3).startsWith("JSON, but not a trial result ("), reasons.get(3));
    assertEquals("a trial result without a trialId", reasons.get(4));
    assertTrue(reasons.get(6).startsWith("JSON, but not a trial result ("), reasons.get(6));
    assertTrue(reasons.get(7).startsWith("not JSON (Unexpected end-of-input"), reasons.get(7));
    reasons.forEach(r -> assertFalse(r.contains("\n"), r));
    assertEquals(lines, Files.readString(ledger), "reading changes nothing");
    assertFalse(Files.exists(dir.resolve(ResultStore.DAMAGED)));
    assertEquals("lines 2, 4, 5, 6, 7, 8, 9, 10", ResultStore.lineNumbers(scanned.damaged()));
  }

  @Test
  void latestResultPerTrialWins() {
    TrialResult retried = Results.complete("b", Placement.AFTER, ActivationKind.TANH, 2, 0.9);

    assertEquals(List.of(A, retried), ResultStore.latestPerTrial(List.of(A, B, retried)));
  }

  @Test
  void anOutputPathThatIsAFileIsRefusedWithoutCreatingAnything() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");

    StoreException e =
        assertThrows(StoreException.class, () -> ResultStore.checkUsable(file.resolve("out")));
    assertEquals(
        "output " + file.resolve("out") + ": " + file + " is a file, not a directory",
        e.getMessage());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void restartMovesTheLedgerAsideWithoutDeletingIt() throws IOException {
    try (ResultStore store = ResultStore.open(dir)) {
      store.append(A);
    }
    Files.writeString(dir.resolve(ResultStore.SUMMARY), "old");
    Files.writeString(dir.resolve("notes.txt"), "mine");

    Path aside = ResultStore.moveAside(dir);

    assertEquals(List.of(), ResultStore.read(dir));
    assertEquals(List.of(A), ResultStore.read(aside));
    assertEquals("old", Files.readString(aside.resolve(ResultStore.SUMMARY)));
    assertTrue(Files.exists(dir.resolve("notes.txt")), "other files stay");
    assertEquals(null, ResultStore.moveAside(dir), "nothing left to move");
  }

  @Test
  void aSecondRestartInTheSameSecondGetsItsOwnDirectory() throws IOException {
    // two restarts stamped with the same second: the second must not move files into the first's
    Path taken = Files.createDirectory(dir.resolve("previous-20260101-000000"));
    Files.writeString(taken.resolve(ResultStore.RESULTS), "the first restart's ledger");

    Path second = ResultStore.freshDirectory(dir, "previous-20260101-000000");
    Path third = ResultStore.freshDirectory(dir, "previous-20260101-000000");

    assertEquals(dir.resolve("previous-20260101-000000-2"), second);
    assertEquals(dir.resolve("previous-20260101-000000-3"), third);
    assertTrue(Files.isDirectory(second) && Files.isDirectory(third));
    assertEquals(
        "the first restart's ledger", Files.readString(taken.resolve(ResultStore.RESULTS)));
  }

  @Test
  void csvHasAHeaderAndOneRowPerResult() {
    String csv = CsvExport.toCsv(List.of(A, B));

    List<String> lines = csv.lines().toList();
    // one column per axis (dots become underscores), then the result's own columns; the probe
    // axes are declared in test code (ProbeAxes)
    assertTrue(
        lines
            .get(0)
            .startsWith(
                "trialId,placement,activation,dataset,trainSize,testSize,epochs,batchSize,"
                    + "learningRate,optimizer,weightDecay,network_family,network_channels,"
                    + "network_kernel,network_hidden,network_depth,network_width,network_units,"
                    + "network_dropout,labels,resize,subset,subsetSeed,validationSize,normalize,augment,stage,"
                    + "probe_biasInit,probe_family,probe_depth,seed,state,testAccuracy"),
        lines.get(0));
    String settings =
        ",fashion-mnist,,,1,64,0.001,adam,0.0,cnn,\"[16, 32]\",3,,,,,,fine,,stratified,1,0,,[],fixed,0.0,"
            + "plain,,";
    assertTrue(
        lines.get(1).startsWith("a,before,relu" + settings + "1,COMPLETE,0.8,"), lines.get(1));
    assertTrue(lines.get(2).startsWith("b,after,tanh" + settings + "2,FAILED,,"), lines.get(2));
    assertTrue(lines.get(2).endsWith("\"boom"), lines.get(2));
    assertTrue(csv.stripTrailing().endsWith(",deterministic,1"), "the failure's kind and attempts");
  }
}
