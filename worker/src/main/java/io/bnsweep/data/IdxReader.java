package io.bnsweep.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files of unsigned bytes (the MNIST family's format), gzipped or not.
 *
 * <p>The header is a big-endian int magic {@code 0x000008NN} (type {@code 0x08} = unsigned byte,
 * {@code NN} = number of dimensions), one big-endian int per dimension, then the data. The reader
 * checks the magic, the number and sign of the dimensions, and that the data is exactly as long as
 * the dimensions say.
 *
 * <p>Decompression is capped: the file is read as a stream, the header first, and the data bytes
 * the dimensions declare are checked against {@link #maxDataBytes()} before any is read, so a small
 * {@code .gz} whose header claims billions of images is refused after its 16-byte header. Then at
 * most the declared bytes plus one are read (the one extra byte, if present, makes the file too
 * long); a gzip stream is never inflated past that. Memory is bounded by the bytes actually present
 * as well: the data is gathered in chunks as it arrives, so a truncated file with a large declared
 * size allocates only what it holds.
 */
public final class IdxReader {
  private static final int UNSIGNED_BYTE = 0x08;
  private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};

  /** The largest byte array a JVM allocates reliably (a few header words below 2^31). */
  static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

  private IdxReader() {}

  /**
   * The most data bytes one IDX file may declare in this JVM: half its maximum heap ({@code -Xmx}),
   * and never more than the largest Java array. Half, because reading a file holds its data twice
   * for a moment (the chunks as read and the array they are joined into; a colour file's
   * channels-last bytes and their planar copy), so a file declaring more than half the heap could
   * not be read whatever else is in it. With the launcher's default 2 GiB heap that is 1 GiB per
   * file: Fashion-MNIST's training images are 47 MB, CIFAR-10's as IDX would be 150 MB.
   */
  public static long maxDataBytes() {
    return Math.min(MAX_ARRAY_BYTES, Runtime.getRuntime().maxMemory() / 2);
  }

  /**
   * Reads {@code file} and checks that it holds one of {@code allowedDims} dimensions (images have
   * 3, {@code n x h x w}, or 4, {@code n x h x w x c}; labels 1).
   *
   * @throws DatasetException naming the file and the problem
   */
  public static IdxArray read(Path file, int... allowedDims) {
    return readCapped(file, maxDataBytes(), allowedDims);
  }

  /** As {@link #read(Path, int...)}, with at most {@code maxDataBytes} of declared data. */
  static IdxArray readCapped(Path file, long maxDataBytes, int... allowedDims) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      raw.mark(2);
      byte[] head = raw.readNBytes(2);
      raw.reset();
      boolean gzipped = head.length == 2 && head[0] == GZIP_MAGIC[0] && head[1] == GZIP_MAGIC[1];
      if (gzipped) {
        try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
          return decode(file, in, -1, maxDataBytes, allowedDims);
        }
      }
      return decode(file, raw, Files.size(file), maxDataBytes, allowedDims);
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

  /**
   * Decodes the IDX bytes {@code in} yields (already decompressed), reading no more than the
   * header, the declared data and one byte past it.
   *
   * @param fileSize the file's size when {@code in} is the file itself, or -1 (gzipped), to say how
   *     many bytes follow the data
   */
  static IdxArray decode(
      Path file, InputStream in, long fileSize, long maxDataBytes, int... allowedDims)
      throws IOException {
    byte[] magicBytes = in.readNBytes(4);
    if (magicBytes.length < 4) {
      throw fail(file, "truncated: " + magicBytes.length + " bytes, shorter than the 4-byte magic");
    }
    int magic = ByteBuffer.wrap(magicBytes).getInt();
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
              Arrays.stream(allowedDims)
                  .mapToObj(Integer::toString)
                  .collect(Collectors.joining(" or "))));
    }
    byte[] dimBytes = in.readNBytes(4 * dimCount);
    if (dimBytes.length < 4 * dimCount) {
      throw fail(file, "truncated header: " + (4 + dimBytes.length) + " bytes");
    }
    ByteBuffer header = ByteBuffer.wrap(dimBytes);
    int[] dims = new int[dimCount];
    BigInteger declared = BigInteger.ONE;
    for (int i = 0; i < dimCount; i++) {
      dims[i] = header.getInt();
      if (dims[i] <= 0) {
        throw fail(file, "dimension " + i + " is " + dims[i] + ", must be positive");
      }
      declared = declared.multiply(BigInteger.valueOf(dims[i]));
    }
    if (declared.compareTo(BigInteger.valueOf(maxDataBytes)) > 0) {
      throw fail(file, tooLarge(dims, declared, maxDataBytes));
    }
    int expectedData = declared.intValueExact();
    // in chunks as they arrive: a truncated file allocates what it holds, not what it declares
    byte[] data = in.readNBytes(expectedData);
    if (data.length < expectedData) {
      throw fail(
          file,
          "truncated: dimensions declare " + expectedData + " data bytes, found " + data.length);
    }
    if (in.read() != -1) {
      long headerBytes = 4L + 4L * dimCount;
      throw fail(
          file,
          fileSize >= 0
              ? (fileSize - headerBytes - expectedData)
                  + " bytes after the "
                  + expectedData
                  + " data bytes the dimensions declare"
              : "more data after the "
                  + expectedData
                  + " data bytes the dimensions declare (decompression stopped there)");
    }
    return new IdxArray(dims, data);
  }

  private static String tooLarge(int[] dims, BigInteger declared, long maxDataBytes) {
    long heap = Runtime.getRuntime().maxMemory();
    return "dimensions "
        + Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining(" x "))
        + " declare "
        + declared
        + " data bytes ("
        + bytes(declared.doubleValue())
        + "), more than the "
        + maxDataBytes
        + " ("
        + bytes(maxDataBytes)
        + ") one IDX file may hold in this JVM (half its maximum heap of "
        + bytes(heap)
        + ", at most the largest Java array; -Xmx, e.g. in BNSWEEP_JAVA_OPTS, raises it)";
  }

  /** {@code n} bytes in binary units, e.g. {@code 1.5 GiB}. */
  static String bytes(double n) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int unit = 0;
    while (n >= 1024 && unit < units.length - 1) {
      n /= 1024;
      unit++;
    }
    return unit == 0
        ? String.format(Locale.ROOT, "%.0f B", n)
        : String.format(Locale.ROOT, "%.1f %s", n, units[unit]);
  }

  private static DatasetException fail(Path file, String what) {
    return new DatasetException(file + ": " + what);
  }

  /** The dimensions and data of one IDX file. */
  public record IdxArray(int[] dims, byte[] data) {}
}
