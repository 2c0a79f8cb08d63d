package io.bnsweep.data;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A train/test pair of labelled image sets, read from one directory in one format.
 *
 * @param location where it was read from, as the user named it
 * @param format the name of the format it was read in ({@link DatasetFormat#name()})
 * @param train the training split
 * @param test the test split
 * @param classNames one name per class, in label order (the folder names of an image folder,
 *     CIFAR's meta files, or the label numbers)
 * @param defaultNormalize the normalisation of trials that do not choose one
 */
public record Dataset(
    String location,
    String format,
    LabeledImages train,
    LabeledImages test,
    List<String> classNames,
    Normalize defaultNormalize) {
  public Dataset {
    classNames = List.copyOf(classNames);
    if (!train.shape().equals(test.shape())) {
      throw new DatasetException(
          location
              + ": test images are "
              + test.shape()
              + " but the training images are "
              + train.shape());
    }
    if (classNames.size() != train.shape().classes()) {
      throw new IllegalArgumentException(
          classNames.size() + " class names for " + train.shape().classes() + " classes");
    }
  }

  /** An IDX-like dataset: classes named by their numbers, normalised to [0, 1] by default. */
  public Dataset(String location, LabeledImages train, LabeledImages test) {
    this(location, "idx", train, test, numbers(train.shape().classes()), Normalize.UNIT);
  }

  /** Channels, image size and classes of every example. */
  public InputShape shape() {
    return train.shape();
  }

  /** {@code "0"}, {@code "1"}, ...: the names of classes that have only numbers. */
  public static List<String> numbers(int classes) {
    return IntStream.range(0, classes).mapToObj(Integer::toString).toList();
  }
}
