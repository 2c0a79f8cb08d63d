package io.bnsweep.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Turns a dataset name from a spec into a directory on disk: a known dataset ({@code
 * fashion-mnist}, installed by the Debian package {@code dataset-fashion-mnist}) or a directory.
 */
public final class DatasetLocator {
  /** Known datasets: name to the directory their Debian package installs. */
  public static final Map<String, Path> KNOWN =
      Map.of("fashion-mnist", Path.of("/usr/share/datasets/fashion-mnist"));

  private static final Map<String, String> INSTALL_HINT =
      Map.of("fashion-mnist", "apt-get install -y dataset-fashion-mnist");

  private DatasetLocator() {}

  /**
   * The directory of {@code name}.
   *
   * @throws DatasetException if it does not exist, saying what to do
   */
  public static Path directory(String name) {
    Path dir = KNOWN.getOrDefault(name, Path.of(name));
    if (!Files.isDirectory(dir)) {
      String hint =
          INSTALL_HINT.containsKey(name)
              ? "install it with: " + INSTALL_HINT.get(name)
              : "give a directory holding a dataset (IDX, CIFAR-10, CIFAR-100 or an image folder)";
      throw new DatasetException(
          "dataset '" + name + "': directory " + dir + " not found; " + hint);
    }
    return DatasetFormats.unwrap(dir);
  }

  /**
   * The format of the dataset of {@code key} in {@code dir}: the one it names, or the one detected.
   */
  public static DatasetFormat format(Path dir, DatasetKey key) {
    return DatasetFormats.of(dir.toString(), key.format(), DatasetFormats.list(dir));
  }
}
