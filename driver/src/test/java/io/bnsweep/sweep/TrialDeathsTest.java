package io.bnsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.network.NetworkShape;
import io.bnsweep.testing.Trials;
import io.bnsweep.trial.Segment;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accounting behind "a trial that kills its JVM does not block the sweep": deaths are counted
 * per trial, a death shared with other trials makes each a suspect but convicts none, and a verdict
 * needs the limit and a last death seen while the trial ran alone; the marks an embedded run leaves
 * beside the ledger read back as those deaths.
 */
class TrialDeathsTest {
  @TempDir Path out;

  private static TrialDeaths.Death executor(String id, Set<String> trials, String message) {
    return new TrialDeaths.Death(TrialDeaths.Death.Kind.EXECUTOR, id, trials, true, message);
  }

  @Test
  void aTrialIsFailedAtTheLimitOnlyIfItsLastDeathRanItAlone() {
    TrialDeaths deaths = new TrialDeaths(2);
    // executor 1 ran a and b: a shared death makes both suspects, convicts neither
    TrialDeaths.Death shared = executor("1", Set.of("a", "b"), "Command exited with code 137");
    deaths.add("a", shared);
    deaths.add("b", shared);
    deaths.add("a", shared); // the same death reported twice counts once
    assertEquals(1, deaths.count("a"));
    assertTrue(deaths.suspect("a") && deaths.suspect("b"));
    assertFalse(deaths.verdict("a"));
    // a second death, again shared: at the limit, but to be rerun alone, not failed
    deaths.add("a", executor("2", Set.of("a", "c"), "Command exited with code 137"));
    assertTrue(deaths.atLimit("a"));
    assertFalse(deaths.verdict("a"), "never convicted on shared deaths alone");
    // alone on a whole executor, it kills it again: the verdict
    deaths.add("a", executor("3", Set.of("a"), "Command exited with code 137"));
    assertTrue(deaths.verdict("a"));
    assertFalse(deaths.suspect("a"));
    assertFalse(deaths.verdict("b"));
    assertFalse(deaths.suspect("never-died"));
  }

  @Test
  void sharedDeathsConvictAfterTwiceTheLimitPlusOneSoNothingLoops() {
    TrialDeaths deaths = new TrialDeaths(1);
    deaths.add("a", executor("1", Set.of("a", "b"), null));
    deaths.add("a", executor("2", Set.of("a", "b"), null));
    assertFalse(deaths.verdict("a"));
    deaths.add("a", executor("3", Set.of("a", "b"), null));
    assertTrue(deaths.verdict("a"));
  }

  @Test
  void aDeathFoundByTheNextRunIsNotSeenSoItNeverConvictsAlone() {
    TrialDeaths deaths = new TrialDeaths(1);
    deaths.add(
        "a", new TrialDeaths.Death(TrialDeaths.Death.Kind.SWEEP, "77", Set.of("a"), false, null));
    assertTrue(deaths.atLimit("a"));
    assertFalse(deaths.verdict("a"), "the sweep's JVM may have been killed from outside");
  }

  @Test
  void theFailedResultSaysWhatWasSeen() {
    TrialDeaths deaths = new TrialDeaths(2);
    deaths.add("t1", executor("4 on host-a", Set.of("t1"), "Command exited with code 137"));
    deaths.add("t1", executor("6 on host-b", Set.of("t1"), "Command exited with code 137"));
    Trial trial =
        new Trial(
            "t1",
            Trials.settings(
                Variant.of(Placement.BEFORE, ActivationKind.RELU),
                NetworkShape.DEFAULT,
                "d",
                10,
                10,
                1,
                5,
                1e-3),
            3);

    TrialResult failed = deaths.failed(Segment.whole(trial));

    assertTrue(failed.isFailed());
    assertFalse(failed.isTransientFailure());
    assertEquals(2, failed.failure().attempts());
    assertEquals(3, failed.seed());
    assertNull(failed.testAccuracy());
    assertEquals(
        List.of(
            "its executor exited with code 137 twice: killed (SIGKILL), probably by the OS's"
                + " out-of-memory killer (trialDeaths: 2)",
            "  executor 4 on host-a, running it alone, exited with code 137: killed (SIGKILL),"
                + " probably by the OS's out-of-memory killer (Command exited with code 137)",
            "  executor 6 on host-b, running it alone, exited with code 137: killed (SIGKILL),"
                + " probably by the OS's out-of-memory killer (Command exited with code 137)"),
        failed.failureReason().lines().toList());
  }

  @Test
  void anExecutorLostWithoutAnExitCodeIsNamedBySparksReason() {
    TrialDeaths deaths = new TrialDeaths(1);
    TrialDeaths.Death death =
        executor("2 on h", Set.of("a"), "Remote RPC client disassociated. Likely due to ...");
    deaths.add("a", death);
    assertTrue(
        deaths
            .reason("a")
            .startsWith(
                "its executor died once while running it, the last time lost: Remote RPC client"
                    + " disassociated."),
        deaths.reason("a"));
    // the cluster manager's word, which may come later, adds the exit code
    death.note("Command exited with code 42");
    assertTrue(
        deaths.reason("a").startsWith("its executor exited with code 42 once: System.exit"),
        deaths.reason("a"));
  }

  @Test
  void theMarksOfADeadRunReadBackAsDeathsSharedByTheTrialsItRan() throws Exception {
    RunningMarks marks = RunningMarks.in(out);
    // a run (pid 100) died running a and b; the next (pid 200) ran a alone in pid 300, which
    // exited with 42, and died itself running c; this run is pid 400
    marks.started("a", 100, false);
    marks.started("b", 100, false);
    marks.started("a", 300, true);
    marks.died("a", 300, 42);
    marks.started("c", 200, false);
    marks.started("d", 400, false);
    Files.writeString(out.resolve("running/e"), "started pid="); // torn

    TrialDeaths deaths = RunningMarks.deaths(out, 400, 2);

    assertEquals(2, deaths.count("a"));
    assertTrue(deaths.verdict("a"), "at the limit, the last death seen while it ran alone");
    assertTrue(
        deaths
            .reason("a")
            .startsWith(
                "its JVM died twice while running it, the last time with"
                    + " exit code 42: System.exit or Runtime.halt"),
        deaths.reason("a"));
    assertTrue(
        deaths
            .reason("a")
            .contains(
                "the sweep's JVM (pid 100), running it and 1 other"
                    + " trial, died (found by the next run)"),
        deaths.reason("a"));
    assertEquals(1, deaths.count("b"));
    assertTrue(deaths.suspect("b"));
    assertEquals(1, deaths.count("c"));
    assertFalse(deaths.verdict("c"), "alone, but not seen: it is rerun alone first");
    assertEquals(0, deaths.count("d"), "this run's own marks are no deaths");
    assertEquals(0, deaths.count("e"));

    marks.clear("a");
    assertFalse(Files.exists(out.resolve("running/a")));
    assertEquals(0, RunningMarks.deaths(out, 400, 2).count("a"));
    assertEquals(0, RunningMarks.deaths(out.resolve("nowhere"), 1, 2).count("a"));
  }
}
