package io.bnsweep.data;

import java.io.Serializable;
import java.util.List;

/**
 * Everything that decides the decoded bytes of a dataset: where it is, its format, and the options
 * applied while decoding. The per-JVM {@link DatasetCache} is keyed by it, so two sweeps (or two
 * trials) share a decoded dataset exactly when they would decode the same bytes.
 *
 * @param location a known dataset name, a directory or (on the driver) a URI
 * @param format a format name ({@link DatasetFormats}), or {@link DataSource#AUTO} to detect it
 * @param labels CIFAR-100's label set (ignored by other formats)
 * @param resize {@code [height, width]} every image of an image folder is scaled to, or empty
 */
public record DatasetKey(String location, String format, CifarLabels labels, List<Integer> resize)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public DatasetKey {
    resize = List.copyOf(resize);
  }

  /** The dataset at {@code location}, its format detected, no options. */
  public static DatasetKey of(String location) {
    return new DatasetKey(location, DataSource.AUTO, CifarLabels.FINE, List.of());
  }

  /** The same dataset read from {@code dir} instead (a local copy, or the files Spark shipped). */
  public DatasetKey at(String dir) {
    return new DatasetKey(dir, format, labels, resize);
  }

  /** The same dataset read in {@code name} format. */
  public DatasetKey inFormat(String name) {
    return new DatasetKey(location, name, labels, resize);
  }
}
