package io.bnsweep.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * In embedded mode, where Spark's executor is the sweep's own JVM, a trial that kills its JVM kills
 * the sweep, and nothing is left to record it. So a trial marks itself as running, beside the
 * ledger, before it starts: one file per trial in {@code OUTPUT/running/}, one line per start
 * ({@code started pid=P at=T}, and {@code isolated} for a JVM bnsweep started to run it alone), and
 * {@code died pid=P code=C} when bnsweep saw such a JVM die. The file is removed once the trial's
 * result is in the ledger.
 *
 * <p>Only one run uses an output directory at a time (its lock), so a line left by another process
 * when a run starts is a JVM that died while running that trial: {@link #deaths} reads them, and a
 * trial's lines that share a pid with other trials' lines are deaths it shared with them.
 */
final class RunningMarks {
  /** The directory in the output directory that holds the marks. */
  static final String DIR = "running";

  private final Path dir;

  private RunningMarks(Path dir) {
    this.dir = dir;
  }

  /** The marks of the output directory {@code output}. */
  static RunningMarks in(Path output) {
    return new RunningMarks(output.resolve(DIR));
  }

  /** The marks in directory {@code dir} itself (as a task carries it: a string). */
  static RunningMarks at(String dir) {
    return new RunningMarks(Path.of(dir));
  }

  /** The marks' directory. */
  Path dir() {
    return dir;
  }

  /**
   * Marks {@code trialId} as started in process {@code pid}; written and forced to disk before the
   * trial runs, so that a death a moment later still leaves it.
   *
   * @throws UncheckedIOException if it cannot be written
   */
  void started(String trialId, long pid, boolean isolated) {
    append(
        trialId,
        "started pid=" + pid + " at=" + Instant.now() + (isolated ? " isolated" : "") + "\n");
  }

  /**
   * Records that the JVM {@code pid}, which ran {@code trialId} alone, exited with {@code code}.
   */
  void died(String trialId, long pid, int code) {
    append(trialId, "died pid=" + pid + " code=" + code + "\n");
  }

  /** Removes {@code trialId}'s marks: its result is in the ledger. */
  void clear(String trialId) throws IOException {
    Files.deleteIfExists(dir.resolve(trialId));
  }

  private void append(String trialId, String line) {
    try {
      if (!Files.isDirectory(dir)) {
        // createDirectory, not createDirectories: an output directory removed during the sweep
        // stays removed (the ledger's next append says so)
        try {
          Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException another) {
          // a trial beside this one made it
        }
      }
      try (FileChannel out =
          FileChannel.open(
              dir.resolve(trialId),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        out.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot mark trial " + trialId + " as running in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The deaths the marks record, per trial: each pid other than {@code self} that started a trial
   * is a JVM that died while running it (a run that ends normally has removed its marks); deaths of
   * the sweep's own JVM are found, not seen, while a JVM bnsweep started to run a trial alone was
   * seen dying if its exit code is recorded.
   */
  static TrialDeaths deaths(Path output, long self, int limit) {
    TrialDeaths book = new TrialDeaths(limit);
    Path dir = output.resolve(DIR);
    if (!Files.isDirectory(dir)) {
      return book;
    }
    // pid -> trials started in it, and pid -> what was seen, over every trial's marks
    Map<String, Set<String>> trialsOf = new HashMap<>();
    Map<String, Boolean> isolated = new HashMap<>();
    Map<String, Integer> codes = new HashMap<>();
    Map<String, List<String>> startsOf = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String trialId = file.getFileName().toString();
        Map<String, Boolean> pids = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          Map<String, String> fields = fields(line);
          String pid = fields.get("pid");
          if (pid == null || !pid.matches("\\d+") || pid.equals(Long.toString(self))) {
            continue; // a torn line, or this run's own
          }
          if (line.startsWith("started ")) {
            pids.put(pid, line.endsWith(" isolated"));
            trialsOf.computeIfAbsent(pid, k -> new HashSet<>()).add(trialId);
            isolated.merge(pid, line.endsWith(" isolated"), Boolean::logicalOr);
          } else if (line.startsWith("died ") && fields.containsKey("code")) {
            try {
              codes.put(pid, Integer.parseInt(fields.get("code")));
            } catch (NumberFormatException torn) {
              // a torn line: the death stays, unseen
            }
          }
        }
        startsOf.put(trialId, List.copyOf(pids.keySet()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
    }
    for (Map.Entry<String, List<String>> entry : startsOf.entrySet()) {
      for (String pid : entry.getValue()) {
        Integer code = codes.get(pid);
        boolean alone = isolated.getOrDefault(pid, false);
        book.add(
            entry.getKey(),
            new TrialDeaths.Death(
                alone ? TrialDeaths.Death.Kind.ISOLATED : TrialDeaths.Death.Kind.SWEEP,
                pid,
                trialsOf.get(pid),
                code != null,
                code == null ? null : "exit code " + code));
      }
    }
    return book;
  }

  private static Map<String, String> fields(String line) {
    Map<String, String> fields = new HashMap<>();
    for (String word : line.trim().split(" ")) {
      int eq = word.indexOf('=');
      if (eq > 0) {
        fields.put(word.substring(0, eq), word.substring(eq + 1));
      }
    }
    return fields;
  }
}
