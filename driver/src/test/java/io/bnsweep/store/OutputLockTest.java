package io.bnsweep.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run per output directory, across processes (within one JVM a second lock throws instead of
 * failing, so the holder here is a second JVM): while it holds the lock, taking it fails naming the
 * holder's pid; once it has exited, the lock is free.
 */
class OutputLockTest {
  @TempDir Path dir;

  /** The holder: takes the lock, says so on stdout, and holds it until its stdin closes. */
  public static void main(String[] args) throws Exception {
    OutputLock lock = OutputLock.acquire(Path.of(args[0]), new PrintWriter(System.err, true));
    try {
      System.out.println("locked " + ProcessHandle.current().pid());
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold
      }
    } finally {
      lock.close();
    }
  }

  @Test
  void aSecondRunIsRefusedNamingTheHolderAndTheLockIsFreeOnceItExits() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process holder =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    OutputLockTest.class.getName(),
                    dir.toString()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String line;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      line = out.readLine();
      assertTrue(line != null && line.startsWith("locked "), "the holder: " + line);
      String pid = line.substring("locked ".length());

      StoreException refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              StoreException.class,
              () -> OutputLock.acquire(dir, new PrintWriter(new StringWriter())));
      assertTrue(
          refused.getMessage().contains("in use by another bnsweep run"), refused.getMessage());
      assertTrue(refused.getMessage().contains("pid " + pid), refused.getMessage());
      assertEquals(1, refused.getMessage().lines().count());
    } finally {
      holder.getOutputStream().close();
      holder.waitFor();
    }
    OutputLock free = OutputLock.acquire(dir, new PrintWriter(new StringWriter()));
    try {
      assertTrue(
          Files.readString(dir.resolve(OutputLock.FILE))
              .contains("pid " + ProcessHandle.current().pid()),
          "the new holder's details");
    } finally {
      free.close();
    }
  }
}
