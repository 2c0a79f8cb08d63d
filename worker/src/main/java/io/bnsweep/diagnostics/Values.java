package io.bnsweep.diagnostics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Copies ND4J arrays into Java arrays, so statistics are computed exactly and in double. */
final class Values {
  private Values() {}

  /**
   * The elements of {@code array} in C (row-major) order: for an NCHW activation, example by
   * example, then channel, row and column.
   */
  static float[] of(INDArray array) {
    INDArray flat = array.castTo(DataType.FLOAT).dup('c');
    float[] values = flat.data().asFloat();
    if (values.length != flat.length()) {
      throw new IllegalStateException(
          "buffer of " + values.length + " floats for an array of " + flat.length());
    }
    return values;
  }
}
