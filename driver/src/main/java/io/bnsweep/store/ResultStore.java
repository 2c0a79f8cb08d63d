package io.bnsweep.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.bnsweep.trial.TrialResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
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
 * line, which reading skips and appending cuts off. A line damaged otherwise (see {@link #scan}) is
 * skipped by reading and moved to {@link #DAMAGED} by {@link #moveDamaged}. Derived files ({@code
 * results.csv}, {@code summary.md}, {@code report.html}) are written to a temporary file and moved
 * into place; {@code results.parquet} (a directory) to a temporary directory swapped in ({@link
 * ParquetExport}).
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

  /** Where a run moves the ledger's damaged lines ({@link #moveDamaged}). */
  public static final String DAMAGED = "results.damaged.jsonl";

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
          // its line numbers are the old ledger's
          DAMAGED,
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
   * Damaged lines (see {@link #scan}) are skipped.
   *
   * @throws StoreException if the ledger cannot be read
   */
  public static List<TrialResult> read(Path dir) {
    return scan(dir).results();
  }

  /**
   * Reads {@code dir}'s ledger: its results in the order written, and its damaged lines.
   *
   * <p>A line is one ended by a newline; what follows the last newline is a torn last line (a write
   * cut short by a crash), which is skipped here and cut off by the next {@link #open}. Blank lines
   * are skipped. Any other line is <b>damaged</b> if it is not UTF-8 text, not one JSON value (a
   * syntax error, or anything after the value), or a JSON value that is not a trial result: not an
   * object of the result's fields and types, or one without a {@code trialId}, {@code state} or
   * {@code variant}.
   *
   * @throws StoreException if the ledger cannot be read
   */
  public static Ledger scan(Path dir) {
    Path file = dir.resolve(RESULTS);
    if (!Files.exists(file)) {
      return new Ledger(List.of(), List.of());
    }
    Parsed parsed = parse(readBytes(file));
    return new Ledger(parsed.results(), parsed.damaged().stream().map(Damage::line).toList());
  }

  /**
   * Moves the damaged lines of {@code dir}'s ledger (see {@link #scan}) to {@link #DAMAGED} and
   * rewrites the ledger without them, for a run that holds the output directory's lock, before the
   * ledger is opened for appending. The damaged lines are appended to {@link #DAMAGED} first (one
   * JSON object per line: {@code line}, its number in the ledger as it was, from 1; {@code
   * movedAt}; {@code reason}; {@code text}, the line as UTF-8, and {@code base64}, its raw bytes,
   * when it is not valid UTF-8), forced to disk; then the ledger's other lines, unchanged and in
   * order (a torn last line too, which {@link #open} cuts as before), are written to a temporary
   * file moved over the ledger atomically. A crash between the two leaves the lines in both files;
   * the next run moves them again, and nothing is lost.
   *
   * @return the lines moved, or an empty list if there were none
   * @throws StoreException if a file cannot be read or written; the ledger is then unchanged
   */
  public static List<DamagedLine> moveDamaged(Path dir) {
    Path file = dir.resolve(RESULTS);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    byte[] bytes = readBytes(file);
    Parsed parsed = parse(bytes);
    if (parsed.damaged().isEmpty()) {
      return List.of();
    }
    Path damagedFile = dir.resolve(DAMAGED);
    String movedAt = Instant.now().toString();
    java.io.ByteArrayOutputStream entries = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
    int from = 0;
    for (Damage d : parsed.damaged()) {
      byte[] raw = Arrays.copyOfRange(bytes, d.start(), d.end());
      boolean utf8 = isUtf8(raw);
      DamagedEntry entry =
          new DamagedEntry(
              d.line().number(),
              movedAt,
              d.line().reason(),
              new String(raw, StandardCharsets.UTF_8),
              utf8 ? null : Base64.getEncoder().encodeToString(raw));
      try {
        entries.writeBytes(
            (Json.MAPPER.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write a damaged line as JSON: " + e, e);
      }
      kept.write(bytes, from, d.start() - from);
      from = d.end() + 1; // and its newline
    }
    kept.write(bytes, from, bytes.length - from);
    Path tmp = file.resolveSibling("." + RESULTS + ".tmp-" + UUID.randomUUID());
    try {
      try (FileChannel out =
          FileChannel.open(
              damagedFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE)) {
        cutTornTail(out); // a torn entry of a move that crashed is not joined to the next one
        out.position(out.size());
        writeFully(out, entries.toByteArray());
        out.force(false);
      }
      try (FileChannel out =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        writeFully(out, kept.toByteArray());
        out.force(false);
      }
      try {
        Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
      } catch (UnsupportedOperationException notPosix) {
        // the file system's default permissions
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw new StoreException(
          "output " + dir + ": cannot move damaged ledger lines to " + damagedFile + " (" + e + ")",
          e);
    }
    return parsed.damaged().stream().map(Damage::line).toList();
  }

  /** What {@link #scan} found: the results in the order written, and the damaged lines. */
  public record Ledger(List<TrialResult> results, List<DamagedLine> damaged) {
    public Ledger {
      results = List.copyOf(results);
      damaged = List.copyOf(damaged);
    }
  }

  /** A damaged line of the ledger: its number (from 1) and why it is not a result. */
  public record DamagedLine(int number, String reason) {}

  /**
   * {@code lines}' numbers for a message: {@code line 2}, {@code lines 2, 7}, or the first ten and
   * how many more.
   */
  public static String lineNumbers(List<DamagedLine> lines) {
    String numbers =
        lines.stream()
            .limit(10)
            .map(l -> String.valueOf(l.number()))
            .collect(java.util.stream.Collectors.joining(", "));
    return (lines.size() == 1 ? "line " : "lines ")
        + numbers
        + (lines.size() > 10 ? " and " + (lines.size() - 10) + " more" : "");
  }

  /** One entry of {@link #DAMAGED}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record DamagedEntry(int line, String movedAt, String reason, String text, String base64) {}

  /** A damaged line and where it is in the ledger's bytes (from {@code start} to its newline). */
  private record Damage(DamagedLine line, int start, int end) {}

  private record Parsed(List<TrialResult> results, List<Damage> damaged) {}

  /** Reads results strictly: one JSON value per line, nothing after it. */
  private static final ObjectReader RESULT_READER =
      Json.MAPPER.readerFor(TrialResult.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new StoreException(file + ": cannot read (" + e + ")", e);
    }
  }

  private static Parsed parse(byte[] bytes) {
    List<TrialResult> results = new ArrayList<>();
    List<Damage> damaged = new ArrayList<>();
    int start = 0;
    int number = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      number++;
      byte[] raw = Arrays.copyOfRange(bytes, start, i);
      String problem = null;
      if (!isUtf8(raw)) {
        problem = "not UTF-8 text";
      } else {
        String line = new String(raw, StandardCharsets.UTF_8);
        if (!line.isBlank()) {
          try {
            TrialResult result = RESULT_READER.readValue(line);
            problem = missingField(result);
            if (problem == null) {
              results.add(result);
            }
          } catch (JsonProcessingException e) {
            // a syntax error inside a result's field reaches here wrapped in a mapping error
            JsonParseException syntax = syntaxError(e);
            problem =
                syntax != null
                    ? "not JSON (" + oneLine(syntax.getOriginalMessage()) + ")"
                    : "JSON, but not a trial result (" + oneLine(e.getOriginalMessage()) + ")";
          }
        }
      }
      if (problem != null) {
        damaged.add(new Damage(new DamagedLine(number, problem), start, i));
      }
      start = i + 1;
    }
    // what follows the last newline is a torn last line: skipped, and cut off by the next open
    return new Parsed(results, damaged);
  }

  /** The JSON syntax error in {@code e}'s cause chain, or null if there is none. */
  private static JsonParseException syntaxError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JsonParseException syntax) {
        return syntax;
      }
    }
    return null;
  }

  /** Why {@code result} (a JSON value read as one) is not a result, or null if it is. */
  private static String missingField(TrialResult result) {
    if (result == null) {
      return "JSON null, not a trial result";
    }
    if (result.trialId() == null || result.trialId().isBlank()) {
      return "a trial result without a trialId";
    }
    if (result.state() == null) {
      return "a trial result without a state";
    }
    if (result.variant() == null) {
      return "a trial result without a variant";
    }
    return null;
  }

  private static String oneLine(String message) {
    String line = String.valueOf(message).replaceAll("\\s+", " ").strip();
    return line.length() <= 160 ? line : line.substring(0, 157) + "...";
  }

  private static boolean isUtf8(byte[] raw) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
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
