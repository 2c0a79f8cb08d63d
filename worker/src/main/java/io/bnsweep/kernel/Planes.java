package io.bnsweep.kernel;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A 4-d NCHW array seen as {@code count} contiguous planes of {@code size} floats. */
final class Planes {
  final int count;
  final int channels;
  final int size;
  final int width;
  private final FloatBuffer buffer;
  private final int offset;

  private Planes(INDArray a) {
    count = (int) (a.size(0) * a.size(1));
    channels = (int) a.size(1);
    size = (int) (a.size(2) * a.size(3));
    width = (int) a.size(3);
    buffer = a.data().asNioFloat();
    offset = (int) a.offset();
  }

  /** The planes of {@code array}, or of a contiguous copy if it is a strided view. */
  static Planes reading(INDArray array) {
    return new Planes(Elementwise.contiguous(array) ? array : array.dup('c'));
  }

  /** The planes of {@code array}, which receives what is written. */
  static Planes writing(INDArray array) {
    if (!Elementwise.contiguous(array)) {
      throw new IllegalArgumentException("output array is not contiguous C order");
    }
    return new Planes(array);
  }

  /** {@code buffer} if it holds {@code size} floats, else a new one that does. */
  static float[] atLeast(float[] buffer, int size) {
    return buffer.length < size ? new float[size] : buffer;
  }

  void read(int plane, float[] into) {
    buffer.get(offset + plane * size, into, 0, size);
  }

  void write(int plane, float[] from) {
    buffer.put(offset + plane * size, from, 0, size);
  }
}
