package io.bnsweep.bench;

import io.bnsweep.trial.NativeBackend;
import io.bnsweep.trial.NativeThreads;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The two native paths of 2x2 max pooling that {@code MaxPoolKernel} chooses between, on the cnn's
 * first pooling layer (64 x 16 x 26 x 26, one thread): ND4J's {@code maxpool2d} and {@code
 * maxpool2d_bp} ops with ND4J's oneDNN allowed, and with it declined (ND4J's own loops). Output
 * arrays are allocated once. Five rounds of 50 calls each; prints ms per call. Run it as it is and
 * with {@code --isa avx2} to see both instruction sets.
 */
public final class PoolingSpeed {
  private static final int CALLS = 50;

  private PoolingSpeed() {}

  public static void main(String[] args) throws Exception {
    NativeBackend.select();
    NativeThreads.limit(1);
    INDArray x = Nd4j.rand(DataType.FLOAT, 64, 16, 26, 26);
    INDArray eps = Nd4j.rand(DataType.FLOAT, 64, 16, 13, 13);
    INDArray out = Nd4j.create(DataType.FLOAT, 64, 16, 13, 13);
    INDArray dx = Nd4j.create(DataType.FLOAT, 64, 16, 26, 26);
    System.out.println("ms per call, 64 x 16 x 26 x 26, 2x2 stride 2, 1 thread");
    for (int round = 1; round <= 5; round++) {
      System.out.printf(
          Locale.ROOT,
          "round %d: oneDNN forward %.3f, backward %.3f | ND4J's loops forward %.3f, backward"
              + " %.3f%n",
          round,
          time("maxpool2d", true, out, x),
          time("maxpool2d_bp", true, dx, x, eps),
          time("maxpool2d", false, out, x),
          time("maxpool2d_bp", false, dx, x, eps));
    }
  }

  private static double time(String name, boolean helpers, INDArray output, INDArray... inputs)
      throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < CALLS; i++) {
      OpContext context = Nd4j.getExecutioner().buildContext();
      try {
        context.allowHelpers(helpers);
        context.setIArguments(2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 0);
        context.setInputArrays(inputs);
        context.setOutputArrays(output);
        Nd4j.exec(DynamicCustomOp.builder(name).build(), context);
      } finally {
        context.close();
      }
    }
    return (System.nanoTime() - start) / 1e6 / CALLS;
  }
}
