package io.bnsweep.trial;

import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;

/**
 * Chooses ND4J's native library and turns on DL4J's oneDNN layer helpers, once per JVM.
 *
 * <p>bnsweep ships ND4J's {@code linux-x86_64-onednn} build. JavaCPP only loads it when the system
 * property {@value #EXTENSION_PROPERTY} is {@value #ONEDNN} at the moment ND4J first loads, so
 * every entry point that may be first to touch ND4J in a JVM (the CLI, the Kryo registrator on
 * executors, the trial runner) calls {@link #select()} before anything else. oneDNN picks its
 * kernels from the CPU's instruction set at run time, so the one build serves every x86-64 machine;
 * on a class path without that build (another platform's jars), nothing is set and ND4J loads the
 * build it finds.
 *
 * <p>DL4J M2 also keeps its helpers off unless {@value #HELPERS_DISABLE_PROPERTY} is {@code false},
 * and needs the shim {@link org.nd4j.nativeblas.Nd4jCpu} to see that oneDNN is there. With both, a
 * convolution, BatchNorm or pooling layer runs in oneDNN kernels instead of DL4J's im2col-in-Java
 * path (measured in BENCHMARKS.md). A value the user set for either property is left alone.
 */
public final class NativeBackend {
  static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";

  /** DL4J's switch for its layer helpers ({@code true}: its built-in layers only). */
  /** DL4J's switch for its out-of-memory crash dump files. */
  static final String CRASH_DUMPS_PROPERTY = "org.deeplearning4j.crash.reporting.enabled";

  public static final String HELPERS_DISABLE_PROPERTY =
      "org.eclipse.deeplearning4j.helpers.disable";

  static final String ONEDNN = "-onednn";
  static final String ONEDNN_LIBRARY =
      "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64" + ONEDNN + "/libjnind4jcpu.so";

  static {
    choose();
  }

  private NativeBackend() {}

  /**
   * Sets the properties above, unless already set. The work is done by this class's static
   * initialiser, which the first call triggers, so it happens once per JVM; it must precede ND4J's
   * first load to have any effect.
   */
  public static void select() {
    // class initialisation has run choose() by the time this body runs
  }

  /** Whether DL4J's oneDNN layer helpers run in this JVM (loads ND4J if it has not been). */
  public static boolean helpersActive() {
    select();
    return !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE_PROPERTY, "true"))
        && BaseMKLDNNHelper.mklDnnEnabled();
  }

  private static void choose() {
    if (System.getProperty(EXTENSION_PROPERTY) == null
        && NativeBackend.class.getClassLoader().getResource(ONEDNN_LIBRARY) != null) {
      System.setProperty(EXTENSION_PROPERTY, ONEDNN);
    }
    if (System.getProperty(HELPERS_DISABLE_PROPERTY) == null) {
      System.setProperty(HELPERS_DISABLE_PROPERTY, "false");
    }
    // DL4J writes a "memory crash dump" file into the working directory whenever a network runs
    // out of memory; on an executor that is some Spark work directory, and the trial's reason says
    // what ran out (FailureReason). A value set by the user is kept.
    if (System.getProperty(CRASH_DUMPS_PROPERTY) == null) {
      System.setProperty(CRASH_DUMPS_PROPERTY, "false");
    }
  }
}
