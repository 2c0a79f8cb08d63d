package io.bnsweep.sweep;

import io.bnsweep.data.Dataset;
import io.bnsweep.data.DatasetCache;
import java.io.Serializable;
import org.apache.spark.SparkFiles;

/**
 * Where an executor reads a sweep's dataset from: the location as the spec gives it (a known name,
 * or a directory every executor can read), or the files Spark shipped to the executor with {@code
 * SparkContext.addFile}.
 *
 * @param location the dataset as the spec names it
 * @param shipped true if the executor should read the copy Spark fetched into {@link SparkFiles}
 */
public record DatasetRef(String location, boolean shipped) implements Serializable {
  /** The dataset, decoded once per executor JVM. */
  public Dataset load() {
    return DatasetCache.get(shipped ? SparkFiles.getRootDirectory() : location);
  }
}
