package io.bnsweep.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Turns a dataset name from a spec into the four IDX files on disk.
 *
 * <p>A name is either a known dataset ({@code fashion-mnist}, installed by the Debian package
 * {@code dataset-fashion-mnist}) or a directory holding the four MNIST-style files, each gzipped
 * ({@code .gz}) or not.
 */
public final class DatasetLocator {
  /** Known datasets: name to the directory their Debian package installs. */
  public static final Map<String, Path> KNOWN =
      Map.of("fashion-mnist", Path.of("/usr/share/datasets/fashion-mnist"));

  private static final Map<String, String> INSTALL_HINT =
      Map.of("fashion-mnist", "apt-get install -y dataset-fashion-mnist");

  static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

  /** The four file names, without {@code .gz}: train images and labels, test images and labels. */
  public static final List<String> FILE_NAMES =
      List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

  private DatasetLocator() {}

  /** The four files of a dataset. */
  public record DatasetFiles(Path trainImages, Path trainLabels, Path testImages, Path testLabels) {
    /** The four files, in the order of {@link #FILE_NAMES}. */
    public List<Path> all() {
      return List.of(trainImages, trainLabels, testImages, testLabels);
    }
  }

  /**
   * Finds the files of {@code name}.
   *
   * @throws DatasetException if the directory or one of the files is missing, saying what to do
   */
  public static DatasetFiles locate(String name) {
    Path dir = KNOWN.getOrDefault(name, Path.of(name));
    if (!Files.isDirectory(dir)) {
      String hint =
          INSTALL_HINT.containsKey(name)
              ? "install it with: " + INSTALL_HINT.get(name)
              : "give a directory holding the four IDX files (train/t10k images and labels)";
      throw new DatasetException(
          "dataset '" + name + "': directory " + dir + " not found; " + hint);
    }
    return new DatasetFiles(
        file(dir, TRAIN_IMAGES),
        file(dir, TRAIN_LABELS),
        file(dir, TEST_IMAGES),
        file(dir, TEST_LABELS));
  }

  private static Path file(Path dir, String base) {
    Path gz = dir.resolve(base + ".gz");
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    Path plain = dir.resolve(base);
    if (Files.isRegularFile(plain)) {
      return plain;
    }
    throw new DatasetException(dir + ": missing IDX file " + base + " (or " + base + ".gz)");
  }
}
