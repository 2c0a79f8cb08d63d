package io.bnsweep.kernel;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ND4J's tanh activation computed with {@link RationalTanh} in vectorised Java loops, forward and
 * backward ({@code dL/dz = dL/da (1 - tanh(z)²)}); arrays that are not contiguous float fall back
 * to ND4J. It is still an {@link ActivationTanH}, so code that asks which activation a layer has
 * gets the same answer.
 */
public final class TanhKernel extends ActivationTanH {
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
    return calls().count(Elementwise.applyIfSupported(in, TanhKernel::forward))
        ? in
        : super.getActivation(in, training);
  }

  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    assertShape(in, epsilon);
    return calls().count(Elementwise.applyIfSupported(in, epsilon, TanhKernel::backward))
        ? new Pair<>(in, null)
        : super.backprop(in, epsilon);
  }

  private static void forward(float[] z, int n) {
    for (int i = 0; i < n; i++) {
      z[i] = RationalTanh.tanh(z[i]);
    }
  }

  private static void backward(float[] z, float[] gradient, int n) {
    for (int i = 0; i < n; i++) {
      float a = RationalTanh.tanh(z[i]);
      z[i] = gradient[i] * (1f - a * a);
    }
  }
}
