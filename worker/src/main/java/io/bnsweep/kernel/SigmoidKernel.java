package io.bnsweep.kernel;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ND4J's sigmoid activation computed with {@link Logistic} in vectorised Java loops, forward and
 * backward ({@code dL/dz = dL/da σ'(z)}, with {@link Logistic#derivative}, whose relative error
 * stays small where {@code σ(z) (1 - σ(z))} in float would give 0); arrays that are not contiguous
 * float fall back to ND4J. It is still an {@link ActivationSigmoid}.
 */
public final class SigmoidKernel extends ActivationSigmoid {
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
  public INDArray getActivation(INDArray in, boolean training) {
    return calls().count(Elementwise.applyIfSupported(in, SigmoidKernel::forward))
        ? in
        : super.getActivation(in, training);
  }

  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    assertShape(in, epsilon);
    return calls().count(Elementwise.applyIfSupported(in, epsilon, SigmoidKernel::backward))
        ? new Pair<>(in, null)
        : super.backprop(in, epsilon);
  }

  private static void forward(float[] z, int n) {
    for (int i = 0; i < n; i++) {
      z[i] = Logistic.sigmoid(z[i]);
    }
  }

  /**
   * Two loops rather than one: C2 starts unrolling a loop, which its vectorisation needs, only if
   * the body has at most {@code LoopUnrollLimit} (60) nodes, and the derivative together with the
   * gradient's load and multiplication is just over. As one loop it measured ten times slower,
   * scalar code (with {@code -XX:LoopUnrollLimit=120} it was vectorised again).
   */
  private static void backward(float[] z, float[] gradient, int n) {
    for (int i = 0; i < n; i++) {
      z[i] = Logistic.derivative(z[i]);
    }
    for (int i = 0; i < n; i++) {
      z[i] *= gradient[i];
    }
  }
}
