package io.bnsweep.sweep;

import io.bnsweep.checkpoint.CheckpointStore;
import io.bnsweep.checkpoint.LocalCheckpointStore;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;

/**
 * Where a sweep's checkpoints go, as it travels to executors: a local directory (embedded runs, or
 * shared storage mounted on every host) or any Hadoop file system URI ({@code hdfs://}, {@code
 * s3a://}, {@code file://}). Opened on the executor.
 *
 * @param location a path, or a URI with a scheme
 */
public record CheckpointLocation(String location) implements Serializable {
  /** The store at this location. */
  public CheckpointStore open() {
    URI uri = URI.create(location.replace('\\', '/'));
    if (uri.getScheme() == null || uri.getScheme().length() == 1) {
      return new LocalCheckpointStore(Path.of(location));
    }
    if (uri.getScheme().equals("file")) {
      return new LocalCheckpointStore(Path.of(uri));
    }
    return new HadoopStore(location);
  }

  /**
   * Checkpoints on a Hadoop file system, one file per trial. A write goes to a name of its own
   * (unique per attempt), then replaces the trial's file: on object stores ({@code s3a}) a single
   * upload is atomic at close, so the final name is written directly; elsewhere {@link
   * FileContext#rename} with {@code OVERWRITE} replaces it (HDFS's {@code FileSystem.rename} does
   * not overwrite).
   */
  private record HadoopStore(String root) implements CheckpointStore {
    private org.apache.hadoop.fs.Path file(String trialId) {
      return new org.apache.hadoop.fs.Path(root, trialId + ".ckpt");
    }

    private FileSystem fs() throws IOException {
      return FileSystem.get(URI.create(root), new Configuration());
    }

    @Override
    public Optional<byte[]> read(String trialId) throws IOException {
      try (InputStream in = fs().open(file(trialId))) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return Optional.of(bytes.toByteArray());
      } catch (FileNotFoundException e) {
        return Optional.empty();
      }
    }

    @Override
    public void write(String trialId, byte[] checkpoint) throws IOException {
      FileSystem fs = fs();
      org.apache.hadoop.fs.Path target = file(trialId);
      if (fs.getUri().getScheme().startsWith("s3")) {
        try (OutputStream out = fs.create(target, true)) {
          out.write(checkpoint);
        }
        return;
      }
      org.apache.hadoop.fs.Path temporary =
          new org.apache.hadoop.fs.Path(root, "." + trialId + "." + UUID.randomUUID() + ".tmp");
      try (OutputStream out = fs.create(temporary, false)) {
        out.write(checkpoint);
      }
      FileContext.getFileContext(fs.getUri(), fs.getConf())
          .rename(temporary, target, Options.Rename.OVERWRITE);
    }

    @Override
    public void delete(String trialId) throws IOException {
      fs().delete(file(trialId), false);
    }
  }
}
