package io.bnsweep.sweep;

import io.bnsweep.data.Dataset;
import io.bnsweep.data.DatasetCache;
import io.bnsweep.data.DatasetKey;
import io.bnsweep.data.PackedFormat;
import java.io.Serializable;
import org.apache.spark.SparkFiles;

/**
 * Where an executor reads a sweep's dataset from: the location as the spec gives it (a known name,
 * or a directory every executor can read), or the files Spark shipped to the executor with {@code
 * SparkContext.addFile}: the dataset's own files, or the one file the driver packed it into.
 *
 * @param key the dataset as the spec names it, with its decoding options
 * @param shipped true if the executor should read the copy Spark fetched into {@link SparkFiles}
 * @param packed true if that copy is the driver's {@link PackedFormat} file
 */
public record DatasetRef(DatasetKey key, boolean shipped, boolean packed) implements Serializable {
  /** The location the spec gives, for messages. */
  public String location() {
    return key.location();
  }

  /** The dataset, decoded once per executor JVM. */
  public Dataset load() {
    if (!shipped) {
      return DatasetCache.get(key);
    }
    DatasetKey local = key.at(SparkFiles.getRootDirectory());
    return DatasetCache.get(packed ? local.inFormat(new PackedFormat().name()) : local);
  }
}
