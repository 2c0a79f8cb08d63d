package io.bnsweep.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium ({@code /usr/bin/chromium}), started as the machine notes say: no
 * sandbox (tests run as root), no GPU, no background networking, a new empty profile each time.
 */
final class Chromium {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private Chromium() {}

  /** True if Chromium is installed. */
  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** The DOM of {@code page} after loading, as Chromium serialises it. */
  static String dumpDom(Path page, Path work) throws IOException, InterruptedException {
    return run(work, "--dump-dom", page.toUri().toString());
  }

  /** Takes a {@code width x height} screenshot of {@code page} into {@code png}. */
  static void screenshot(Path page, Path png, int width, int height, Path work)
      throws IOException, InterruptedException {
    run(
        work,
        "--screenshot=" + png,
        "--window-size=" + width + "," + height,
        "--hide-scrollbars",
        page.toUri().toString());
  }

  private static String run(Path work, String... args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(work, "chromium-profile");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            BINARY.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(work, "chromium", ".out");
    Path err = Files.createTempFile(work, "chromium", ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new IllegalStateException("chromium " + String.join(" ", args) + " timed out");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "chromium exited with "
              + process.exitValue()
              + ": "
              + Files.readString(err, StandardCharsets.UTF_8));
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
