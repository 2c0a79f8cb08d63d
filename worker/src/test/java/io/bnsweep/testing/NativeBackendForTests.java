package io.bnsweep.testing;

import io.bnsweep.trial.NativeBackend;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Chooses ND4J's native build in a test JVM the way the tool does in its own JVMs, before any test
 * class can touch ND4J. Registered through {@code META-INF/services}, so every module whose tests
 * have this test-jar on the class path gets it.
 */
public final class NativeBackendForTests implements LauncherSessionListener {
  @Override
  public void launcherSessionOpened(LauncherSession session) {
    NativeBackend.select();
  }
}
