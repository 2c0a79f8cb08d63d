package io.bnsweep.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.bnsweep.trial.TrialResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A sweep's output directory.
 *
 * <p>{@code results.jsonl} is the ledger: each finished trial is appended as one line with a single
 * write, then forced to disk, so a crash loses no finished trial and leaves at most one torn last
 * line, which reading skips and appending cuts off. Derived files ({@code results.csv}, {@code
 * summary.md}, {@code report.html}) are written to a temporary file and moved into place; {@code
 * results.parquet} (a directory) to a temporary directory swapped in ({@link ParquetExport}).
 *
 * <p>Not thread-safe: one driver thread appends.
 */
public final class ResultStore implements ResultSink, AutoCloseable {
  public static final String RESULTS = "results.jsonl";
  public static final String CSV = "results.csv";
  public static final String SUMMARY = "summary.md";
  public static final String HTML = "report.html";
  public static final String PARQUET = "results.parquet";
  public static final String RECORD = "sweep.json";

  /** Everything a restart moves aside; other files in the directory are left alone. */
  private static final List<String> DERIVED_AND_LEDGER =
      List.of(
          RESULTS,
          CSV,
          SUMMARY,
          "report.html",
          "results.parquet",
          RECORD,
          "best.json",
          // a restart starts every trial over: no trial may continue from an old checkpoint
          "checkpoints");

  private final Path dir;
  private final Path file;
  private final FileChannel ledger;

  /** The ledger's identity (device and inode) when opened; null where the file system has none. */
  private final Object fileKey;

  private ResultStore(Path dir, FileChannel ledger, Object fileKey) {
    this.dir = dir;
    this.file = dir.resolve(RESULTS);
    this.ledger = ledger;
    this.fileKey = fileKey;
  }

