package io.bnsweep.kernel;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a float loop over every element of a contiguous float array, in place, a chunk at a time:
 * ND4J's off-heap buffer is copied into a Java array, transformed, and copied back, so that the
 * loop works on a plain {@code float[]}, which the JIT vectorises.
 */
final class Elementwise {
  private static final int CHUNK = 8192;

  /** Transforms {@code x[0..n)} in place. */
  @FunctionalInterface
  interface Unary {
    void apply(float[] x, int n);
  }

  /** Transforms {@code x[0..n)} in place, reading {@code y[0..n)} alongside. */
  @FunctionalInterface
  interface Binary {
    void apply(float[] x, float[] y, int n);
  }

  private Elementwise() {}

  /** Whether {@code a} is a float array laid out contiguously in C order. */
  static boolean supports(INDArray a) {
    return a.dataType() == DataType.FLOAT && contiguous(a);
  }

  /**
   * Whether {@code a}'s elements are contiguous, in C order: each dimension of more than one
   * element steps over all the later ones. Dimensions of size 1 have no say (ND4J gives them
   * strides, and sometimes an ordering flag, that no element is read with).
   */
  static boolean contiguous(INDArray a) {
    long[] shape = a.shape();
    long[] stride = a.stride();
    long step = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] != 1 && stride[d] != step) {
        return false;
      }
      step *= shape[d];
    }
    return true;
  }

  /**
   * Applies {@code f} to every element of {@code x} if {@link #supports} accepts it; returns
   * whether it did (if not, {@code x} is untouched and the caller takes another path).
   */
  static boolean applyIfSupported(INDArray x, Unary f) {
    if (!supports(x)) {
      return false;
    }
    FloatBuffer xs = x.data().asNioFloat();
    int offset = (int) x.offset();
    long length = x.length();
    float[] chunk = new float[(int) Math.min(CHUNK, length)];
    for (long done = 0; done < length; done += CHUNK) {
      int n = (int) Math.min(CHUNK, length - done);
      int at = offset + (int) done;
      xs.get(at, chunk, 0, n);
      f.apply(chunk, n);
      xs.put(at, chunk, 0, n);
    }
    return true;
  }

  /**
   * Applies {@code f} to every element of {@code x} with the element of {@code y} at the same index
   * if {@link #supports} accepts both; returns whether it did.
   *
   * @throws IllegalArgumentException if their lengths differ
   */
  static boolean applyIfSupported(INDArray x, INDArray y, Binary f) {
    if (!supports(x) || !supports(y)) {
      return false;
    }
    if (x.length() != y.length()) {
      throw new IllegalArgumentException(
          "arrays of " + x.length() + " and " + y.length() + " elements");
    }
    FloatBuffer xs = x.data().asNioFloat();
    FloatBuffer ys = y.data().asNioFloat();
    int xOffset = (int) x.offset();
    int yOffset = (int) y.offset();
    long length = x.length();
    float[] xChunk = new float[(int) Math.min(CHUNK, length)];
    float[] yChunk = new float[xChunk.length];
    for (long done = 0; done < length; done += CHUNK) {
      int n = (int) Math.min(CHUNK, length - done);
      xs.get(xOffset + (int) done, xChunk, 0, n);
      ys.get(yOffset + (int) done, yChunk, 0, n);
      f.apply(xChunk, yChunk, n);
      xs.put(xOffset + (int) done, xChunk, 0, n);
    }
    return true;
  }
}
