package io.bnsweep.testing;

import java.io.ByteArrayOutputStream;
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

  /**
   * Writes a gzip bomb to {@code file}: a gzip member holding {@code header}, then {@code members}
   * members each inflating to 64 MiB of zeros (about 64 KiB each on disk). Concatenated members are
   * one valid gzip file (RFC 1952, and {@code GZIPInputStream} reads them as one stream), so 48
   * members make a file of about 3 MB that inflates to {@code header} and 3 GiB of zeros, written
   * in a fraction of a second (one 64 MiB member is compressed, then repeated).
   *
   * @return the file's size in bytes
   */
  public static long writeGzipBomb(Path file, byte[] header, int members) throws IOException {
    ByteArrayOutputStream zeros = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zeros, 1 << 16)) {
      byte[] chunk = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        gz.write(chunk);
      }
    }
    byte[] member = zeros.toByteArray();
    try (OutputStream out = Files.newOutputStream(file)) {
      ByteArrayOutputStream first = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(first)) {
        gz.write(header);
      }
      first.writeTo(out);
      for (int i = 0; i < members; i++) {
        out.write(member);
      }
    }
    return Files.size(file);
  }

  /** The bytes of an IDX header of unsigned bytes with {@code dims}, and no data. */
  public static byte[] header(int... dims) {
    return encode(dims, new byte[0]);
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
