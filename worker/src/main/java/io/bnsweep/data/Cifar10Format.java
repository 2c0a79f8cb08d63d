package io.bnsweep.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CIFAR-10's binary version ({@code cifar-10-binary.tar.gz} from
 * https://www.cs.toronto.edu/~kriz/cifar.html, which unpacks into {@code cifar-10-batches-bin}):
 * {@code data_batch_1.bin} to {@code data_batch_5.bin} and {@code test_batch.bin}, each record 1
 * label byte (0..9) and 3,072 pixel bytes (a full file is 10,000 records, 30,730,000 bytes); class
 * names from {@code batches.meta.txt} if present. Examples keep the order of the batches and of
 * their records. Normalised per channel by default.
 */
public final class Cifar10Format implements DatasetFormat {
  static final int CLASSES = 10;
  static final String TEST = "test_batch.bin";
  static final String META = "batches.meta.txt";

  /** The training files, in order. */
  static List<String> trainFiles() {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      names.add("data_batch_" + i + ".bin");
    }
    return names;
  }

  @Override
  public String name() {
    return "cifar10";
  }

  @Override
  public String layout() {
    return "CIFAR-10's data_batch_1.bin .. data_batch_5.bin and test_batch.bin";
  }

  @Override
  public boolean recognises(Set<String> names) {
    return names.contains("data_batch_1.bin");
  }

  @Override
  public List<String> entries(String location, Set<String> names) {
    List<String> files = new ArrayList<>(trainFiles());
    files.add(TEST);
    for (String file : files) {
      if (!names.contains(file)) {
        throw new DatasetException(location + ": missing CIFAR file " + file);
      }
    }
    if (names.contains(META)) {
      files.add(META);
    }
    return files;
  }

  @Override
  public Dataset read(Path dir, DatasetKey key) {
    List<Path> train = new ArrayList<>();
    for (String name : trainFiles()) {
      train.add(CifarReader.require(dir, name));
    }
    int[] classes = {CLASSES};
    return new Dataset(
        dir.toString(),
        name(),
        CifarReader.read(train, 1, 0, classes),
        CifarReader.read(List.of(CifarReader.require(dir, TEST)), 1, 0, classes),
        CifarReader.names(dir.resolve(META), CLASSES),
        Normalize.PER_CHANNEL);
  }
}
