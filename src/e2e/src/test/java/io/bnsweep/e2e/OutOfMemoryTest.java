package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.cli.ExitCodes;
import io.bnsweep.store.ResultStore;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.trial.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trial whose network cannot fit under the real off-heap cap, then one that fits, in one driver
 * JVM started by the launcher with a small JavaCPP limit ({@code maxphysicalbytes}: the one that
 * ND4J M2's arrays trip; see the README): the first is FAILED with a reason naming the limit and
 * the setting, Spark does not retry it, and the second trial completes in the same JVM afterwards.
 */
class OutOfMemoryTest {
  @TempDir Path work;

  @Test
  void aTrialOverTheOffHeapCapFailsWithTheLimitAndTheNextOneCompletes() throws Exception {
    Path data = SyntheticImages.writeDataset(work.resolve("data"), 600, 100, true);
    Path spec =
        Files.writeString(
            work.resolve("oom.yaml"),
            """
            name: oom
            dataset: %s
            trainSize: 512
            testSize: 100
            epochs: 1
            batchSize: 256
            seeds: 1
            axes:
              placement: [before]
              activation: [relu]
              network.channels: [[2048, 2048], [4, 8]]
            """
                .formatted(data));
    Path out = work.resolve("out");
    Path log = work.resolve("oom.log");
    List<Path> dumpsBefore = crashDumps();

    // local[1]: one trial at a time, the big one first (grid order), so the small one runs in
    // the same JVM after the failure; a 512 MiB heap and a 1500 MiB cap on the whole process
    Process run =
        Project.start(
            Map.of(
                "BNSWEEP_CDS",
                "0",
                "BNSWEEP_JAVA_OPTS",
                "-Xmx512m -Dorg.bytedeco.javacpp.maxphysicalbytes=1500m"),
            log,
            "bnsweep",
            "run",
            spec.toString(),
            "--master",
            "local[1]",
            "--out",
            out.toString());
    assertTrue(run.waitFor(10, TimeUnit.MINUTES), "the sweep ended");
    String printed = Files.readString(log);

    assertEquals(ExitCodes.TRIALS_FAILED, run.exitValue(), printed);
    List<TrialResult> results = ResultStore.read(out);
    assertEquals(2, results.size(), printed);
    TrialResult big = results.get(0);
    TrialResult small = results.get(1);
    assertEquals("channels=[2048, 2048]", big.variant().label(List.of("network.channels")));
    assertEquals(TrialState.FAILED, big.state());
    String first = big.failureReason().lines().findFirst().orElseThrow();
    assertTrue(
        first.startsWith("out of memory: this JVM's resident memory")
            && first.contains("passed JavaCPP's limit of 1500M")
            && first.contains("-Dorg.bytedeco.javacpp.maxphysicalbytes=SIZE"),
        big.failureReason());
    assertTrue(
        big.failureReason().contains("Caused by: java.lang.OutOfMemoryError"), big.failureReason());
    assertEquals(TrialState.COMPLETE, small.state(), small.failureReason());
    assertFalse(printed.contains("Lost task"), "Spark retried no task:\n" + printed);
    assertTrue(printed.contains("channels=[2048, 2048] seed 1 FAILED: out of memory"), printed);
    assertEquals(dumpsBefore, crashDumps(), "DL4J's crash dump files are off");
  }

  /** DL4J's out-of-memory dump files in the directory the launcher runs in. */
  private static List<Path> crashDumps() throws Exception {
    try (Stream<Path> files = Files.list(Project.ROOT)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("dl4j-memory-crash-dump"))
          .sorted()
          .toList();
    }
  }
}
