package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bnsweep.cli.ExitCodes;
import io.bnsweep.data.Dataset;
import io.bnsweep.data.DatasetCache;
import io.bnsweep.data.LabeledImages;
import io.bnsweep.store.ResultStore;
import io.bnsweep.testing.IdxFiles;
import io.bnsweep.testing.ImageFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fashion-MNIST images written as a PNG image folder decode to exactly the IDX pixels and labels,
 * and a sweep on the folder gives the same results as one on the IDX files.
 *
 * <p>An image folder's order is by class, then file name; the test names each file by its row and
 * writes the IDX copy in that same order (rows stably sorted by class), so both hold the same
 * examples in the same order.
 */
class ImageFolderSweepTest {
  @TempDir Path work;

  /** The first {@code n} rows of {@code images}, stably sorted by class. */
  private static LabeledImages sortedPrefix(LabeledImages images, int n) {
    LabeledImages prefix =
        new LabeledImages(
            images.shape(),
            n,
            Arrays.copyOf(images.pixels(), n * images.imageSize()),
            Arrays.copyOf(images.labels(), n));
    int[] order = ImageFolders.folderOrder(prefix);
    byte[] pixels = new byte[n * images.imageSize()];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(
          prefix.pixels(),
          order[i] * images.imageSize(),
          pixels,
          i * images.imageSize(),
          images.imageSize());
      labels[i] = prefix.label(order[i]);
    }
    return new LabeledImages(images.shape(), n, pixels, labels);
  }

  private static void writeIdx(LabeledImages images, Path dir, String prefix) throws IOException {
    byte[] labels = new byte[images.count()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (byte) images.label(i);
    }
    int[] dims = {images.count(), images.shape().height(), images.shape().width()};
    IdxFiles.write(
        dir.resolve(prefix + "-images-idx3-ubyte"), IdxFiles.encode(dims, images.pixels()));
    IdxFiles.write(
        dir.resolve(prefix + "-labels-idx1-ubyte"),
        IdxFiles.encode(new int[] {images.count()}, labels));
  }

  @Test
  void aPngFolderOfFashionMnistDecodesToTheIdxExamplesAndSweepsTheSame() throws IOException {
    Dataset fashion = DatasetCache.get("fashion-mnist");
    LabeledImages train = sortedPrefix(fashion.train(), 400);
    LabeledImages test = sortedPrefix(fashion.test(), 100);
    Path idx = Files.createDirectories(work.resolve("idx"));
    writeIdx(train, idx, "train");
    writeIdx(test, idx, "t10k");
    Path folder = work.resolve("folder");
    ImageFolders.write(train, folder.resolve("train"), "png");
    ImageFolders.write(test, folder.resolve("test"), "png");

    Dataset fromIdx = DatasetCache.get(idx.toString());
    Dataset fromFolder = DatasetCache.get(folder.toString());
    assertEquals(fromIdx.shape(), fromFolder.shape());
    assertArrayEquals(fromIdx.train().pixels(), fromFolder.train().pixels());
    assertArrayEquals(fromIdx.train().labels(), fromFolder.train().labels());
    assertArrayEquals(fromIdx.test().pixels(), fromFolder.test().pixels());
    assertArrayEquals(fromIdx.test().labels(), fromFolder.test().labels());

    List<String> idxRows = sweep(idx, "idx");
    List<String> folderRows = sweep(folder, "folder");
    assertEquals(idxRows, folderRows);
  }

  /** The CSV rows of a small sweep on {@code data}, from the placement column to the accuracy. */
  private List<String> sweep(Path data, String name) throws IOException {
    Path spec =
        Files.writeString(
            work.resolve(name + ".yaml"),
            """
            name: %s
            dataset: %s
            normalize: unit
            trainSize: 300
            testSize: 100
            batchSize: 25
            learningRate: 0.003
            seeds: 1
            axes: {placement: [none, before], activation: [relu]}
            network: {channels: [4, 8]}
            """
                .formatted(name, data));
    Path out = work.resolve("out-" + name);
    Cli cli = Cli.run("run", spec.toString(), "--master", "local[2]", "--out", out.toString());
    assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
    List<String> header =
        List.of(Files.readAllLines(out.resolve(ResultStore.CSV)).get(0).split(","));
    int placement = header.indexOf("placement");
    int loss = header.indexOf("testLoss");
    return Files.readAllLines(out.resolve(ResultStore.CSV)).stream()
        .skip(1)
        .map(row -> List.of(row.split(",")))
        .map(cells -> cells.get(placement) + " " + cells.get(loss - 1) + " " + cells.get(loss))
        .sorted()
        .toList();
  }
}
