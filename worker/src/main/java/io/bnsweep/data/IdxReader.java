package io.bnsweep.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files of unsigned bytes (the MNIST family's format), gzipped or not.
 *
 * <p>The header is a big-endian int magic {@code 0x000008NN} (type {@code 0x08} = unsigned byte,
 * {@code NN} = number of dimensions), one big-endian int per dimension, then the data. The reader
 * checks the magic, the number and sign of the dimensions, and that the data is exactly as long as
 * the dimensions say. Memory is bounded by the bytes actually present, never by the declared
 * dimensions, so a corrupt header cannot make it allocate gigabytes.
 */
public final class IdxReader {
  private static final int UNSIGNED_BYTE = 0x08;
  private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};

  private IdxReader() {}

  /**
   * Reads {@code file} and checks that it holds one of {@code allowedDims} dimensions (images have
   * 3, {@code n x h x w}, or 4, {@code n x h x w x c}; labels 1).
   *
   * @throws DatasetException naming the file and the problem
   */
  public static IdxArray read(Path file, int... allowedDims) {
    byte[] bytes = readAllBytes(file);
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    if (bytes.length < 4) {
      throw fail(file, "truncated: " + bytes.length + " bytes, shorter than the 4-byte magic");
    }
    int magic = buf.getInt();
    int type = (magic >>> 8) & 0xff;
    int dimCount = magic & 0xff;
    boolean allowed = false;
    for (int dims : allowedDims) {
      allowed |= dims == dimCount;
    }
    if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || !allowed) {
      StringBuilder expected = new StringBuilder();
      for (int dims : allowedDims) {
        expected
            .append(expected.length() == 0 ? "" : " or ")
            .append(String.format("0x%08X", (UNSIGNED_BYTE << 8) | dims));
      }
      throw fail(
          file,
          String.format(
              "wrong magic number 0x%08X, expected %s (unsigned bytes, %s dimensions)",
              magic,
              expected,
              java.util.Arrays.stream(allowedDims)
                  .mapToObj(Integer::toString)
                  .collect(java.util.stream.Collectors.joining(" or "))));
    }
    if (bytes.length < 4 + 4 * dimCount) {
      throw fail(file, "truncated header: " + bytes.length + " bytes");
    }
    int[] dims = new int[dimCount];
    long expectedData = 1;
    for (int i = 0; i < dimCount; i++) {
      dims[i] = buf.getInt();
      if (dims[i] <= 0) {
        throw fail(file, "dimension " + i + " is " + dims[i] + ", must be positive");
      }
      expectedData *= dims[i];
      if (expectedData > Integer.MAX_VALUE) {
        throw fail(file, "declared dimensions hold more than 2^31 bytes");
      }
    }
    long actualData = bytes.length - buf.position();
    if (actualData < expectedData) {
      throw fail(
          file,
          "truncated: dimensions declare " + expectedData + " data bytes, found " + actualData);
    }
    if (actualData > expectedData) {
      throw fail(
          file,
          (actualData - expectedData)
              + " bytes after the "
              + expectedData
              + " data bytes the dimensions declare");
    }
    byte[] data = new byte[(int) expectedData];
    buf.get(data);
    return new IdxArray(dims, data);
  }

  private static byte[] readAllBytes(Path file) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      raw.mark(2);
      byte[] head = raw.readNBytes(2);
      raw.reset();
      boolean gzipped = head.length == 2 && head[0] == GZIP_MAGIC[0] && head[1] == GZIP_MAGIC[1];
      try (InputStream in = gzipped ? new GZIPInputStream(raw, 1 << 16) : raw) {
        return in.readAllBytes();
      }
    } catch (NoSuchFileException e) {
      throw fail(file, "no such file");
    } catch (ZipException e) {
      throw fail(file, "corrupt gzip data (" + e.getMessage() + ")");
    } catch (java.io.EOFException e) {
      throw fail(file, "truncated gzip data");
    } catch (IOException e) {
      throw fail(file, "cannot read (" + e + ")");
    }
  }

  private static DatasetException fail(Path file, String what) {
    return new DatasetException(file + ": " + what);
  }

  /** The dimensions and data of one IDX file. */
  public record IdxArray(int[] dims, byte[] data) {}
}
