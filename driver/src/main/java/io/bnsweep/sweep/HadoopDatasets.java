package io.bnsweep.sweep;

import io.bnsweep.data.DatasetException;
import io.bnsweep.data.DatasetLocator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Datasets named by a URI ({@code hdfs://}, {@code s3a://}, {@code file://}, any scheme Hadoop's
 * FileSystem API knows), read through Hadoop.
 */
final class HadoopDatasets {
  private HadoopDatasets() {}

  /** True if {@code dataset} is a URI with a scheme, to be read through Hadoop. */
  static boolean isUri(String dataset) {
    int colon = dataset.indexOf("://");
    return colon > 1 && dataset.substring(0, colon).matches("[a-zA-Z][a-zA-Z0-9+.-]*");
  }

  /**
   * The URIs of the four IDX files of the dataset at {@code uri}, each gzipped or not.
   *
   * @throws DatasetException if the directory or a file is missing or unreachable
   */
  static List<URI> files(String uri, Configuration hadoop) {
    try {
      URI dir = new URI(uri.endsWith("/") ? uri : uri + "/");
      FileSystem fs = FileSystem.get(dir, hadoop);
      org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir);
      if (!fs.exists(root)) {
        throw new DatasetException("dataset '" + uri + "': directory not found");
      }
      List<URI> files = new ArrayList<>();
      for (String base : DatasetLocator.FILE_NAMES) {
        org.apache.hadoop.fs.Path gz = new org.apache.hadoop.fs.Path(root, base + ".gz");
        org.apache.hadoop.fs.Path plain = new org.apache.hadoop.fs.Path(root, base);
        if (fs.exists(gz)) {
          files.add(gz.toUri());
        } else if (fs.exists(plain)) {
          files.add(plain.toUri());
        } else {
          throw new DatasetException(
              "dataset '" + uri + "': missing IDX file " + base + " (or " + base + ".gz)");
        }
      }
      return files;
    } catch (URISyntaxException e) {
      throw new DatasetException("dataset '" + uri + "': not a valid URI (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new DatasetException("dataset '" + uri + "': cannot read through Hadoop (" + e + ")");
    }
  }

  /**
   * Copies the dataset at {@code uri} into a new local temporary directory (deleted when the JVM
   * exits) and returns it, so the driver can decode and validate it.
   */
  static Path copyToLocal(String uri, Configuration hadoop) {
    try {
      Path dir = Files.createTempDirectory("bnsweep-dataset-");
      dir.toFile().deleteOnExit();
      for (URI file : files(uri, hadoop)) {
        org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(file);
        Path dst = dir.resolve(src.getName());
        try (InputStream in = FileSystem.get(file, hadoop).open(src)) {
          Files.copy(in, dst);
        }
        dst.toFile().deleteOnExit();
      }
      return dir;
    } catch (IOException e) {
      throw new DatasetException("dataset '" + uri + "': cannot copy through Hadoop (" + e + ")");
    }
  }
}
