package io.bnsweep.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.bnsweep.testing.CifarFiles;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random corruptions of small valid CIFAR-10 and CIFAR-100 files: each must either load
 * consistently (counts, pixels and labels in range) or fail with the reader's own {@link
 * DatasetException} naming the file; none may throw anything else or allocate more than a small
 * bound.
 */
class CifarReaderFuzzTest {
  private static final int CASES = 1_200;
  private static final long MAX_ALLOCATED_BYTES = 16L << 20;

  @TempDir Path dir;

  @Test
  void corruptedFilesLoadConsistentlyOrFailWithTheReadersError() throws IOException {
    Random random = new Random(20261127L);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int loaded = 0;
    int rejected = 0;
    for (int i = 0; i < CASES; i++) {
      boolean hundred = random.nextBoolean();
      int[] classes = hundred ? new int[] {20, 100} : new int[] {10};
      int labelIndex = hundred ? random.nextInt(2) : 0;
      byte[] valid = CifarFiles.generate(1 + random.nextInt(4), classes, i).encode();
      Path file = Files.write(dir.resolve("case-" + i + ".bin"), corrupt(valid, random));

      long before = threads.getCurrentThreadAllocatedBytes();
      try {
        LabeledImages images = CifarReader.read(List.of(file), classes.length, labelIndex, classes);
        assertEquals((long) images.count() * CifarFiles.IMAGE, images.pixels().length, "case " + i);
        for (int label : images.labels()) {
          assertTrue(label >= 0 && label < classes[labelIndex], "case " + i + " label " + label);
        }
        loaded++;
      } catch (DatasetException e) {
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
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
    System.out.printf("CIFAR fuzz: %d cases, %d loaded, %d rejected%n", CASES, loaded, rejected);
    assertTrue(rejected > CASES / 3, "most corruptions must be caught, caught " + rejected);
    assertTrue(loaded > 0, "some corruptions (pixel flips) keep a valid file");
  }

  /** One of: flipped bytes anywhere, a flipped label byte, a truncation, extra bytes, empty. */
  private static byte[] corrupt(byte[] valid, Random random) {
    byte[] bytes = valid.clone();
    switch (random.nextInt(5)) {
      case 0 -> {
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
          bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
        }
      }
      case 1 -> bytes[0] = (byte) (100 + random.nextInt(156));
      case 2 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
      case 3 -> bytes = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(5000));
      default -> bytes = new byte[0];
    }
    return bytes;
  }
}
