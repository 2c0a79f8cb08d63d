package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.cli.ExitCodes;
import io.bnsweep.store.ResultStore;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.trial.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes that fail after results exist, for real, through the launcher: a file-size limit ({@code
 * ulimit -f}: the kernel refuses to grow the ledger past it, always possible), a tiny tmpfs that
 * fills (where this process may mount one), and an output directory deleted during the sweep. Each
 * must end with exit code 3 and a message saying which results are kept, where, and how to resume.
 */
class WriteFailureTest {
  private static final int TRIALS = 6;
  private static final Map<String, String> ENV =
      Map.of("BNSWEEP_CDS", "0", "BNSWEEP_JAVA_OPTS", "-Xmx1g -XX:-UsePerfData");

  @TempDir Path work;

  @Test
  void aFileSizeLimitStopsTheSweepKeepingWhatWasWrittenAndTheRerunResumes() throws Exception {
    Path spec = sixTrials();
    Path out = work.resolve("out");
    Path log = work.resolve("ulimit.log");

    // 8 KiB per file: room for a few results (about 1.8 KB each), not for six
    Process run = shell(log, "ulimit -f 8 && exec \"$0\" \"$@\"", sweep(spec, out));
    assertTrue(run.waitFor(5, TimeUnit.MINUTES), "the sweep ended");
    String printed = Files.readString(log);

    assertEquals(ExitCodes.WRITE_FAILED, run.exitValue(), printed);
    long kept = ResultStore.latestPerTrial(ResultStore.read(out)).size();
    assertTrue(kept >= 1 && kept < TRIALS, "kept " + kept + ":\n" + printed);
    Path ledger = out.resolve(ResultStore.RESULTS);
    assertTrue(
        printed.contains("bnsweep: cannot keep results: " + ledger + ": cannot append trial ")
            && printed.contains("(java.io.IOException: File too large)"),
        printed);
    assertTrue(
        printed.contains(
            kept
                + " of "
                + TRIALS
                + " trials finished are kept in "
                + ledger
                + "; once the disk has room, run the same command again to resume"),
        printed);
    assertFalse(printed.contains("internal error") || printed.contains("bad input"), printed);

    Cli rerun = Cli.run("run", spec.toString(), "--master", "local[1]", "--out", out.toString());

    assertEquals(ExitCodes.OK, rerun.exitCode(), rerun.err());
    assertTrue(rerun.err().contains((TRIALS - kept) + " to run"), rerun.err());
    List<TrialResult> results = ResultStore.read(out);
    assertEquals(TRIALS, results.size(), "the torn line cut off, every trial once");
    assertEquals(TRIALS, results.stream().map(TrialResult::trialId).distinct().count());
  }

  @Test
  void aTmpfsThatFillsStopsTheSweepKeepingWhatWasWritten() throws Exception {
    Path spec = sixTrials();
    Path mount = Files.createDirectory(work.resolve("tmpfs"));
    Project.Output mounted =
        command("mount", "-t", "tmpfs", "-o", "size=20k,mode=0755", "tmpfs", mount.toString());
    Assumptions.assumeTrue(
        mounted.exitCode() == 0,
        "skipped: cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): " + mounted.err());
    try {
      Path out = mount.resolve("out");
      Path log = work.resolve("tmpfs.log");
      Process run = shell(log, "exec \"$0\" \"$@\"", sweep(spec, out));
      assertTrue(run.waitFor(5, TimeUnit.MINUTES), "the sweep ended");
      String printed = Files.readString(log);

      assertEquals(ExitCodes.WRITE_FAILED, run.exitValue(), printed);
      long kept = ResultStore.latestPerTrial(ResultStore.read(out)).size();
      assertTrue(kept >= 1 && kept < TRIALS, "kept " + kept + ":\n" + printed);
      assertTrue(printed.contains("No space left on device"), printed);
      assertTrue(
          printed.contains(
              kept
                  + " of "
                  + TRIALS
                  + " trials finished are kept in "
                  + out.resolve(ResultStore.RESULTS)
                  + "; once the disk has room, run the same command again to resume"),
          printed);
    } finally {
      Project.Output unmounted = command("umount", mount.toString());
      assertEquals(0, unmounted.exitCode(), unmounted.err());
    }
  }

  @Test
  void anOutputDirectoryDeletedDuringTheSweepIsNoticed() throws Exception {
    Path spec = sixTrials();
    Path out = work.resolve("deleted");
    Path log = work.resolve("deleted.log");

    Process run = shell(log, "exec \"$0\" \"$@\"", sweep(spec, out));
    Path ledger = out.resolve(ResultStore.RESULTS);
    Project.await(Duration.ofMinutes(3), "a first result", () -> Project.lines(ledger) >= 1);
    deleteRecursively(out);
    assertTrue(run.waitFor(5, TimeUnit.MINUTES), "the sweep ended");
    String printed = Files.readString(log);

    assertEquals(ExitCodes.WRITE_FAILED, run.exitValue(), printed);
    assertTrue(printed.contains(ledger + ": was removed or replaced while the sweep ran"), printed);
    assertTrue(
        printed.contains(ledger + " is gone, so no result of this sweep is kept there"), printed);
  }

  /** The launcher's arguments for a sweep of {@code spec} into {@code out} on local[1]. */
  private static List<String> sweep(Path spec, Path out) {
    return List.of(
        Project.ROOT.resolve("bnsweep").toString(),
        "run",
        spec.toString(),
        "--master",
        "local[1]",
        "--out",
        out.toString());
  }

  /** Runs {@code script} in bash with {@code args} as $0, $1..., output to {@code log}. */
  private static Process shell(Path log, String script, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of("bash", "-c", script));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(Project.ROOT.toFile());
    builder.environment().putAll(ENV);
    return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static Project.Output command(String... args) throws Exception {
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    String printed = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(1, TimeUnit.MINUTES), String.join(" ", args));
    return new Project.Output(p.exitValue(), printed, printed);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Six one-epoch trials (2 placements x 3 seeds) of a tiny network on synthetic data. */
  private Path sixTrials() throws IOException {
    Path data = SyntheticImages.writeDataset(work.resolve("data"), 300, 100, true);
    return Files.writeString(
        work.resolve("six.yaml"),
        """
        name: six
        dataset: %s
        epochs: 1
        batchSize: 20
        seeds: 3
        axes: {placement: [none, before], activation: [relu]}
        network: {channels: [4, 8]}
        """
            .formatted(data));
  }
}
