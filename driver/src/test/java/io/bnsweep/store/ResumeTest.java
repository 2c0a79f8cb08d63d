package io.bnsweep.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bnsweep.network.NetworkShape;
import io.bnsweep.testing.Results;
import io.bnsweep.testing.Trials;
import io.bnsweep.trial.Trial;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {
  private static Trial trial(String id) {
    return new Trial(
        id,
        Trials.settings(
            Variant.of(Placement.BEFORE, ActivationKind.RELU),
            NetworkShape.DEFAULT,
            "d",
            10,
            10,
            1,
            5,
            1e-3),
        1);
  }

  private static final List<Trial> PLAN = List.of(trial("a"), trial("b"), trial("c"), trial("d"));

  @Test
  void runsOnlyTrialsWithoutAResultAndKeepsFailedOnes() {
    Resume resume =
        Resume.of(
            PLAN,
            List.of(
                Results.complete("a", Placement.BEFORE, ActivationKind.RELU, 1, 0.8),
                Results.failed("b", Placement.BEFORE, ActivationKind.RELU, 1, "loss became NaN")),
            false);

    assertEquals(List.of(trial("c"), trial("d")), resume.pending());
    assertEquals(1, resume.complete());
    assertEquals(1, resume.failed());
    assertEquals(Set.of(), resume.foreign());
  }

  @Test
  void retryFailedRerunsThemAndTheLatestResultPerTrialCounts() {
    Resume resume =
        Resume.of(
            PLAN,
            List.of(
                Results.failed("a", Placement.BEFORE, ActivationKind.RELU, 1, "boom"),
                Results.complete("a", Placement.BEFORE, ActivationKind.RELU, 1, 0.8),
                Results.failed("b", Placement.BEFORE, ActivationKind.RELU, 1, "boom")),
            true);

    assertEquals(List.of(trial("b"), trial("c"), trial("d")), resume.pending());
    assertEquals(1, resume.complete());
    assertEquals(0, resume.failed());
  }

  @Test
  void resultsOfUnplannedTrialsAreForeign() {
    Resume resume =
        Resume.of(
            PLAN,
            List.of(Results.complete("zzz", Placement.AFTER, ActivationKind.TANH, 9, 0.5)),
            false);

    assertEquals(Set.of("zzz"), resume.foreign());
    assertEquals(4, resume.pending().size());
  }

  /**
   * A run resumes from the ledger read without its damaged lines: the trial whose only result was
   * on a damaged line has no result, so it runs again.
   */
  @Test
  void aTrialWhoseOnlyResultIsOnADamagedLineRunsAgain(@TempDir Path dir) throws IOException {
    String a =
        Json.MAPPER.writeValueAsString(
            Results.complete("a", Placement.BEFORE, ActivationKind.RELU, 1, 0.8));
    String b =
        Json.MAPPER.writeValueAsString(
            Results.complete("b", Placement.BEFORE, ActivationKind.RELU, 1, 0.7));
    String c =
        Json.MAPPER.writeValueAsString(
            Results.complete("c", Placement.BEFORE, ActivationKind.RELU, 1, 0.6));
    // b's line cut short and run into the next write, as two interleaved writers would leave it
    Files.writeString(
        dir.resolve(ResultStore.RESULTS),
        a + "\n" + b.substring(0, 40) + "\n" + c + "\n",
        StandardCharsets.UTF_8);

    Resume before = Resume.of(PLAN, ResultStore.scan(dir).results(), false);
    ResultStore.moveDamaged(dir);
    Resume after = Resume.of(PLAN, ResultStore.read(dir), false);

    assertEquals(List.of(trial("b"), trial("d")), before.pending());
    assertEquals(before, after);
  }
}
