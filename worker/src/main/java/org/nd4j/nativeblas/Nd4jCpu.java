package org.nd4j.nativeblas;

/**
 * Compatibility shim for a class-name mismatch in DeepLearning4J 1.0.0-M2; not part of bnsweep's
 * API.
 *
 * <p>DL4J M2 decides whether its oneDNN layer helpers may run ({@code
 * BaseMKLDNNHelper.mklDnnEnabled()}) by loading {@code org.nd4j.nativeblas.Nd4jCpu$Environment}
 * reflectively and calling {@code getInstance().isUseMKLDNN()}. ND4J M2 moved that binding to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu} and renamed the method {@code
 * isUseONEDNN()}, so the lookup always fails and every helper silently falls back to DL4J's
 * built-in Java path, which is several times slower on CPU. This class answers the old lookup with
 * the real binding's answer: helpers run exactly when the loaded native library was built with
 * oneDNN and reports it enabled. See {@link io.bnsweep.trial.NativeBackend}.
 */
public final class Nd4jCpu {
  private Nd4jCpu() {}

  /** The old name of ND4J's native environment, as DL4J M2 looks it up. */
  public static final class Environment {
    private static final Environment INSTANCE = new Environment();

    private Environment() {}

    /** The one instance, as the real binding's {@code getInstance()}. */
    public static Environment getInstance() {
      return INSTANCE;
    }

    /** Whether the loaded native library has oneDNN and has it switched on. */
    public boolean isUseMKLDNN() {
      return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
    }
  }
}
