package io.bnsweep.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The MNIST family's IDX files: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each gzipped ({@code .gz}) or
 * not.
 *
 * <p>An image file holds grey images ({@code n x h x w}, magic {@code 0x00000803}) or images with
 * channels last ({@code n x h x w x c}, magic {@code 0x00000804}: for each image, each row, each
 * pixel, its {@code c} channel bytes); the latter may be named {@code ...-idx4-ubyte}. Examples
 * keep the files' order. There are as many classes as the largest training label plus one, named by
 * their numbers; a test label outside them is an error. Normalised to [0, 1] by default.
 */
public final class IdxFormat implements DatasetFormat {
  static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

  /** The four base names: train images and labels, test images and labels. */
  static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

  @Override
  public String name() {
    return "idx";
  }

  @Override
  public String layout() {
    return "the four IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte,"
        + " t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each optionally .gz)";
  }

  @Override
  public boolean recognises(Set<String> names) {
    return find(names, TRAIN_IMAGES) != null || find(names, TRAIN_LABELS) != null;
  }

  @Override
  public List<String> entries(String location, Set<String> names) {
    List<String> files = new ArrayList<>();
    for (String base : FILES) {
      String found = find(names, base);
      if (found == null) {
        throw new DatasetException(
            location + ": missing IDX file " + base + " (or " + base + ".gz)");
      }
      files.add(found);
    }
    return files;
  }

  /** The name under which {@code base} is present: gzipped, plain, or (images) as idx4. */
  private static String find(Set<String> names, String base) {
    List<String> candidates = new ArrayList<>(List.of(base + ".gz", base));
    if (base.contains("-idx3-")) {
      String four = base.replace("-idx3-", "-idx4-");
      candidates.addAll(List.of(four + ".gz", four));
    }
    return candidates.stream().filter(names::contains).findFirst().orElse(null);
  }

  @Override
  public Dataset read(Path dir, DatasetKey key) {
    List<String> files = entries(dir.toString(), DatasetFormats.list(dir));
    Path trainImages = dir.resolve(files.get(0));
    Path trainLabels = dir.resolve(files.get(1));
    LabeledImages train = read(trainImages, trainLabels, -1);
    LabeledImages test =
        read(dir.resolve(files.get(2)), dir.resolve(files.get(3)), train.shape().classes());
    if (!test.shape().sameImages(train.shape())) {
      throw new DatasetException(
          dir.resolve(files.get(2))
              + ": images are "
              + test.shape().images()
              + " but the training images are "
              + train.shape().images());
    }
    return new Dataset(
        dir.toString(),
        name(),
        train,
        test,
        Dataset.numbers(train.shape().classes()),
        Normalize.UNIT);
  }

  /**
   * Reads an image file and its label file and checks that they agree.
   *
   * @param classes the class count labels must stay under, or -1 to take it from the labels
   * @throws DatasetException naming the file that is wrong
   */
  public static LabeledImages read(Path imageFile, Path labelFile, int classes) {
    IdxReader.IdxArray images = IdxReader.read(imageFile, 3, 4);
    IdxReader.IdxArray labels = IdxReader.read(labelFile, 1);
    int[] dims = images.dims();
    int count = dims[0];
    if (labels.dims()[0] != count) {
      throw new DatasetException(
          labelFile
              + ": holds "
              + labels.dims()[0]
              + " labels but "
              + imageFile.getFileName()
              + " holds "
              + count
              + " images");
    }
    int[] ints = new int[count];
    int max = 0;
    for (int i = 0; i < count; i++) {
      ints[i] = labels.data()[i] & 0xff;
      max = Math.max(max, ints[i]);
    }
    int classCount = classes > 0 ? classes : max + 1;
    LabeledImages.checkLabels(labelFile.toString(), ints, classCount);
    int channels = dims.length == 4 ? dims[3] : 1;
    InputShape shape = new InputShape(channels, dims[1], dims[2], classCount);
    byte[] pixels = channels == 1 ? images.data() : planar(images.data(), count, shape);
    return new LabeledImages(shape, count, pixels, ints);
  }

  /** Channels-last bytes ({@code n x h x w x c}) in the planar layout of {@link LabeledImages}. */
  static byte[] planar(byte[] interleaved, int count, InputShape shape) {
    int plane = shape.planeSize();
    int channels = shape.channels();
    byte[] out = new byte[interleaved.length];
    for (int i = 0; i < count; i++) {
      int base = i * plane * channels;
      for (int p = 0; p < plane; p++) {
        for (int c = 0; c < channels; c++) {
          out[base + c * plane + p] = interleaved[base + p * channels + c];
        }
      }
    }
    return out;
  }
}
