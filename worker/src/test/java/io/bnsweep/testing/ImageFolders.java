package io.bnsweep.testing;

import io.bnsweep.data.LabeledImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Image folders written by tests, from images they keep to compare against. */
public final class ImageFolders {
  private ImageFolders() {}

  /**
   * Writes every image of {@code images} as a PNG into {@code split/<class name>/}, named by its
   * row number zero-padded, so that the folder's order (by class, then file name) is the rows'
   * order stably sorted by class. Grey images are written as 8-bit grey PNGs, colour ones as RGB.
   */
  public static void write(LabeledImages images, Path split, String format) throws IOException {
    int h = images.shape().height();
    int w = images.shape().width();
    int plane = h * w;
    boolean grey = images.shape().channels() == 1;
    for (int row = 0; row < images.count(); row++) {
      BufferedImage image =
          new BufferedImage(w, h, grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
      int base = row * images.imageSize();
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int p = y * w + x;
          if (grey) {
            image.getRaster().setSample(x, y, 0, images.pixels()[base + p] & 0xff);
          } else {
            int r = images.pixels()[base + p] & 0xff;
            int g = images.pixels()[base + plane + p] & 0xff;
            int b = images.pixels()[base + 2 * plane + p] & 0xff;
            image.setRGB(x, y, (r << 16) | (g << 8) | b);
          }
        }
      }
      Path dir = split.resolve("class" + images.label(row));
      Files.createDirectories(dir);
      ImageIO.write(
          image, format, dir.resolve(String.format(Locale.ROOT, "%06d.%s", row, format)).toFile());
    }
  }

  /** The rows of {@code images} stably sorted by label: the order an image folder decodes in. */
  public static int[] folderOrder(LabeledImages images) {
    return java.util.stream.IntStream.range(0, images.count())
        .boxed()
        .sorted(java.util.Comparator.comparingInt(images::label))
        .mapToInt(Integer::intValue)
        .toArray();
  }
}
