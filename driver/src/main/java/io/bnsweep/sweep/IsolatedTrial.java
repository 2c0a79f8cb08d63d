package io.bnsweep.sweep;

import io.bnsweep.data.DatasetKey;
import io.bnsweep.store.Json;
import io.bnsweep.trial.NativeBackend;
import io.bnsweep.trial.Segment;
import io.bnsweep.trial.TrialResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Runs one trial alone in a JVM of its own, started by the sweep's JVM: how embedded mode reruns a
 * trial that was running when the sweep's JVM died. If the trial takes this JVM down again, the
 * sweep sees the exit code and lives on; if it completes (or fails for its own reasons), its result
 * is the trial's.
 *
 * <p>The JVM is the sweep's own command again (its {@code java}, options and class path, so a
 * plugin's jar is there too), without the options that belong to the sweep's JVM alone (recording a
 * class-data archive, a debugger's port); its output goes to the sweep's log. It runs the segment
 * as a task would ({@link RunTrial#run}), reads the dataset itself, writes the result as JSON to a
 * file it then renames into place, and halts if the sweep's JVM goes away first.
 */
public final class IsolatedTrial {
  /** The exit code of a JVM whose sweep went away before its trial ended. */
  static final int ORPHANED = 3;

  /**
   * What the isolated JVM runs, as JSON.
   *
   * @param segment the trial's segment
   * @param threads native threads
   * @param dataset the dataset, read directly (a URI is copied to a local directory first)
   * @param timeLimitMillis the trial's time limit, or {@code null} for none
   * @param checkpoints where its checkpoints are, or {@code null} for nowhere
   * @param cadenceMillis the least time between two checkpoints
   */
  public record Request(
      Segment segment,
      int threads,
      DatasetKey dataset,
      Long timeLimitMillis,
      String checkpoints,
      long cadenceMillis) {}

  /**
   * How the isolated JVM ended.
   *
   * @param pid its process id
   * @param exitCode its exit code
   * @param result the trial's result, or empty if the JVM died without one
   */
  public record Outcome(long pid, int exitCode, Optional<TrialResult> result) {}

  private IsolatedTrial() {}

  /**
   * Runs {@code request} in a new JVM and waits for it; {@code started} is told its pid as soon as
   * it runs (before the trial can do anything). Its output goes to {@code log}.
   *
   * @throws IOException if the JVM cannot be started or its files (in the temporary directory,
   *     removed again) not written
   */
  static Outcome run(Request request, PrintWriter log, LongConsumer started)
      throws IOException, InterruptedException {
    Path requestFile = Files.createTempFile("bnsweep-isolated-", ".json");
    Path resultFile = requestFile.resolveSibling(requestFile.getFileName() + ".result");
    Path partial = resultFile.resolveSibling(resultFile.getFileName() + ".partial");
    try {
      Files.write(requestFile, Json.MAPPER.writeValueAsBytes(request));
      List<String> command = new ArrayList<>(javaCommand());
      command.add(IsolatedTrial.class.getName());
      command.add(requestFile.toString());
      command.add(resultFile.toString());
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      started.accept(process.pid());
      Thread copy = new Thread(() -> copy(process, log), "bnsweep-isolated-output");
      copy.setDaemon(true);
      copy.start();
      int code;
      try {
        code = process.waitFor();
      } catch (InterruptedException e) {
        process.destroyForcibly();
        throw e;
      }
      copy.join(Duration.ofSeconds(5).toMillis());
      Optional<TrialResult> result =
          code == 0 && Files.exists(resultFile)
              ? Optional.of(Json.MAPPER.readValue(resultFile.toFile(), TrialResult.class))
              : Optional.empty();
      return new Outcome(process.pid(), code, result);
    } finally {
      Files.deleteIfExists(requestFile);
      Files.deleteIfExists(resultFile);
      Files.deleteIfExists(partial);
    }
  }

  private static void copy(Process process, PrintWriter log) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (log) {
          log.println(line);
          log.flush();
        }
      }
    } catch (IOException e) {
      // the JVM is gone; what it printed so far was copied
    }
  }

  /**
   * This JVM's command line up to its main class: its {@code java}, its options but those that are
   * this JVM's alone, and its class path.
   */
  static List<String> javaCommand() {
    List<String> command = new ArrayList<>();
    command.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!option.startsWith("-XX:ArchiveClassesAtExit")
          && !option.startsWith("-Dbnsweep.launcher.")
          && !option.startsWith("-agentlib:jdwp")
          && !option.startsWith("-Xrunjdwp")) {
        command.add(option);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    return command;
  }

  /**
   * The isolated JVM: {@code IsolatedTrial REQUEST RESULT}. Exits 0 once the result is in place;
   * anything else (a trial that kills the JVM) leaves no result. The trial runs on a thread of its
   * own, as on an executor; an exception of bnsweep's own (the trial's are in its result) becomes a
   * FAILED result, so that it is never taken for a death.
   */
  public static void main(String[] args) throws Exception {
    ProcessHandle.current()
        .parent()
        .ifPresent(sweep -> sweep.onExit().thenRun(() -> Runtime.getRuntime().halt(ORPHANED)));
    NativeBackend.select();
    Request request = Json.MAPPER.readValue(Path.of(args[0]).toFile(), Request.class);
    TrialResult[] result = new TrialResult[1];
    Thread trial =
        new Thread(
            () -> {
              try {
                result[0] = run(request);
              } catch (RuntimeException e) {
                result[0] = failed(request.segment(), e);
              }
            },
            "bnsweep-isolated-trial");
    trial.start();
    trial.join();
    Path out = Path.of(args[1]);
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    Files.write(partial, Json.MAPPER.writeValueAsBytes(result[0]));
    Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
    System.out.flush();
    System.exit(0);
  }

  private static TrialResult run(Request request) {
    return RunTrial.run(
        request.segment(),
        () -> DatasetShipping.loadOnDriver(request.dataset()),
        request.threads(),
        request.timeLimitMillis() == null ? null : Duration.ofMillis(request.timeLimitMillis()),
        request.checkpoints() == null ? null : new CheckpointLocation(request.checkpoints()),
        Duration.ofMillis(request.cadenceMillis()));
  }

  private static TrialResult failed(Segment segment, RuntimeException e) {
    return new TrialResult(
        segment.trial().id(),
        segment.trial().variant(),
        segment.trial().seed(),
        io.bnsweep.trial.TrialState.FAILED,
        "the JVM running it alone could not run it: " + e,
        null,
        null,
        List.of(),
        0,
        0,
        List.of(),
        null,
        null,
        null,
        io.bnsweep.trial.Failure.of(e));
  }
}
