package io.bnsweep.kernel;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's plain ReLU with a faster backward pass: {@code dL/dz = step(z) * dL/da}, with {@code
 * step(z) = z > 0 ? 1 : 0}, as two of ND4J's vectorised in-place ops (a scalar op and a pairwise
 * multiply) on {@code in}, the copy of {@code z} DL4J's activation layer has already made for the
 * purpose.
 *
 * <p>Why: ND4J M2's ReLU backward is its {@code relu_bp} op, which took about 4x an ordinary
 * pairwise op on activation-sized arrays (1.5 ms against 0.4 ms for 64x16x28x28 floats), and writes
 * into a new array that the layer then copies into its gradient workspace; in a ResNet-20 step its
 * 19 ReLU layers' backward passes were about 10% of the time (BENCHMARKS.md, issue 16). Here the
 * result is {@code in} itself, already in that workspace, so there is no allocation and no copy.
 *
 * <p>The same numbers as ND4J's {@code relu_bp} wherever the gradient is finite, except that a
 * negative gradient at {@code z <= 0} gives {@code -0.0} instead of {@code 0.0} (equal as numbers);
 * a non-finite gradient at {@code z <= 0} gives NaN instead of 0 (a trial stops at a non-finite
 * loss anyway). The forward pass is ND4J's (in place already). It is still an {@link
 * ActivationReLU}, so code that asks which activation a layer has gets the same answer.
 */
public final class ReluKernel extends ActivationReLU {
  private static final long serialVersionUID = 1L;

  /** Not part of the configuration (transient: neither in its JSON nor its equality). */
  private transient KernelCalls calls;

  /** The calls this kernel served and declined so far. */
  KernelUse use() {
    return calls().use();
  }

  private KernelCalls calls() {
    if (calls == null) {
      calls = new KernelCalls();
    }
    return calls;
  }

  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    assertShape(in, epsilon);
    if (!calls().count(in.dataType() == epsilon.dataType() && in.dataType().isFPType())) {
      return super.backprop(in, epsilon);
    }
    Nd4j.getExecutioner().exec(new Step(in, 0.0));
    in.muli(epsilon);
    return new Pair<>(in, null);
  }
}
