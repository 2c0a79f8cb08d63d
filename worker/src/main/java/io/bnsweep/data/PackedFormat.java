package io.bnsweep.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A decoded dataset in one file ({@value #FILE}), which the driver writes to ship a dataset of many
 * files (an image folder) to executors as one: Spark's {@code addFile} of a folder would leave
 * executors fetching each file from the driver's original path.
 *
 * <p>Layout, big-endian: the int magic {@code "BNSP"}, the int version 1, the original format's
 * name and default normalisation (modified UTF-8, as {@link DataOutputStream#writeUTF}), channels,
 * height, width and classes (ints), the class names, then the train and the test split, each as its
 * count (int), its labels (ints) and its pixel bytes in {@link LabeledImages}' layout.
 */
public final class PackedFormat implements DatasetFormat {
  /** The file's name. */
  public static final String FILE = "bnsweep-packed.bin";

  private static final int MAGIC = 0x424E5350;
  private static final int VERSION = 1;

  @Override
  public String name() {
    return "packed";
  }

  @Override
  public String layout() {
    return "bnsweep's packed file " + FILE;
  }

  @Override
  public boolean recognises(Set<String> names) {
    return names.contains(FILE);
  }

  @Override
  public List<String> entries(String location, Set<String> names) {
    if (!names.contains(FILE)) {
      throw new DatasetException(location + ": missing " + FILE);
    }
    return List.of(FILE);
  }

  /** Writes {@code data} into {@code dir}/{@value #FILE} and returns the file. */
  public static Path write(Dataset data, Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      InputShape shape = data.shape();
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(data.format());
      out.writeUTF(data.defaultNormalize().name());
      out.writeInt(shape.channels());
      out.writeInt(shape.height());
      out.writeInt(shape.width());
      out.writeInt(shape.classes());
      for (String name : data.classNames()) {
        out.writeUTF(name);
      }
      for (LabeledImages split : List.of(data.train(), data.test())) {
        out.writeInt(split.count());
        for (int label : split.labels()) {
          out.writeInt(label);
        }
        out.write(split.pixels());
      }
    }
    return file;
  }

  @Override
  public Dataset read(Path dir, DatasetKey key) {
    Path file = dir.resolve(FILE);
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      long size = Files.size(file);
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        throw new DatasetException(file + ": not a bnsweep packed dataset of version " + VERSION);
      }
      String format = in.readUTF();
      Normalize normalize = Normalize.valueOf(in.readUTF());
      InputShape shape = new InputShape(in.readInt(), in.readInt(), in.readInt(), in.readInt());
      if ((long) shape.classes() > size || (long) shape.imageSize() > size) {
        throw new DatasetException(file + ": header declares more than the file holds");
      }
      List<String> names = new ArrayList<>();
      for (int i = 0; i < shape.classes(); i++) {
        names.add(in.readUTF());
      }
      LabeledImages train = split(in, file, shape, size);
      LabeledImages test = split(in, file, shape, size);
      return new Dataset(dir.toString(), format, train, test, names, normalize);
    } catch (EOFException e) {
      throw new DatasetException(file + ": truncated");
    } catch (IOException | IllegalArgumentException e) {
      throw new DatasetException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  private static LabeledImages split(DataInputStream in, Path file, InputShape shape, long size)
      throws IOException {
    int count = in.readInt();
    if (count <= 0 || (long) count * shape.imageSize() > size) {
      throw new DatasetException(file + ": a split declares " + count + " images");
    }
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = in.readInt();
    }
    LabeledImages.checkLabels(file.toString(), labels, shape.classes());
    byte[] pixels = new byte[count * shape.imageSize()];
    in.readFully(pixels);
    return new LabeledImages(shape, count, pixels, labels);
  }
}
