package io.bnsweep.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** An activation kernel counts the calls it served and those it handed to ND4J. */
class KernelCallsTest {
  @Test
  void aDoubleArrayIsDeclinedAndAFloatOneServed() {
    TanhKernel tanh = new TanhKernel();
    INDArray floats = Nd4j.rand(DataType.FLOAT, 3, 5);
    INDArray doubles = Nd4j.rand(DataType.DOUBLE, 3, 5);

    tanh.getActivation(floats, true);
    tanh.getActivation(doubles, true);
    tanh.backprop(Nd4j.rand(DataType.DOUBLE, 3, 5), Nd4j.rand(DataType.DOUBLE, 3, 5));

    assertEquals(new KernelUse(1, 2), tanh.use());
  }
}
