package io.bnsweep.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checkpoints as files {@code ID.ckpt} in one directory of a local (or locally mounted) file
 * system. A write goes to a temporary file whose name is unique to the writer ({@code
 * ID.UUID.tmp}), which then replaces {@code ID.ckpt} by an atomic rename: a writer killed mid-way
 * leaves at most a stray temporary file, never a partial checkpoint, and two attempts of one trial
 * writing at once each rename a whole file.
 */
public final class LocalCheckpointStore implements CheckpointStore {
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final String SUFFIX = ".ckpt";

  private final Path dir;

  /** A store in {@code dir}, created on first write if missing. */
  public LocalCheckpointStore(Path dir) {
    this.dir = dir;
  }

  /** The directory holding the checkpoints. */
  public Path dir() {
    return dir;
  }

  /** The file that holds (or would hold) the checkpoint of {@code trialId}. */
  public Path file(String trialId) {
    if (!SAFE_ID.matcher(trialId).matches()) {
      throw new IllegalArgumentException("not a trial id usable as a file name: '" + trialId + "'");
    }
    return dir.resolve(trialId + SUFFIX);
  }

  @Override
  public Optional<byte[]> read(String trialId) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(file(trialId)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void write(String trialId, byte[] checkpoint) throws IOException {
    Path target = file(trialId);
    Files.createDirectories(dir);
    Path temporary = dir.resolve(trialId + "." + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel out =
          FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(checkpoint);
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        out.force(true); // on disk before the rename makes it the checkpoint
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  @Override
  public void delete(String trialId) throws IOException {
    Files.deleteIfExists(file(trialId));
  }
}
