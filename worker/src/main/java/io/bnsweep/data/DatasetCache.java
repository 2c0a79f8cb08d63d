package io.bnsweep.data;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Decodes each dataset once per JVM and hands the same instance to every trial after that.
 *
 * <p>Thread-safe: concurrent trials asking for the same dataset wait for one decode. Datasets are
 * read-only once built, so sharing them between trials is safe.
 */
public final class DatasetCache {
  private static final ConcurrentMap<String, Dataset> CACHE = new ConcurrentHashMap<>();

  private DatasetCache() {}

  /**
   * The dataset called {@code name}, decoded on first use.
   *
   * @throws DatasetException if it cannot be located or read
   */
  public static Dataset get(String name) {
    return CACHE.computeIfAbsent(name, DatasetCache::load);
  }

  private static Dataset load(String name) {
    DatasetLocator.DatasetFiles files = DatasetLocator.locate(name);
    LabeledImages train = LabeledImages.read(files.trainImages(), files.trainLabels());
    LabeledImages test = LabeledImages.read(files.testImages(), files.testLabels());
    if (train.rows() != test.rows() || train.cols() != test.cols()) {
      throw new DatasetException(
          files.testImages()
              + ": images are "
              + test.rows()
              + "x"
              + test.cols()
              + " but the training images are "
              + train.rows()
              + "x"
              + train.cols());
    }
    return new Dataset(name, train, test);
  }
}
