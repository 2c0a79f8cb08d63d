package io.bnsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.testing.IdxFiles;
import io.bnsweep.testing.SyntheticImages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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

    assertTrue(e.getMessage().endsWith("declared dimensions hold more than 2^31 bytes"));
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
