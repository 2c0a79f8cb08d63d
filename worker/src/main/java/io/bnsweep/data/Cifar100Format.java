package io.bnsweep.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CIFAR-100's binary version ({@code cifar-100-binary.tar.gz} from
 * https://www.cs.toronto.edu/~kriz/cifar.html, which unpacks into {@code cifar-100-binary}): {@code
 * train.bin} and {@code test.bin}, each record a coarse label byte (0..19), a fine label byte
 * (0..99) and 3,072 pixel bytes. {@code labels: fine} (the default) or {@code coarse} chooses which
 * is the class; names from {@code fine_label_names.txt} or {@code coarse_label_names.txt} if
 * present. Examples keep the files' record order. Normalised per channel by default.
 */
public final class Cifar100Format implements DatasetFormat {
  static final int COARSE = 20;
  static final int FINE = 100;

  @Override
  public String name() {
    return "cifar100";
  }

  @Override
  public String layout() {
    return "CIFAR-100's train.bin and test.bin";
  }

  @Override
  public boolean recognises(Set<String> names) {
    return names.contains("train.bin") && names.contains("test.bin");
  }

  @Override
  public List<String> entries(String location, Set<String> names) {
    List<String> files = new ArrayList<>(List.of("train.bin", "test.bin"));
    for (String file : files) {
      if (!names.contains(file)) {
        throw new DatasetException(location + ": missing CIFAR file " + file);
      }
    }
    for (String meta : List.of("fine_label_names.txt", "coarse_label_names.txt")) {
      if (names.contains(meta)) {
        files.add(meta);
      }
    }
    return files;
  }

  @Override
  public Dataset read(Path dir, DatasetKey key) {
    boolean fine = key.labels() == CifarLabels.FINE;
    int index = fine ? 1 : 0;
    int[] classes = {COARSE, FINE};
    return new Dataset(
        dir.toString(),
        name(),
        CifarReader.read(List.of(CifarReader.require(dir, "train.bin")), 2, index, classes),
        CifarReader.read(List.of(CifarReader.require(dir, "test.bin")), 2, index, classes),
        CifarReader.names(
            dir.resolve(fine ? "fine_label_names.txt" : "coarse_label_names.txt"), classes[index]),
        Normalize.PER_CHANNEL);
  }
}
