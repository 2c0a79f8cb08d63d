package io.bnsweep.trial;

import java.util.Properties;

/**
 * The bnsweep build that runs a trial: the Maven version and, when the build saw a git checkout,
 * its abbreviated commit, with {@code -dirty} if the tree had uncommitted changes, e.g. {@code
 * 0.1.0-SNAPSHOT a1b2c3d-dirty}. Read from {@code build.properties}, which Maven fills in.
 */
public final class BnsweepVersion {
  /** What {@link #current} says when it cannot tell. */
  public static final String UNKNOWN = "unknown";

  private BnsweepVersion() {}

  /** This build's version, or {@link #UNKNOWN} when classes run without Maven's resources. */
  public static String current() {
    return describe(ClasspathProperties.read("/io/bnsweep/trial/build.properties"));
  }

  /** The version that {@code build} describes; placeholders Maven left unfilled are skipped. */
  static String describe(Properties build) {
    String version = filled(build.getProperty("version"));
    if (version == null) {
      return UNKNOWN;
    }
    String commit = filled(build.getProperty("commit"));
    if (commit == null) {
      return version;
    }
    return version + " " + commit + ("true".equals(build.getProperty("dirty")) ? "-dirty" : "");
  }

  private static String filled(String value) {
    return value == null || value.isBlank() || value.startsWith("${") ? null : value.trim();
  }
}
