package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.cli.ExitCodes;
import io.bnsweep.store.ResultStore;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.trial.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster (a Master and two Workers of one core each, started by the
 * project's {@code cluster} script from Maven jars), a sweep submitted to it through Spark's own
 * {@code SparkSubmit} with the built {@code bnsweep.jar}, and the same sweep on {@code local[2]}:
 * the tables must be equal and the cluster must leave no process behind.
 */
class StandaloneClusterTest {
  @TempDir static Path work;
  static Map<String, String> env;
  static String master;

  @BeforeAll
  static void startCluster() throws Exception {
    env = Map.of("BNSWEEP_CLUSTER_DIR", work.resolve("cluster").toString());
    Project.Output start =
        Project.run(env, Duration.ofMinutes(3), "cluster", "start", "--workers", "2");
    assertEquals(0, start.exitCode(), start.err());
    master = start.out().trim();
    assertTrue(master.startsWith("spark://127.0.0.1:"), master);
  }

  @AfterAll
  static void stopClusterAndCheckNothingIsLeft() throws Exception {
    Project.Output stop = Project.run(env, Duration.ofMinutes(1), "cluster", "stop");
    assertEquals(0, stop.exitCode(), stop.err());
    String clusterDir = work.resolve("cluster").toString();
    List<String> left =
        ProcessHandle.allProcesses()
            .filter(p -> p.isAlive())
            .map(p -> p.info().commandLine().orElse(""))
            .filter(cmd -> cmd.contains(clusterDir))
            .toList();
    assertEquals(List.of(), left, "processes left behind by the cluster");
  }

  @Test
  void submittedSweepRunsOnBothExecutorsAndMatchesTheLocalRun() throws Exception {
    Path spec =
        Files.writeString(
            work.resolve("cluster.yaml"),
            """
            name: cluster
            dataset: fashion-mnist
            trainSize: 500
            testSize: 500
            epochs: 1
            batchSize: 32
            seeds: 2
            axes:
              placement: [none, before]
              activation: [relu, tanh]
            """);
    Path clusterOut = work.resolve("cluster-out");
    Path localOut = work.resolve("local-out");

    Project.Output submitted = Project.submitRun(env, Duration.ofMinutes(10), spec, clusterOut);
    Cli local =
        Cli.run("run", spec.toString(), "--master", "local[2]", "--out", localOut.toString());

    assertEquals(ExitCodes.OK, submitted.exitCode(), submitted.err());
    assertEquals(ExitCodes.OK, local.exitCode(), local.err());
    List<TrialResult> results = ResultStore.read(clusterOut);
    assertEquals(8, results.size());
    Set<String> executors =
        results.stream().map(r -> r.provenance().executorId()).collect(Collectors.toSet());
    assertEquals(Set.of("0", "1"), executors, "trials ran on both executors");
    assertEquals(
        table(localOut), table(clusterOut), "cluster and local[2] tables with the same seeds");
    assertTrue(submitted.out().contains("| placement | relu | tanh |"), submitted.out());
  }

  @Test
  void aDatasetGivenAsUriIsShippedToTheExecutors() throws Exception {
    Path data = SyntheticImages.writeDataset(work.resolve("data"), 200, 100, false);
    Path spec =
        Files.writeString(
            work.resolve("shipped.yaml"),
            """
            name: shipped
            dataset: %s
            epochs: 1
            batchSize: 20
            seeds: 2
            axes: {placement: [before], activation: [relu]}
            network: {channels: [4, 8]}
            """
                .formatted(data.toUri()));
    Path out = work.resolve("shipped-out");

    Project.Output submitted = Project.submitRun(env, Duration.ofMinutes(5), spec, out);

    assertEquals(ExitCodes.OK, submitted.exitCode(), submitted.err());
    List<TrialResult> results = ResultStore.read(out);
    assertEquals(2, results.size());
    assertTrue(results.stream().allMatch(TrialResult::isComplete), submitted.err());
  }

  /**
   * An executor of the cluster in {@code clusterDir} that is running a task now: the one whose
   * process used at least half a core over half a second (a trial keeps its core busy; an idle
   * executor uses next to none), polled until there is one.
   */
  private static ProcessHandle busyExecutor(String clusterDir) throws Exception {
    ProcessHandle[] found = new ProcessHandle[1];
    Project.await(
        Duration.ofMinutes(2),
        "an executor running a task",
        () -> {
          List<ProcessHandle> executors =
              ProcessHandle.allProcesses()
                  .filter(
                      p ->
                          p.info()
                              .commandLine()
                              .orElse("")
                              .contains("CoarseGrainedExecutorBackend"))
                  .filter(p -> p.info().commandLine().orElse("").contains(clusterDir))
                  .toList();
          try {
            long[] before = executors.stream().mapToLong(p -> cpuTicks(p.pid())).toArray();
            Thread.sleep(500);
            for (int i = 0; i < executors.size(); i++) {
              // ticks are 1/100 s: 25 in half a second is half a core
              if (cpuTicks(executors.get(i).pid()) - before[i] >= 25) {
                found[0] = executors.get(i);
                return true;
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return false;
        });
    return found[0];
  }

  /** The user and system CPU time of process {@code pid} so far, in clock ticks (0 if gone). */
  private static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after the command: state is field 3 of stat(5), so utime (14) and stime (15) are at 11, 12
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  @Test
  void aSweepSurvivesAnExecutorKilledWithKillNine() throws Exception {
    Path spec =
        Files.writeString(
            work.resolve("executor-kill.yaml"),
            """
            name: executor-kill
            dataset: fashion-mnist
            trainSize: 1500
            testSize: 500
            epochs: 1
            batchSize: 32
            seeds: 2
            axes:
              placement: [none, before]
              activation: [relu, tanh]
            """);
    Path out = work.resolve("executor-kill-out");
    Path ledger = out.resolve(ResultStore.RESULTS);
    String clusterDir = work.resolve("cluster").toString();

    Process submit =
        Project.start(
            env,
            work.resolve("executor-kill.log"),
            "cluster",
            "submit",
            "run",
            spec.toString(),
            "--out",
            out.toString());
    Project.await(Duration.ofMinutes(3), "a first result", () -> Project.lines(ledger) >= 1);
    // an executor in the middle of a trial (two identical first trials may end together, and an
    // executor between tasks would lose none)
    ProcessHandle executor = busyExecutor(clusterDir);
    Matcher id =
        Pattern.compile("--executor-id (\\S+)").matcher(executor.info().commandLine().orElse(""));
    assertTrue(id.find(), executor.info().toString());
    assertTrue(executor.destroyForcibly(), "kill -9 the executor");
    assertTrue(submit.waitFor(10, java.util.concurrent.TimeUnit.MINUTES), "sweep finished");

    String log = Files.readString(work.resolve("executor-kill.log"));
    assertEquals(ExitCodes.OK, submit.exitValue(), log);
    assertTrue(log.contains("Lost executor " + id.group(1)), "Spark saw it die:\n" + log);
    // the killed executor was running a task (attempt 0), which Spark counted as lost; as the job
    // succeeded with every trial's result, a later attempt of that task ran it again
    assertTrue(
        Pattern.compile(
                "Lost task \\d+\\.0 in stage [\\d.]+ \\(TID \\d+\\) \\(\\S+ executor "
                    + Pattern.quote(id.group(1))
                    + "\\): ExecutorLostFailure")
            .matcher(log)
            .find(),
        "the killed executor's running task was lost and rerun:\n" + log);
    List<TrialResult> results = ResultStore.read(out);
    assertEquals(8, results.size(), "every trial exactly once");
    assertEquals(8, results.stream().map(TrialResult::trialId).distinct().count());
    assertTrue(results.stream().allMatch(TrialResult::isComplete));
  }

  /**
   * A trial whose network halts its executor's JVM ({@link HaltingFamily}, in a plugin jar given
   * with {@code --jars}): Spark reruns its task on another executor, which it kills too; at the
   * second death (the default {@code trialDeaths: 2}) bnsweep cancels the job, records the trial
   * FAILED with what Spark reported, and runs the job's other trials as a new job. The sweep ends
   * with exit code 1, every other trial COMPLETE, each trial once in the ledger.
   */
  @Test
  void aTrialThatKillsItsExecutorTwiceIsFailedAndTheRestOfTheSweepCompletes() throws Exception {
    Path data = SyntheticImages.writeDataset(work.resolve("poison-data"), 400, 100, false);
    Path jar =
        PluginJar.write(work.resolve("halting.jar"), HaltingFamily.class, HaltActivation.class);
    Path spec =
        Files.writeString(
            work.resolve("poison.yaml"), PoisonTrialTest.spec("poison", data.toString()));
    Path out = work.resolve("poison-out");

    Project.Output submitted =
        Project.run(
            env,
            Duration.ofMinutes(10),
            "cluster",
            "submit",
            "--jars",
            jar.toString(),
            "run",
            spec.toString(),
            "--out",
            out.toString());

    assertEquals(ExitCodes.TRIALS_FAILED, submitted.exitCode(), submitted.err());
    List<com.fasterxml.jackson.databind.JsonNode> ledger = PoisonTrialTest.ledger(out);
    assertEquals(4, ledger.size(), "each trial once: " + ledger);
    assertEquals(4, ledger.stream().map(l -> l.get("trialId").asText()).distinct().count());
    for (com.fasterxml.jackson.databind.JsonNode line : ledger) {
      boolean halts = line.get("variant").get("placement").asText().equals("before");
      assertEquals(halts ? "FAILED" : "COMPLETE", line.get("state").asText(), line.toString());
      if (halts) {
        String reason = line.get("failureReason").asText();
        assertTrue(
            reason.startsWith(
                "its executor exited with code 42 twice: System.exit or Runtime.halt in the"
                    + " trial's code"),
            reason);
        assertTrue(reason.contains("running it alone"), reason);
        assertEquals("deterministic", line.get("failure").get("kind").asText());
        assertEquals(2, line.get("failure").get("attempts").asInt());
        System.out.println("cluster verdict: " + reason);
      }
    }
    // Spark saw the two executors die, and bnsweep stopped its retries there
    assertEquals(
        2,
        Pattern.compile("Lost executor \\d+").matcher(submitted.err()).results().count(),
        submitted.err());
    assertTrue(submitted.err().contains("(its death 2; trialDeaths: 2)"), submitted.err());
  }

  @Test
  void anImageFolderIsPackedIntoOneFileShippedToTheExecutorsAndSweepsAsLocally() throws Exception {
    io.bnsweep.data.Dataset synthetic = SyntheticImages.dataset(200, 100);
    Path folder = work.resolve("folder");
    io.bnsweep.testing.ImageFolders.write(synthetic.train(), folder.resolve("train"), "png");
    io.bnsweep.testing.ImageFolders.write(synthetic.test(), folder.resolve("test"), "png");
    String body =
        """
        epochs: 1
        batchSize: 20
        seeds: 2
        axes: {placement: [none, before], activation: [relu]}
        network: {channels: [4, 8]}
        """;
    // given as a URI, the folder is always shipped: packed on the driver into one file
    Path shipped =
        Files.writeString(
            work.resolve("folder-cluster.yaml"),
            "name: folder\ndataset: " + folder.toUri() + "\n" + body);
    Path local =
        Files.writeString(
            work.resolve("folder-local.yaml"), "name: folder\ndataset: " + folder + "\n" + body);
    Path clusterOut = work.resolve("folder-cluster-out");
    Path localOut = work.resolve("folder-local-out");

    Project.Output submitted = Project.submitRun(env, Duration.ofMinutes(5), shipped, clusterOut);
    Cli run =
        Cli.run("run", local.toString(), "--master", "local[2]", "--out", localOut.toString());

    assertEquals(ExitCodes.OK, submitted.exitCode(), submitted.err());
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertTrue(
        Pattern.compile("dataset '\\S+' \\(folder, 300 files\\) packed into one file of")
            .matcher(submitted.err())
            .find(),
        submitted.err());
    List<TrialResult> results = ResultStore.read(clusterOut);
    assertEquals(4, results.size());
    assertTrue(results.stream().allMatch(TrialResult::isComplete), submitted.err());
    assertEquals(
        table(localOut), table(clusterOut), "the shipped folder and the local one, same tables");
  }

  /**
   * The summary's accuracy tables: everything from the first table up to the diagnostics, which
   * hold latencies that differ from run to run.
   */
  private static String table(Path dir) throws IOException {
    String summary = Files.readString(dir.resolve(ResultStore.SUMMARY));
    int from = summary.indexOf("## Test accuracy (%)");
    int to = summary.indexOf("## Diagnostics");
    assertTrue(from >= 0 && to > from, summary);
    return summary.substring(from, to);
  }
}
