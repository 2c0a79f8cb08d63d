package io.bnsweep.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every dataset format bnsweep reads, and the detection of a directory's format. */
public final class DatasetFormats {
  /** The formats, in the order detection tries them. */
  public static final List<DatasetFormat> ALL =
      List.of(
          new IdxFormat(),
          new Cifar10Format(),
          new Cifar100Format(),
          new ImageFolderFormat(),
          new PackedFormat());

  private DatasetFormats() {}

  /** The formats' names. */
  public static List<String> names() {
    return ALL.stream().map(DatasetFormat::name).toList();
  }

  /** The format called {@code name}. */
  public static DatasetFormat named(String name) {
    return ALL.stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown dataset format '" + name + "'"));
  }

  /**
   * The format of a directory holding entries called {@code names}: {@code format} if it is given,
   * else the one format that recognises them.
   *
   * @throws DatasetException naming {@code location} if none does, saying what each expects
   */
  public static DatasetFormat of(String location, String format, Set<String> names) {
    if (!format.equals(DataSource.AUTO)) {
      return named(format);
    }
    List<DatasetFormat> found = ALL.stream().filter(f -> f.recognises(names)).toList();
    if (found.size() == 1) {
      return found.get(0);
    }
    if (found.isEmpty()) {
      throw new DatasetException(
          location
              + ": cannot detect the dataset format; expected "
              + ALL.stream()
                  .filter(f -> !(f instanceof PackedFormat))
                  .map(f -> f.layout() + " (" + f.name() + ")")
                  .collect(Collectors.joining(", or "))
              + "; or give dataset: {format: F, path: P}");
    }
    throw new DatasetException(
        location
            + ": holds datasets of several formats ("
            + found.stream().map(DatasetFormat::name).collect(Collectors.joining(", "))
            + "); choose one with dataset: {format: F, path: P}");
  }

  /**
   * The directory of a downloaded archive: CIFAR's archives unpack into one folder ({@code
   * cifar-10-batches-bin}), so a directory that holds only one folder and no dataset stands for
   * that folder.
   */
  public static Path unwrap(Path dir) {
    Set<String> names = list(dir);
    if (names.size() == 1
        && ALL.stream().noneMatch(f -> f.recognises(names))
        && Files.isDirectory(dir.resolve(names.iterator().next()))) {
      return dir.resolve(names.iterator().next());
    }
    return dir;
  }

  /** The names of the entries of {@code dir}. */
  public static Set<String> list(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .map(p -> p.getFileName().toString())
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new DatasetException(dir + ": cannot list the directory (" + e.getMessage() + ")");
    }
  }
}
