package io.bnsweep.e2e;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An activation whose forward pass halts the JVM with {@link #getCode()} ({@code Runtime.halt}: no
 * shutdown hooks, no finally blocks), for {@link HaltingFamily}. A bean (no-argument constructor,
 * getter and setter), so that DL4J's JSON form of a configuration holds it.
 */
public final class HaltActivation extends BaseActivationFunction {
  private static final long serialVersionUID = 1L;
  private int code;

  public HaltActivation() {}

  public HaltActivation(int code) {
    this.code = code;
  }

  public int getCode() {
    return code;
  }

  public void setCode(int code) {
    this.code = code;
  }

  @Override
  public INDArray getActivation(INDArray in, boolean training) {
    System.err.println("[halting family] halting this JVM with exit code " + code);
    System.err.flush();
    Runtime.getRuntime().halt(code);
    return in;
  }

  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    return new Pair<>(epsilon, null);
  }

  @Override
  public String toString() {
    return "halt(" + code + ")";
  }
}