  /**
   * Checks, without creating anything, that {@code dir} can become an output directory.
   *
   * @throws StoreException naming the path and what is wrong
   */
  public static void checkUsable(Path dir) {
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new StoreException("output " + dir + ": no existing parent directory");
    }
    if (!Files.isDirectory(existing)) {
      throw new StoreException("output " + dir + ": " + existing + " is a file, not a directory");
    }
    if (!Files.isWritable(existing) || !canCreateFileIn(existing)) {
      throw new StoreException("output " + dir + ": " + existing + " is not writable");
    }
    Path ledger = dir.resolve(RESULTS);
    if (Files.exists(ledger) && !Files.isWritable(ledger)) {
      throw new StoreException("output " + dir + ": " + ledger + " is not writable");
    }
  }

  /** True if a file can really be created in {@code dir} (root passes permission checks). */
  private static boolean canCreateFileIn(Path dir) {
    try {
      Files.delete(Files.createTempFile(dir, ".bnsweep-probe", ".tmp"));
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** Opens (creating if needed) {@code dir} for appending results. */
  public static ResultStore open(Path dir) {
    return open(dir, UnaryOperator.identity());
  }

  /** As {@link #open(Path)}, writing through {@code wrap} of the ledger's channel (for tests). */
  static ResultStore open(Path dir, UnaryOperator<FileChannel> wrap) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(RESULTS);
      FileChannel channel =
          wrap.apply(
              FileChannel.open(
                  file,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.READ,
                  StandardOpenOption.WRITE));
      cutTornTail(channel);
      channel.position(channel.size());
      return new ResultStore(
          dir, channel, Files.readAttributes(file, BasicFileAttributes.class).fileKey());
    } catch (AccessDeniedException e) {
      throw new StoreException("output " + dir + ": permission denied (" + e.getFile() + ")", e);
    } catch (IOException e) {
      throw new StoreException("output " + dir + ": cannot open (" + e + ")", e);
    }
  }

  /** Keeps {@code result} by {@link #append}ing it. */
  @Override
  public void keep(TrialResult result) {
    append(result);
  }

  /**
   * Appends {@code result} to the ledger and forces it to disk, having checked before and after
   * that the ledger is still the file this store opened: on Linux a write to a deleted file
   * succeeds, so a removed output directory would otherwise swallow every later result unnoticed.
   *
   * @throws LedgerWriteException if the write fails (a full disk, a file-size limit) or the ledger
   *     is no longer in place; the results appended before it stay in the ledger
   */
  public void append(TrialResult result) {
    byte[] line;
    try {
      line = (Json.MAPPER.writeValueAsString(result) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a result as JSON: " + e, e);
    }
    requireInPlace("before");
    try {
      ByteBuffer buf = ByteBuffer.wrap(line);
      while (buf.hasRemaining()) {
        ledger.write(buf);
      }
      ledger.force(false);
    } catch (IOException e) {
      throw new LedgerWriteException(
          file, "cannot append trial " + result.trialId() + "'s result (" + e + ")", e);
    }
    requireInPlace("after");
  }

  /** Fails unless the ledger's path still names the file this store writes to. */
  private void requireInPlace(String when) {
    Object now;
    try {
      now = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException e) {
      now = null;
    } catch (IOException e) {
      throw new LedgerWriteException(file, "cannot check that it is in place (" + e + ")", e);
    }
    if (now == null ? fileKey != null || !Files.exists(file) : !now.equals(fileKey)) {
      throw new LedgerWriteException(
          file,
          "was removed or replaced while the sweep ran (was the output directory deleted or"
              + " moved?), found "
              + when
              + " appending a result",
          null);
    }
  }

  /** Writes {@code text} to {@code file} through a temporary file moved into place. */
  public static void writeAtomically(Path file, String text) {
    // a name of its own: another process writing the same file must not share or delete it
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw new StoreException(file + ": cannot write (" + e + ")", e);
    }
  }

  /**
   * Every result in {@code dir}'s ledger, in the order written; an empty list if there is none.
   *
   * @throws StoreException if a line other than a torn last one is not a result
   */
  public static List<TrialResult> read(Path dir) {
    Path file = dir.resolve(RESULTS);
    if (!Files.exists(file)) {
      return List.of();
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException(file + ": cannot read (" + e + ")", e);
    }
    List<TrialResult> results = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    // the last element is "" after a final newline, or a torn line cut short by a crash
    for (int i = 0; i < lines.length - 1; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        results.add(Json.MAPPER.readValue(lines[i], TrialResult.class));
      } catch (JsonProcessingException e) {
        throw new StoreException(
            file + ": line " + (i + 1) + " is not a trial result (" + e.getOriginalMessage() + ")");
      }
    }
    return results;
  }

  /**
   * Moves the ledger and the files derived from it into a new {@code previous-<time>} subdirectory
   * of {@code dir}, so a restart starts empty without deleting anything.
   *
   * @return the subdirectory, or {@code null} if there was nothing to move
   */
  public static Path moveAside(Path dir) {
    if (!Files.exists(dir.resolve(RESULTS))) {
      return null;
    }
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .format(LocalDateTime.now(ZoneOffset.UTC));
    try {
      Path aside = freshDirectory(dir, "previous-" + stamp);
      for (String name : DERIVED_AND_LEDGER) {
        if (Files.exists(dir.resolve(name))) {
          Files.move(dir.resolve(name), aside.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        }
      }
      return aside;
    } catch (IOException e) {
      throw new StoreException("output " + dir + ": cannot move old results aside (" + e + ")", e);
    }
  }

  /**
   * Creates {@code dir/name}, or {@code dir/name-2}, {@code -3}... if it exists: two restarts in
   * the same second must not move their files onto each other's.
   */
  static Path freshDirectory(Path dir, String name) throws IOException {
    for (int n = 1; ; n++) {
      Path candidate = dir.resolve(n == 1 ? name : name + "-" + n);
      try {
        return Files.createDirectory(candidate);
      } catch (FileAlreadyExistsException taken) {
        // try the next suffix
      }
    }
  }

  /** The last result written for each trial id, in the order the ids first appear. */
  public static List<TrialResult> latestPerTrial(List<TrialResult> results) {
    Map<String, TrialResult> latest = new LinkedHashMap<>();
    results.forEach(r -> latest.put(r.trialId(), r));
    return List.copyOf(latest.values());
  }

  private static void cutTornTail(FileChannel channel) throws IOException {
    long size = channel.size();
    long keep = size;
    ByteBuffer one = ByteBuffer.allocate(1);
    while (keep > 0) {
      one.clear();
      channel.read(one, keep - 1);
      if (one.get(0) == '\n') {
        break;
      }
      keep--;
    }
    if (keep < size) {
      channel.truncate(keep);
    }
  }

  @Override
  public void close() {
    try {
      ledger.close();
    } catch (IOException e) {
      throw new StoreException(dir.resolve(RESULTS) + ": cannot close (" + e + ")", e);
    }
  }
}
