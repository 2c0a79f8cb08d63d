package io.bnsweep.checkpoint;

import java.io.IOException;
import java.util.Optional;

/**
 * Where a trial's checkpoints live: at most one per trial, its latest, addressed by the trial's id.
 * The worker knows only this interface; the driver chooses the place (a local directory here, a
 * Hadoop file system on a cluster).
 *
 * <p>Implementations must be safe for concurrent use by trials with different ids, and a write must
 * be atomic: a reader sees the previous checkpoint or the new one, never a part of one, even if the
 * writer dies mid-way or two attempts of the same trial write at once.
 */
public interface CheckpointStore {
  /** The trial's checkpoint, or empty if it has none. */
  Optional<byte[]> read(String trialId) throws IOException;

  /** Replaces the trial's checkpoint by {@code checkpoint}, atomically. */
  void write(String trialId, byte[] checkpoint) throws IOException;

  /** Deletes the trial's checkpoint; nothing happens if it has none. */
  void delete(String trialId) throws IOException;
}
