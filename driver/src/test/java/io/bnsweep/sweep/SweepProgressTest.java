package io.bnsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.store.ResultStore;
import io.bnsweep.store.StoreException;
import io.bnsweep.testing.Results;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A progress line is printed only after its result is in the ledger. */
class SweepProgressTest {
  @TempDir Path dir;

  private static final TrialResult A =
      Results.complete("a", Placement.BEFORE, ActivationKind.RELU, 1, 0.8);

  @Test
  void theLineIsPrintedAfterTheResultIsKept() {
    StringWriter printed = new StringWriter();
    SweepProgress progress = new SweepProgress(2, 0, new PrintWriter(printed));
    StringBuilder seenWhileKeeping = new StringBuilder();
    try (ResultStore store = ResultStore.open(dir)) {
      progress.keepThenReport(
          A,
          r -> {
            seenWhileKeeping.append(printed);
            store.append(r);
          });
    }

    assertEquals("", seenWhileKeeping.toString(), "nothing printed before the append returned");
    assertTrue(printed.toString().contains("1/2 done"), printed.toString());
    assertTrue(printed.toString().contains("seed 1 accuracy 80.00%"), printed.toString());
    assertEquals(List.of(A), ResultStore.read(dir));
  }

  @Test
  void aCountPastAnEstimatedTotalRaisesTheTotalAndLeavesTheTimeUnknown() {
    SweepProgress progress = new SweepProgress(1, 0, new PrintWriter(new StringWriter()));
    try (ResultStore store = ResultStore.open(dir)) {
      progress.keepThenReport(A, store::append);
      progress.keepThenReport(A, store::append);
    }
    assertTrue(progress.status().startsWith("2/2 done"), progress.status());
    assertTrue(progress.status().endsWith("ETA ?"), progress.status());
  }

  @Test
  void aResultThatCannotBeKeptIsNotReported() {
    StringWriter printed = new StringWriter();
    SweepProgress progress = new SweepProgress(2, 0, new PrintWriter(printed));

    assertThrows(
        StoreException.class,
        () ->
            progress.keepThenReport(
                A,
                r -> {
                  throw new StoreException("disk full");
                }));
    assertEquals("", printed.toString());
    assertTrue(progress.status().startsWith("0/2 done"), progress.status());
  }
}
