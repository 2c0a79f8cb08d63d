package io.bnsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.testing.IdxFiles;
import io.bnsweep.testing.SyntheticImages;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
  @TempDir Path dir;

  private static final byte[] IMAGE_DATA = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

  private static byte[] images() {
    return IdxFiles.encode(new int[] {3, 2, 2}, IMAGE_DATA);
  }

  @ParameterizedTest
  @ValueSource(strings = {"images.idx", "images.idx.gz"})
  void readsPlainAndGzippedFiles(String name) throws IOException {
    Path file = IdxFiles.write(dir.resolve(name), images());

    IdxReader.IdxArray array = IdxReader.read(file, 3);

    assertArrayEquals(new int[] {3, 2, 2}, array.dims());
    assertArrayEquals(IMAGE_DATA, array.data());
  }

  @Test
  void rejectsWrongMagicNumber() throws IOException {
    byte[] bytes = images();
    bytes[3] = 1; // claims one dimension: a label file
    Path file = IdxFiles.write(dir.resolve("x.idx"), bytes);

    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(file, 3));

    assertEquals(
        file
            + ": wrong magic number 0x00000801, expected 0x00000803"
            + " (unsigned bytes, 3 dimensions)",
        e.getMessage());
  }

  @Test
  void rejectsTruncatedData() throws IOException {
    byte[] bytes = Arrays.copyOf(images(), images().length - 5);
    Path file = IdxFiles.write(dir.resolve("x.idx.gz"), bytes);

    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(file, 3));

    assertEquals(file + ": truncated: dimensions declare 12 data bytes, found 7", e.getMessage());
  }

  @Test
  void rejectsTrailingBytes() throws IOException {
    byte[] bytes = Arrays.copyOf(images(), images().length + 2);
    Path file = IdxFiles.write(dir.resolve("x.idx"), bytes);

    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(file, 3));

    assertTrue(e.getMessage().contains("2 bytes after the 12 data bytes"), e.getMessage());
  }

  @Test
  void rejectsHugeDeclaredDimensionsWithoutAllocatingThem() throws IOException {
    byte[] bytes = images();
    ByteBuffer.wrap(bytes).putInt(4, 2_000_000_000).putInt(8, 2_000_000_000);
    Path file = IdxFiles.write(dir.resolve("x.idx"), bytes);

    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(file, 3));

    assertTrue(
        e.getMessage()
            .startsWith(
                file
                    + ": dimensions 2000000000 x 2000000000 x 2 declare 8000000000000000000 data"
                    + " bytes (6.9 EiB), more than the "
                    + IdxReader.maxDataBytes()
                    + " ("),
        e.getMessage());
  }

  /**
   * A 3 MB gzip file whose header claims 2^31 - 1 images of 28 x 28, followed by 3 GiB of zeros:
   * refused from its header, having inflated its 16 header bytes and nothing else (counted), and
   * allocating a fraction of a megabyte (measured), where reading it whole would fill the heap.
   */
  @Test
  void aGzipBombIsRefusedFromItsHeaderWithoutInflatingTheRest() throws IOException {
    Path bomb = dir.resolve("train-images-idx3-ubyte.gz");
    long size = IdxFiles.writeGzipBomb(bomb, IdxFiles.header(Integer.MAX_VALUE, 28, 28), 48);
    assertTrue(size > 3_000_000 && size < 4_000_000, "a 3 MB bomb, is " + size);

    long before = ALLOCATED.getCurrentThreadAllocatedBytes();
    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(bomb, 3));
    long allocated = ALLOCATED.getCurrentThreadAllocatedBytes() - before;

    assertEquals(
        bomb
            + ": dimensions 2147483647 x 28 x 28 declare 1683627179248 data bytes (1.5 TiB),"
            + " more than the "
            + IdxReader.maxDataBytes()
            + " ("
            + IdxReader.bytes(IdxReader.maxDataBytes())
            + ") one IDX file may hold in this JVM (half its maximum heap of "
            + IdxReader.bytes(Runtime.getRuntime().maxMemory())
            + ", at most the largest Java array; -Xmx, e.g. in BNSWEEP_JAVA_OPTS, raises it)",
        e.getMessage());
    assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes");
    try (CountingStream inflated = inflate(bomb)) {
      assertThrows(
          DatasetException.class,
          () -> IdxReader.decode(bomb, inflated, -1, IdxReader.maxDataBytes(), 3));
      assertEquals(16, inflated.count, "only the header is inflated");
    }
  }

  /**
   * A gzipped file whose header declares 1,000,000 bytes of data but that inflates to 3 GiB: the
   * reader stops after the declared data and one byte more, and says the file is too long.
   */
  @Test
  void aFileLongerThanItDeclaresIsReadToOneBytePastItsData() throws IOException {
    Path bomb = dir.resolve("long.gz");
    IdxFiles.writeGzipBomb(bomb, IdxFiles.header(1_000_000, 1, 1), 48);

    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(bomb, 3));

    assertEquals(
        bomb
            + ": more data after the 1000000 data bytes the dimensions declare (decompression"
            + " stopped there)",
        e.getMessage());
    try (CountingStream inflated = inflate(bomb)) {
      assertThrows(
          DatasetException.class,
          () -> IdxReader.decode(bomb, inflated, -1, IdxReader.maxDataBytes(), 3));
      assertEquals(16 + 1_000_000 + 1, inflated.count, "header, declared data, one byte");
    }
  }

  @Test
  void theCapIsHalfTheHeapAndAtMostTheLargestArray() throws IOException {
    long heap = Runtime.getRuntime().maxMemory();
    assertEquals(Math.min(Integer.MAX_VALUE - 8, heap / 2), IdxReader.maxDataBytes());
    Path file = IdxFiles.write(dir.resolve("ok.idx"), images());

    assertArrayEquals(IMAGE_DATA, IdxReader.readCapped(file, 12, 3).data(), "12 bytes: at the cap");
    DatasetException e =
        assertThrows(DatasetException.class, () -> IdxReader.readCapped(file, 11, 3));
    assertTrue(e.getMessage().contains("declare 12 data bytes (12 B), more than the 11 (11 B)"));
  }

  private static final com.sun.management.ThreadMXBean ALLOCATED =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static CountingStream inflate(Path gz) throws IOException {
    return new CountingStream(new GZIPInputStream(Files.newInputStream(gz), 1 << 16));
  }

  /** Counts the bytes read through it: how much was inflated. */
  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count += Math.max(n, 0);
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }

  @Test
  void rejectsNonPositiveDimension() throws IOException {
    byte[] bytes = images();
    ByteBuffer.wrap(bytes).putInt(8, -4);
    Path file = IdxFiles.write(dir.resolve("x.idx"), bytes);

    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(file, 3));

    assertEquals(file + ": dimension 1 is -4, must be positive", e.getMessage());
  }

  @Test
  void rejectsCorruptGzipAndMissingFiles() throws IOException {
    byte[] gz = Files.readAllBytes(IdxFiles.write(dir.resolve("ok.gz"), images()));
    Path corrupt = dir.resolve("corrupt.gz");
    Files.write(corrupt, Arrays.copyOf(gz, gz.length / 2));

    assertTrue(
        assertThrows(DatasetException.class, () -> IdxReader.read(corrupt, 3))
            .getMessage()
            .startsWith(corrupt + ": "));
    Path missing = dir.resolve("missing.idx");
    assertEquals(
        missing + ": no such file",
        assertThrows(DatasetException.class, () -> IdxReader.read(missing, 3)).getMessage());
  }

  @Test
  void idxFormatRejectsMismatchedCountsAndTestLabelsOutsideTheTrainingClasses() throws IOException {
    Path images = IdxFiles.write(dir.resolve("images"), images());
    Path twoLabels =
        IdxFiles.write(dir.resolve("two"), IdxFiles.encode(new int[] {2}, new byte[] {0, 1}));
    Path badLabel =
        IdxFiles.write(dir.resolve("bad"), IdxFiles.encode(new int[] {3}, new byte[] {0, 12, 1}));

    assertEquals(
        twoLabels + ": holds 2 labels but images holds 3 images",
        assertThrows(DatasetException.class, () -> IdxFormat.read(images, twoLabels, -1))
            .getMessage());
    assertEquals(
        badLabel + ": label 12 at index 1 is outside 0..9",
        assertThrows(DatasetException.class, () -> IdxFormat.read(images, badLabel, 10))
            .getMessage());
  }

  @Test
  void locatorFindsGzippedOrPlainFilesAndNamesWhatIsMissing() throws IOException {
    Path data = SyntheticImages.writeDataset(dir.resolve("data"), 20, 10, true);

    Dataset dataset = DatasetCache.get(data.toString());
    assertEquals(20, dataset.train().count());
    assertEquals(10, dataset.test().count());
    assertEquals(SyntheticImages.SHAPE, dataset.shape());

    Files.delete(data.resolve("t10k-labels-idx1-ubyte.gz"));
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> new IdxFormat().read(data, DatasetKey.of(data.toString())));
    assertEquals(
        data + ": missing IDX file t10k-labels-idx1-ubyte (or t10k-labels-idx1-ubyte.gz)",
        e.getMessage());
    assertTrue(
        assertThrows(DatasetException.class, () -> DatasetLocator.directory("/no/such/dir"))
            .getMessage()
            .startsWith("dataset '/no/such/dir': directory /no/such/dir not found"));
  }
}
