package io.bnsweep.trial;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** A properties file on the class path, as build metadata (Maven's pom.properties, ours). */
final class ClasspathProperties {
  private ClasspathProperties() {}

  /** The properties at the absolute resource {@code path}; empty if it is missing or unreadable. */
  static Properties read(String path) {
    Properties props = new Properties();
    try (InputStream in = ClasspathProperties.class.getResourceAsStream(path)) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      // build metadata only: what cannot be read is reported as unknown
    }
    return props;
  }
}
