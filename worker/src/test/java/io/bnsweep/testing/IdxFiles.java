package io.bnsweep.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes IDX files of unsigned bytes, for tests. */
public final class IdxFiles {
  private IdxFiles() {}

  /** The bytes of an IDX file with {@code dims} and {@code data}, uncompressed. */
  public static byte[] encode(int[] dims, byte[] data) {
    ByteBuffer buf = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    buf.putInt(0x00000800 | dims.length);
    for (int d : dims) {
      buf.putInt(d);
    }
    buf.put(data);
    return buf.array();
  }

  /** Writes {@code bytes} to {@code file}, gzipped if the name ends in {@code .gz}. */
  public static Path write(Path file, byte[] bytes) throws IOException {
    try (OutputStream out =
        file.toString().endsWith(".gz")
            ? new GZIPOutputStream(Files.newOutputStream(file))
            : Files.newOutputStream(file)) {
      out.write(bytes);
    }
    return file;
  }
}
