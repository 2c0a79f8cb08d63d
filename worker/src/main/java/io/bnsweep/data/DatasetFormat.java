package io.bnsweep.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One way of storing a labelled image dataset on disk. Adding a format is one class implementing
 * this (named {@code <Noun>Format}) and one line in {@link DatasetFormats#ALL}.
 *
 * <p>Every format decodes to the same {@link LabeledImages} layout and to one order of examples,
 * which it documents: the order of its files, or for an image folder by class and then file name.
 */
public interface DatasetFormat {
  /** The spec's name of the format ({@code dataset: {format: NAME, path: ...}}). */
  String name();

  /** What a directory of this format holds, for "cannot detect" errors. */
  String layout();

  /** True if a directory holding entries called {@code names} is in this format. */
  boolean recognises(Set<String> names);

  /**
   * The entries of a directory holding {@code names} that make up the dataset, for copying through
   * Hadoop and shipping to executors: files, or for an image folder its two split folders.
   *
   * @throws DatasetException naming {@code location} and the entry that is missing
   */
  List<String> entries(String location, Set<String> names);

  /**
   * True if shipping copies {@link #entries} file by file; false if the driver packs the decoded
   * dataset into one file first ({@link PackedFormat}), as for image folders of many files.
   */
  default boolean shipsFiles() {
    return true;
  }

  /**
   * Decodes the dataset in {@code dir} with the options of {@code key}.
   *
   * @throws DatasetException naming the file and the problem
   */
  Dataset read(Path dir, DatasetKey key);
}
