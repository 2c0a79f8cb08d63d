package io.bnsweep.trial;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** Reads the provenance of the JVM a trial runs in; the slow parts are read once per JVM. */
final class ProvenanceProbe {
  private static final String HOST = hostName();
  private static final String BNSWEEP_VERSION = BnsweepVersion.current();
  private static final String DL4J_VERSION =
      mavenVersion("org.deeplearning4j", "deeplearning4j-nn");

  private ProvenanceProbe() {}

  /** Provenance for a trial starting now with {@code threads} native threads. */
  static Provenance current(int threads) {
    return new Provenance(
        HOST,
        null,
        BNSWEEP_VERSION,
        System.getProperty("java.version"),
        DL4J_VERSION,
        Backend.NAME,
        null,
        threads,
        Instant.now().toString());
  }

  /**
   * The ND4J backend and BLAS vendor, with {@code +oneDNN} when DL4J's oneDNN layer helpers run;
   * read lazily because it loads the native library.
   */
  private static final class Backend {
    static final String NAME = describe();

    private static String describe() {
      Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
      return env.getProperty("backend", "?")
          + "/"
          + env.getProperty("blas.vendor", "?")
          + (NativeBackend.helpersActive() ? "+oneDNN" : "");
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }

  private static String mavenVersion(String group, String artifact) {
    return ClasspathProperties.read("/META-INF/maven/" + group + "/" + artifact + "/pom.properties")
        .getProperty("version", "unknown");
  }
}
