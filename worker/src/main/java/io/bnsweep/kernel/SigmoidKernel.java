package io.bnsweep.kernel;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ND4J's sigmoid activation computed with {@link RationalTanh#sigmoid} in vectorised Java loops,
 * forward and backward ({@code dL/dz = dL/da σ(z) (1 - σ(z))}); arrays that are not contiguous
 * float fall back to ND4J. It is still an {@link ActivationSigmoid}.
 */
public final class SigmoidKernel extends ActivationSigmoid {
  private static final long serialVersionUID = 1L;

  @Override
  public INDArray getActivation(INDArray in, boolean training) {
    return Elementwise.applyIfSupported(in, SigmoidKernel::forward)
        ? in
        : super.getActivation(in, training);
  }

  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    assertShape(in, epsilon);
    return Elementwise.applyIfSupported(in, epsilon, SigmoidKernel::backward)
        ? new Pair<>(in, null)
        : super.backprop(in, epsilon);
  }

  private static void forward(float[] z, int n) {
    for (int i = 0; i < n; i++) {
      z[i] = RationalTanh.sigmoid(z[i]);
    }
  }

  private static void backward(float[] z, float[] gradient, int n) {
    for (int i = 0; i < n; i++) {
      float a = RationalTanh.sigmoid(z[i]);
      z[i] = gradient[i] * a * (1f - a);
    }
  }
}
