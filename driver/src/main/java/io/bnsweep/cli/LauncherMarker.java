package io.bnsweep.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells the {@code bnsweep} launcher that a {@code run} ran trials on Spark, by creating the file
 * named by the system property {@value #PROPERTY}. The launcher keeps the class-data sharing
 * archive it is recording only from such a run: one that stopped early, or had nothing left to run,
 * loaded too few classes for the archive to help later commands.
 */
final class LauncherMarker {
  static final String PROPERTY = "bnsweep.launcher.sweepMarker";

  private LauncherMarker() {}

  /** Creates the marker if the launcher asked for one; if it cannot, the archive is not kept. */
  static void sweptOnSpark() {
    String marker = System.getProperty(PROPERTY);
    if (marker == null) {
      return;
    }
    try {
      Files.writeString(Path.of(marker), "");
    } catch (IOException e) {
      // only an optimisation of later start-ups is lost: the sweep itself went well
    }
  }
}
