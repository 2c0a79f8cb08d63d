package io.bnsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.testing.CifarFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR-10 and CIFAR-100 binary files written here, decoded and checked pixel for pixel. */
class CifarFormatTest {
  @TempDir Path dir;

  private static final int[] TEN = {10};
  private static final int[] HUNDRED = {20, 100};

  @Test
  void cifar10DecodesEveryBatchInOrderWithItsLabelsAndChannelPlanes() throws IOException {
    Path data = dir.resolve("cifar-10-batches-bin");
    List<CifarFiles.Records> batches = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      CifarFiles.Records r = CifarFiles.generate(3 + i, TEN, i);
      r.write(data.resolve("data_batch_" + i + ".bin"));
      batches.add(r);
    }
    CifarFiles.Records test = CifarFiles.generate(4, TEN, 9);
    test.write(data.resolve("test_batch.bin"));
    Files.writeString(
        data.resolve("batches.meta.txt"),
        "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n");

    // the folder the archive unpacks into is found from its parent
    Dataset dataset = DatasetCache.get(dir.toString());

    assertEquals("cifar10", dataset.format());
    assertEquals(new InputShape(3, 32, 32, 10), dataset.shape());
    assertEquals(Normalize.PER_CHANNEL, dataset.defaultNormalize());
    assertEquals("truck", dataset.classNames().get(9));
    assertEquals(4 + 5 + 6 + 7 + 8, dataset.train().count());
    int row = 0;
    for (CifarFiles.Records batch : batches) {
      for (int r = 0; r < batch.count(); r++, row++) {
        assertImage(batch, r, dataset.train(), row);
      }
    }
    for (int r = 0; r < test.count(); r++) {
      assertImage(test, r, dataset.test(), r);
    }
  }

  @Test
  void cifar100DecodesTheFineOrTheCoarseLabels() throws IOException {
    CifarFiles.Records train = CifarFiles.generate(7, HUNDRED, 1);
    CifarFiles.Records test = CifarFiles.generate(3, HUNDRED, 2);
    train.write(dir.resolve("train.bin"));
    test.write(dir.resolve("test.bin"));

    Dataset fine = new Cifar100Format().read(dir, DatasetKey.of(dir.toString()));
    Dataset coarse =
        new Cifar100Format()
            .read(dir, new DatasetKey(dir.toString(), "cifar100", CifarLabels.COARSE, List.of()));

    assertEquals(new InputShape(3, 32, 32, 100), fine.shape());
    assertEquals(new InputShape(3, 32, 32, 20), coarse.shape());
    for (int r = 0; r < train.count(); r++) {
      assertEquals(train.labels()[r][1], fine.train().label(r));
      assertEquals(train.labels()[r][0], coarse.train().label(r));
      assertImage(train, r, fine.train(), r);
    }
    for (int r = 0; r < test.count(); r++) {
      assertImage(test, r, coarse.test(), r);
    }
  }

  @Test
  void aTruncatedRecordOrALabelOutsideTheClassesIsOneLineNamingTheFile() throws IOException {
    CifarFiles.Records train = CifarFiles.generate(3, HUNDRED, 1);
    Path file = dir.resolve("train.bin");
    Files.write(file, Arrays.copyOf(train.encode(), 2 * 3074 + 100));
    CifarFiles.generate(2, HUNDRED, 2).write(dir.resolve("test.bin"));

    DatasetException truncated =
        assertThrows(
            DatasetException.class,
            () -> new Cifar100Format().read(dir, DatasetKey.of(dir.toString())));
    assertEquals(
        file
            + ": truncated record: 6248 bytes is not a whole number of 3074-byte records (the"
            + " last of 3 has 100 bytes)",
        truncated.getMessage());

    byte[] bad = train.encode();
    bad[3074] = (byte) 20; // the coarse label of record 1
    Files.write(file, bad);
    DatasetException label =
        assertThrows(
            DatasetException.class,
            () -> new Cifar100Format().read(dir, DatasetKey.of(dir.toString())));
    assertEquals(file + ": record 1 label byte 0 has label 20, outside 0..19", label.getMessage());
  }

  @Test
  void aDirectoryOfNoKnownFormatSaysWhatEachFormatExpects() throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "not a dataset");
    DatasetException e =
        assertThrows(DatasetException.class, () -> DatasetCache.get(dir.toString()));
    assertTrue(e.getMessage().startsWith(dir + ": cannot detect the dataset format; expected "));
    for (String format : List.of("idx", "cifar10", "cifar100", "folder")) {
      assertTrue(e.getMessage().contains("(" + format + ")"), e.getMessage());
    }
    assertTrue(!e.getMessage().contains("\n"));
  }

  /**
   * Image {@code r} of {@code records} is row {@code row} of {@code images}: its label and every
   * pixel, the file's red, green and blue planes as channels 0, 1 and 2.
   */
  private static void assertImage(
      CifarFiles.Records records, int r, LabeledImages images, int row) {
    int size = CifarFiles.IMAGE;
    assertArrayEquals(
        Arrays.copyOfRange(records.pixels(), r * size, (r + 1) * size),
        Arrays.copyOfRange(images.pixels(), row * size, (row + 1) * size),
        "row " + row);
    if (records.labels()[r].length == 1) {
      assertEquals(records.labels()[r][0], images.label(row));
    }
  }
}
