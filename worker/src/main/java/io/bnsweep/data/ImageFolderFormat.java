package io.bnsweep.data;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * An image folder, as torchvision's {@code ImageFolder} and Keras' {@code
 * image_dataset_from_directory} lay it out: {@code train/<class>/<image>} and {@code
 * test/<class>/<image>}, decoded with {@code javax.imageio} (PNG, JPEG, BMP, GIF).
 *
 * <p>Classes are the folder names of {@code train}, in sorted order (label 0 is the first); {@code
 * test} may lack some but not add any. Examples are in class order and, within a class, in file
 * name order (sorted as strings). Images are grey (1 channel) if every image is grey, else RGB (3
 * channels; alpha is dropped, grey images are repeated on each channel). They must all have one
 * size unless {@code resize: [h, w]} is given, which scales every image bilinearly. Hidden files
 * (names starting with {@code .}) are skipped. Normalised per channel by default.
 *
 * <p>Each image's declared size is read from its header before it is decoded, and an image of more
 * than {@link #MAX_PIXELS} pixels is refused: a PNG of a few bytes may declare gigapixels.
 */
public final class ImageFolderFormat implements DatasetFormat {
  static final String TRAIN = "train";
  static final String TEST = "test";

  @Override
  public String name() {
    return "folder";
  }

  @Override
  public String layout() {
    return "an image folder (train/<class>/*.png|jpg and test/<class>/...)";
  }

  @Override
  public boolean recognises(Set<String> names) {
    return names.contains(TRAIN) && names.contains(TEST);
  }

  @Override
  public List<String> entries(String location, Set<String> names) {
    for (String split : List.of(TRAIN, TEST)) {
      if (!names.contains(split)) {
        throw new DatasetException(location + ": missing image folder " + split + "/");
      }
    }
    return List.of(TRAIN, TEST);
  }

  @Override
  public boolean shipsFiles() {
    return false;
  }

  @Override
  public Dataset read(Path dir, DatasetKey key) {
    Path trainDir = dir.resolve(TRAIN);
    Path testDir = dir.resolve(TEST);
    for (Path split : List.of(trainDir, testDir)) {
      if (!Files.isDirectory(split)) {
        throw new DatasetException(split + ": missing image folder");
      }
    }
    List<String> classes = classFolders(trainDir);
    if (classes.isEmpty()) {
      throw new DatasetException(trainDir + ": no class folders");
    }
    for (String c : classFolders(testDir)) {
      if (!classes.contains(c)) {
        throw new DatasetException(
            testDir.resolve(c)
                + ": class '"
                + c
                + "' is not in "
                + trainDir
                + " (which has "
                + String.join(", ", classes)
                + ")");
      }
    }
    List<Decoded> train = decode(trainDir, classes, key.resize());
    List<Decoded> test = decode(testDir, classes, key.resize());
    Decoded first = train.get(0);
    int channels = 1;
    for (List<Decoded> split : List.of(train, test)) {
      for (Decoded d : split) {
        channels = Math.max(channels, d.channels);
        if (d.height != first.height || d.width != first.width) {
          throw new DatasetException(
              d.file
                  + ": image is "
                  + d.height
                  + "x"
                  + d.width
                  + " but "
                  + first.file
                  + " is "
                  + first.height
                  + "x"
                  + first.width
                  + "; give resize: [height, width] to scale every image");
        }
      }
    }
    InputShape shape = new InputShape(channels, first.height, first.width, classes.size());
    return new Dataset(
        dir.toString(),
        name(),
        assemble(train, shape),
        assemble(test, shape),
        classes,
        Normalize.PER_CHANNEL);
  }

  private static List<String> classFolders(Path split) {
    List<String> classes = new ArrayList<>();
    for (Path entry : entries(split)) {
      if (Files.isDirectory(entry)) {
        classes.add(entry.getFileName().toString());
      } else {
        throw new DatasetException(
            entry + ": not in a class folder (expected " + split + "/<class>/<image>)");
      }
    }
    return classes;
  }

  /** The entries of {@code dir} but hidden ones, sorted by name. */
  private static List<Path> entries(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new DatasetException(dir + ": cannot list (" + e.getMessage() + ")");
    }
  }

  private static List<Decoded> decode(Path split, List<String> classes, List<Integer> resize) {
    List<Decoded> images = new ArrayList<>();
    Set<String> present = new TreeSet<>(classFolders(split));
    for (int label = 0; label < classes.size(); label++) {
      if (!present.contains(classes.get(label))) {
        continue;
      }
      Path folder = split.resolve(classes.get(label));
      List<Path> files = entries(folder);
      if (files.isEmpty()) {
        throw new DatasetException(folder + ": empty class folder");
      }
      for (Path file : files) {
        Decoded d = decodeOne(file, label);
        images.add(resize.isEmpty() ? d : d.resized(resize.get(0), resize.get(1)));
      }
    }
    if (images.isEmpty()) {
      throw new DatasetException(split + ": no images");
    }
    return images;
  }

  /** One image's planar bytes, as decoded (1 or 3 channels). */
  private record Decoded(Path file, int label, int channels, int height, int width, byte[] pixels) {
    Decoded resized(int h, int w) {
      if (h == height && w == width) {
        return this;
      }
      byte[] out = new byte[channels * h * w];
      for (int c = 0; c < channels; c++) {
        for (int y = 0; y < h; y++) {
          double sy = Math.max(0, (y + 0.5) * height / h - 0.5);
          int y0 = Math.min((int) sy, height - 1);
          int y1 = Math.min(y0 + 1, height - 1);
          double fy = sy - y0;
          for (int x = 0; x < w; x++) {
            double sx = Math.max(0, (x + 0.5) * width / w - 0.5);
            int x0 = Math.min((int) sx, width - 1);
            int x1 = Math.min(x0 + 1, width - 1);
            double fx = sx - x0;
            double v =
                (1 - fy) * ((1 - fx) * at(c, y0, x0) + fx * at(c, y0, x1))
                    + fy * ((1 - fx) * at(c, y1, x0) + fx * at(c, y1, x1));
            out[(c * h + y) * w + x] = (byte) Math.min(255, Math.round(v));
          }
        }
      }
      return new Decoded(file, label, channels, h, w, out);
    }

    private int at(int c, int y, int x) {
      return pixels[(c * height + y) * width + x] & 0xff;
    }
  }

  /**
   * The most pixels (height x width) one image may declare: 2^26 = 67,108,864, e.g. 8192 x 8192.
   * Larger than a 50-megapixel camera's photo (8192 x 6144), and small enough that decoding one
   * (javax.imageio's image, up to 8 bytes a pixel for 16-bit RGBA, then bnsweep's 3 bytes a pixel)
   * stays under 1 GiB of heap at its peak, half the launcher's default heap.
   */
  static final long MAX_PIXELS = 1L << 26;

  private static Decoded decodeOne(Path file, int label) {
    BufferedImage image;
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new DatasetException(file + ": not an image that javax.imageio can decode");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        // the header's size, before anything is decoded: a few bytes may declare gigapixels
        long height = reader.getHeight(0);
        long width = reader.getWidth(0);
        if (height * width > MAX_PIXELS) {
          throw new DatasetException(
              String.format(
                  Locale.ROOT,
                  "%s: image declares %dx%d (height x width) = %,d pixels, more than the %,d"
                      + " (8192x8192) an image may have",
                  file,
                  height,
                  width,
                  height * width,
                  MAX_PIXELS));
        }
        image = reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (DatasetException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new DatasetException(file + ": unreadable image (" + e.getMessage() + ")");
    }
    int h = image.getHeight();
    int w = image.getWidth();
    boolean grey =
        image.getColorModel().getNumColorComponents() == 1
            && !(image.getColorModel() instanceof IndexColorModel);
    if (grey) {
      // the raster's own samples: getRGB would convert linear grey to sRGB and change the values
      Raster raster = image.getRaster();
      int bits = image.getColorModel().getComponentSize(0);
      int max = (1 << bits) - 1;
      byte[] pixels = new byte[h * w];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int s = raster.getSample(x, y, 0);
          pixels[y * w + x] = (byte) (bits == 8 ? s : Math.round(s * 255.0 / max));
        }
      }
      return new Decoded(file, label, 1, h, w, pixels);
    }
    byte[] pixels = new byte[3 * h * w];
    int plane = h * w;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = image.getRGB(x, y);
        pixels[y * w + x] = (byte) (rgb >> 16);
        pixels[plane + y * w + x] = (byte) (rgb >> 8);
        pixels[2 * plane + y * w + x] = (byte) rgb;
      }
    }
    return new Decoded(file, label, 3, h, w, pixels);
  }

  private static LabeledImages assemble(List<Decoded> images, InputShape shape) {
    int size = shape.imageSize();
    byte[] pixels = new byte[images.size() * size];
    int[] labels = new int[images.size()];
    for (int i = 0; i < images.size(); i++) {
      Decoded d = images.get(i);
      labels[i] = d.label;
      if (d.channels == shape.channels()) {
        System.arraycopy(d.pixels, 0, pixels, i * size, size);
      } else {
        for (int c = 0; c < shape.channels(); c++) {
          System.arraycopy(
              d.pixels, 0, pixels, i * size + c * shape.planeSize(), shape.planeSize());
        }
      }
    }
    return new LabeledImages(shape, images.size(), pixels, labels);
  }
}
