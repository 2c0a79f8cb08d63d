package io.bnsweep.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The project's own scripts ({@code cluster}, {@code bnsweep}), run as a user would. */
final class Project {
  static final Path ROOT =
      Path.of(System.getProperty("bnsweep.root", "../..")).toAbsolutePath().normalize();

  private Project() {}

  /** Starts {@code ROOT/script args...} with {@code env} added, output to {@code log}. */
  static Process start(Map<String, String> env, Path log, String script, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve(script).toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
    builder.environment().putAll(env);
    return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Waits up to {@code timeout} for {@code condition}, polling. */
  static void await(Duration timeout, String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(200);
    }
  }

  /**
   * Kills a started launcher's JVM (and the launcher) with SIGKILL, as a pre-emption would, and
   * waits until every process of it is gone.
   */
  static void kill9(Process launcher) throws InterruptedException {
    List<ProcessHandle> descendants = launcher.descendants().toList();
    descendants.forEach(ProcessHandle::destroyForcibly);
    launcher.destroyForcibly();
    if (!launcher.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the launcher outlived SIGKILL for 30 s");
    }
    for (ProcessHandle h : descendants) {
      h.onExit().join();
    }
  }

  /** Lines in {@code file} now, or 0 if it does not exist yet. */
  static long lines(Path file) {
    try {
      return java.nio.file.Files.exists(file) ? java.nio.file.Files.readAllLines(file).size() : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** What a finished script printed. */
  record Output(int exitCode, String out, String err) {}

  /**
   * {@code ./cluster submit run SPEC --out OUT}: a sweep submitted to the test's standalone cluster
   * with spark-submit, failing after {@code timeout}.
   */
  static Output submitRun(Map<String, String> env, Duration timeout, Path spec, Path out)
      throws IOException, InterruptedException {
    return run(env, timeout, "cluster", "submit", "run", spec.toString(), "--out", out.toString());
  }

  /** Runs {@code ROOT/script args...} with {@code env} added, failing after {@code timeout}. */
  static Output run(Map<String, String> env, Duration timeout, String script, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve(script).toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
    builder.environment().putAll(env);
    Path out = java.nio.file.Files.createTempFile("bnsweep-out", ".txt");
    Path err = java.nio.file.Files.createTempFile("bnsweep-err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new IllegalStateException(script + " " + String.join(" ", args) + " timed out");
    }
    return new Output(
        process.exitValue(),
        java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
        java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
  }
}
