package io.bnsweep.sweep;

import io.bnsweep.data.DatasetException;
import io.bnsweep.data.DatasetFormat;
import io.bnsweep.data.DatasetFormats;
import io.bnsweep.data.DatasetKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Datasets named by a URI ({@code hdfs://}, {@code s3a://}, {@code file://}, any scheme Hadoop's
 * FileSystem API knows), read through Hadoop. The dataset's format says which files make it up.
 */
final class HadoopDatasets {
  private HadoopDatasets() {}

  /** True if {@code dataset} is a URI with a scheme, to be read through Hadoop. */
  static boolean isUri(String dataset) {
    int colon = dataset.indexOf("://");
    return colon > 1 && dataset.substring(0, colon).matches("[a-zA-Z][a-zA-Z0-9+.-]*");
  }

  /**
   * The files of a dataset at a URI.
   *
   * @param format the dataset's format, as given or detected
   * @param files each file's URI and its path relative to the dataset's directory
   */
  record Listing(DatasetFormat format, List<URI> files, List<String> relative) {}

  /**
   * The files of the dataset of {@code key}, whose location is a URI.
   *
   * @throws DatasetException if the directory or a file is missing or unreachable
   */
  static Listing files(DatasetKey key, Configuration hadoop) {
    String uri = key.location();
    try {
      URI dir = new URI(uri.endsWith("/") ? uri : uri + "/");
      FileSystem fs = FileSystem.get(dir, hadoop);
      org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir);
      if (!fs.exists(root)) {
        throw new DatasetException("dataset '" + uri + "': directory not found");
      }
      Set<String> names = names(fs, root);
      if (names.size() == 1
          && DatasetFormats.ALL.stream().noneMatch(f -> f.recognises(names))
          && fs.getFileStatus(new org.apache.hadoop.fs.Path(root, names.iterator().next()))
              .isDirectory()) {
        root = new org.apache.hadoop.fs.Path(root, names.iterator().next()); // an unpacked archive
      }
      Set<String> entries = names(fs, root);
      DatasetFormat format = DatasetFormats.of("dataset '" + uri + "'", key.format(), entries);
      List<URI> files = new ArrayList<>();
      List<String> relative = new ArrayList<>();
      for (String entry : format.entries("dataset '" + uri + "'", entries)) {
        collect(fs, new org.apache.hadoop.fs.Path(root, entry), entry, files, relative);
      }
      return new Listing(format, files, relative);
    } catch (URISyntaxException e) {
      throw new DatasetException("dataset '" + uri + "': not a valid URI (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new DatasetException("dataset '" + uri + "': cannot read through Hadoop (" + e + ")");
    }
  }

  private static Set<String> names(FileSystem fs, org.apache.hadoop.fs.Path dir)
      throws IOException {
    Set<String> names = new TreeSet<>();
    for (FileStatus status : fs.listStatus(dir)) {
      names.add(status.getPath().getName());
    }
    return names;
  }

  private static void collect(
      FileSystem fs,
      org.apache.hadoop.fs.Path path,
      String relative,
      List<URI> files,
      List<String> relatives)
      throws IOException {
    FileStatus status = fs.getFileStatus(path);
    if (status.isDirectory()) {
      for (FileStatus child : fs.listStatus(path)) {
        String name = child.getPath().getName();
        collect(fs, child.getPath(), relative + "/" + name, files, relatives);
      }
    } else {
      files.add(path.toUri());
      relatives.add(relative);
    }
  }

  /**
   * Copies the dataset of {@code key} into a new local temporary directory (deleted when the JVM
   * exits) and returns it, so the driver can decode and validate it.
   */
  static Path copyToLocal(DatasetKey key, Configuration hadoop) {
    try {
      Path dir = Files.createTempDirectory("bnsweep-dataset-");
      dir.toFile().deleteOnExit();
      Listing listing = files(key, hadoop);
      for (int i = 0; i < listing.files().size(); i++) {
        URI file = listing.files().get(i);
        Path dst = dir.resolve(listing.relative().get(i));
        Files.createDirectories(dst.getParent());
        try (InputStream in =
            FileSystem.get(file, hadoop).open(new org.apache.hadoop.fs.Path(file))) {
          Files.copy(in, dst);
        }
        deleteOnExit(dir, dst);
      }
      return dir;
    } catch (IOException e) {
      throw new DatasetException(
          "dataset '" + key.location() + "': cannot copy through Hadoop (" + e + ")");
    }
  }

  /** Marks {@code file} and its folders up to {@code root} for deletion (children first). */
  private static void deleteOnExit(Path root, Path file) {
    List<Path> chain = new ArrayList<>();
    for (Path p = file.getParent(); p != null && !p.equals(root); p = p.getParent()) {
      chain.add(0, p);
    }
    chain.forEach(p -> p.toFile().deleteOnExit());
    file.toFile().deleteOnExit();
  }
}
