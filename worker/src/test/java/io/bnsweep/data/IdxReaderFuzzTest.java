package io.bnsweep.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.bnsweep.testing.IdxFiles;
import io.bnsweep.testing.SyntheticImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random corruptions of a small valid IDX file, plain and gzipped (and of the gzip stream
 * itself): each must either load consistently or fail with the reader's own {@link
 * DatasetException}; none may hang, throw anything else, or allocate more than a small bound.
 */
class IdxReaderFuzzTest {
  private static final int CASES = 1_200;
  private static final long MAX_ALLOCATED_BYTES = 32L << 20;

  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void corruptedFilesLoadConsistentlyOrFailWithTheReadersError() throws IOException {
    SyntheticImages.Split split = SyntheticImages.generate(20, 3);
    int side = SyntheticImages.SIDE;
    byte[] valid = IdxFiles.encode(new int[] {20, side, side}, split.pixels());
    Random random = new Random(20261126L);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int loaded = 0;
    int rejected = 0;

    for (int i = 0; i < CASES; i++) {
      byte[] corrupt = corrupt(valid, random);
      boolean gzip = random.nextBoolean();
      Path file = dir.resolve("case-" + i + (gzip ? ".gz" : ""));
      byte[] onDisk = gzip ? gzip(corrupt) : corrupt;
      if (gzip && random.nextInt(3) == 0) {
        onDisk[random.nextInt(onDisk.length)] ^= (byte) (1 + random.nextInt(255));
      }
      Files.write(file, onDisk);

      long before = threads.getCurrentThreadAllocatedBytes();
      try {
        IdxReader.IdxArray array = IdxReader.read(file, 3);
        long product = Arrays.stream(array.dims()).asLongStream().reduce(1, (a, b) -> a * b);
        assertEquals(product, array.data().length, "case " + i + ": dims and data disagree");
        loaded++;
      } catch (DatasetException e) {
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        rejected++;
      } catch (RuntimeException | Error e) {
        fail("case " + i + " threw " + e, e);
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      assertTrue(
          allocated < MAX_ALLOCATED_BYTES, "case " + i + " allocated " + allocated + " bytes");
      Files.delete(file);
    }
    assertEquals(CASES, loaded + rejected);
    System.out.printf("IDX fuzz: %d cases, %d loaded, %d rejected%n", CASES, loaded, rejected);
    assertTrue(rejected > CASES / 2, "most corruptions must be caught, caught " + rejected);
  }

  /** One of: flipped bytes, a truncation, a huge or negative declared dimension, extra bytes. */
  private static byte[] corrupt(byte[] valid, Random random) {
    byte[] bytes = valid.clone();
    switch (random.nextInt(5)) {
      case 0 -> {
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
          int at = random.nextInt(Math.min(bytes.length, random.nextBoolean() ? 16 : bytes.length));
          bytes[at] ^= (byte) (1 + random.nextInt(255));
        }
      }
      case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
      case 2 -> ByteBuffer.wrap(bytes).putInt(4 + 4 * random.nextInt(3), random.nextInt());
      case 3 -> ByteBuffer.wrap(bytes).putInt(4 + 4 * random.nextInt(3), Integer.MAX_VALUE);
      default -> bytes = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(64));
    }
    return bytes;
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
