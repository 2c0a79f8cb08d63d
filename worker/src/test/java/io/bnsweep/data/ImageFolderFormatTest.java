package io.bnsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.testing.ImageFolders;
import io.bnsweep.testing.SyntheticImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image folders written as PNG here decode to exactly the images they were written from. */
class ImageFolderFormatTest {
  @TempDir Path dir;

  private static Dataset read(Path root, List<Integer> resize) {
    return new ImageFolderFormat()
        .read(root, new DatasetKey(root.toString(), "folder", CifarLabels.FINE, resize));
  }

  @Test
  void greyPngsDecodeToTheirPixelsAndLabelsByClassThenFileName() throws IOException {
    Dataset source = SyntheticImages.dataset(30, 20);
    ImageFolders.write(source.train(), dir.resolve("train"), "png");
    ImageFolders.write(source.test(), dir.resolve("test"), "png");

    Dataset folder = DatasetCache.get(dir.toString());

    assertEquals("folder", folder.format());
    assertEquals(SyntheticImages.SHAPE, folder.shape());
    assertEquals(
        List.of(
            "class0", "class1", "class2", "class3", "class4", "class5", "class6", "class7",
            "class8", "class9"),
        folder.classNames());
    for (String split : List.of("train", "test")) {
      LabeledImages expected = split.equals("train") ? source.train() : source.test();
      LabeledImages actual = split.equals("train") ? folder.train() : folder.test();
      int[] order = ImageFolders.folderOrder(expected);
      int size = expected.imageSize();
      for (int i = 0; i < order.length; i++) {
        assertEquals(expected.label(order[i]), actual.label(i), split + " " + i);
        assertArrayEquals(
            Arrays.copyOfRange(expected.pixels(), order[i] * size, (order[i] + 1) * size),
            Arrays.copyOfRange(actual.pixels(), i * size, (i + 1) * size),
            split + " " + i);
      }
    }
  }

  @Test
  void colourImagesKeepTheirChannelsAndResizeScalesEveryImage() throws IOException {
    LabeledImages colour =
        new LabeledImages(new InputShape(3, 4, 6, 2), 2, new byte[2 * 3 * 24], new int[] {0, 1});
    for (int p = 0; p < 24; p++) {
      colour.pixels()[p] = (byte) 200; // image 0: red
      colour.pixels()[72 + 48 + p] = (byte) 90; // image 1: blue
    }
    ImageFolders.write(colour, dir.resolve("train"), "png");
    ImageFolders.write(colour, dir.resolve("test"), "png");

    Dataset data = read(dir, List.of());
    Dataset resized = read(dir, List.of(2, 3));

    assertEquals(new InputShape(3, 4, 6, 2), data.shape());
    assertArrayEquals(colour.pixels(), data.train().pixels());
    assertEquals(new InputShape(3, 2, 3, 2), resized.shape());
    assertEquals(200, resized.train().pixels()[0] & 0xff);
    assertEquals(0, resized.train().pixels()[6] & 0xff);
    assertEquals(90, resized.train().pixels()[18 + 12] & 0xff);
  }

  @Test
  void badFoldersFailWithOneLineNamingTheFileAndTheProblem() throws IOException {
    Dataset source = SyntheticImages.dataset(20, 10);
    ImageFolders.write(source.train(), dir.resolve("train"), "png");
    ImageFolders.write(source.test(), dir.resolve("test"), "png");

    Path text = Files.writeString(dir.resolve("train/class3/notes.png"), "not an image");
    assertEquals(
        text + ": not an image that javax.imageio can decode",
        assertThrows(DatasetException.class, () -> read(dir, List.of())).getMessage());
    Files.delete(text);

    Path big = dir.resolve("test/class1/big.png");
    ImageIO.write(new BufferedImage(15, 14, BufferedImage.TYPE_BYTE_GRAY), "png", big.toFile());
    assertEquals(
        big
            + ": image is 14x15 but "
            + dir.resolve("train/class0/000000.png")
            + " is 14x14; give resize: [height, width] to scale every image",
        assertThrows(DatasetException.class, () -> read(dir, List.of())).getMessage());
    assertEquals(new InputShape(1, 14, 14, 10), read(dir, List.of(14, 14)).shape());
    Files.delete(big);

    Path extra = Files.createDirectories(dir.resolve("test/zebra"));
    assertEquals(
        extra
            + ": class 'zebra' is not in "
            + dir.resolve("train")
            + " (which has class0, class1, class2, class3, class4, class5, class6, class7, class8,"
            + " class9)",
        assertThrows(DatasetException.class, () -> read(dir, List.of())).getMessage());
    Files.delete(extra);

    Path empty = Files.createDirectories(dir.resolve("train/class99"));
    assertEquals(
        empty + ": empty class folder",
        assertThrows(DatasetException.class, () -> read(dir, List.of())).getMessage());
  }

  /**
   * A 100-byte PNG whose header declares 20,000 x 30,000 grey pixels is refused from the size its
   * header declares, before javax.imageio allocates its 600 MB image (allocation measured).
   */
  @Test
  void anImageDeclaringHugeDimensionsIsRefusedBeforeItIsDecoded() throws IOException {
    Dataset source = SyntheticImages.dataset(20, 10);
    ImageFolders.write(source.train(), dir.resolve("train"), "png");
    ImageFolders.write(source.test(), dir.resolve("test"), "png");
    Path huge = Files.write(dir.resolve("train/class0/000000.png"), png(30_000, 20_000));
    assertTrue(Files.size(huge) < 200, "a small file: " + Files.size(huge));
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    long before = threads.getCurrentThreadAllocatedBytes();
    DatasetException e = assertThrows(DatasetException.class, () -> read(dir, List.of()));
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertEquals(
        huge
            + ": image declares 20000x30000 (height x width) = 600,000,000 pixels, more than the"
            + " 67,108,864 (8192x8192) an image may have",
        e.getMessage());
    assertTrue(allocated < 64L << 20, "allocated " + allocated + " bytes");
    Files.write(huge, png(8, 8));
    assertTrue(
        assertThrows(DatasetException.class, () -> read(dir, List.of()))
            .getMessage()
            .endsWith(huge + " is 8x8; give resize: [height, width] to scale every image"),
        "the same PNG layout with a small size decodes");
  }

  /**
   * A valid 8-bit grey PNG of {@code width x height} whose image data is 64 zero bytes: enough for
   * a small image, far short of a huge one (whose decoder would fail only after allocating it).
   */
  static byte[] png(int width, int height) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 0); // 8 bits, grey
    ihdr.put((byte) 0).put((byte) 0).put((byte) 0); // deflate, no filter, not interlaced
    chunk(out, "IHDR", ihdr.array());
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(idat)) {
      // each row: filter byte 0 and its pixels
      long rows = (long) height * (width + 1);
      z.write(new byte[rows <= 4096 ? (int) rows : 64]);
    }
    chunk(out, "IDAT", idat.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
