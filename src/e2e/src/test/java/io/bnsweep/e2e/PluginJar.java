package io.bnsweep.e2e;

import io.bnsweep.network.NetworkFamily;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * A plugin jar written by a test from its own compiled classes: the classes given and a {@code
 * META-INF/services} entry naming the family, as a user's plugin jar would hold them (put on the
 * launcher's class path with {@code BNSWEEP_CLASSPATH}, or given to a cluster with {@code --jars}).
 */
final class PluginJar {
  private PluginJar() {}

  /** Writes {@code jar} holding {@code family}, the family it registers, and {@code others}. */
  static Path write(Path jar, Class<? extends NetworkFamily> family, Class<?>... others)
      throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      add(out, family);
      for (Class<?> c : others) {
        add(out, c);
      }
      out.putNextEntry(new JarEntry("META-INF/services/" + NetworkFamily.class.getName()));
      out.write((family.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  private static void add(JarOutputStream out, Class<?> c) throws IOException {
    String name = c.getName().replace('.', '/') + ".class";
    try (InputStream in = c.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no class file for " + c.getName());
      }
      out.putNextEntry(new JarEntry(name));
      in.transferTo(out);
      out.closeEntry();
    }
  }
}
