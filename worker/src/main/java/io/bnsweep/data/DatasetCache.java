package io.bnsweep.data;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Decodes each dataset once per JVM and hands the same instance to every trial after that.
 *
 * <p>Keyed by {@link DatasetKey}: location, format and decoding options. Thread-safe: concurrent
 * trials asking for the same dataset wait for one decode. Datasets are read-only once built, so
 * sharing them between trials is safe; each trial converts the bytes it batches to floats.
 */
public final class DatasetCache {
  private static final ConcurrentMap<DatasetKey, Dataset> CACHE = new ConcurrentHashMap<>();

  private DatasetCache() {}

  /**
   * The dataset of {@code key}, decoded on first use.
   *
   * @throws DatasetException if it cannot be located or read
   */
  public static Dataset get(DatasetKey key) {
    return CACHE.computeIfAbsent(key, DatasetCache::load);
  }

  /** The dataset at {@code location}, its format detected, without options. */
  public static Dataset get(String location) {
    return get(DatasetKey.of(location));
  }

  private static Dataset load(DatasetKey key) {
    Path dir = DatasetLocator.directory(key.location());
    Dataset data = DatasetLocator.format(dir, key).read(dir, key);
    return new Dataset(
        key.location(),
        data.format(),
        data.train(),
        data.test(),
        data.classNames(),
        data.defaultNormalize());
  }
}
