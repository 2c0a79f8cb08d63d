package io.bnsweep.store;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One run per output directory: an exclusive OS lock on {@code DIR/.bnsweep.lock}, held for the
 * run's whole life, whose file names the holder (pid, host, start time). A second run on the same
 * directory is refused with that name.
 *
 * <p>POSIX locks belong to the process and are released when any channel on the file closes, so the
 * holder's details are written through the lock's own channel, which stays open until {@link
 * #close}; nothing else in the holding process opens the file. The file is left in place after the
 * run (deleting it would let a third run lock a new file while a second still holds the old one);
 * {@code --restart} does not move it. On a file system that refuses locks (some NFS mounts) the run
 * goes on unlocked, and says so.
 */
public final class OutputLock implements AutoCloseable {
  /** The lock file's name in the output directory. */
  public static final String FILE = ".bnsweep.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code dir} (which exists), or says why not.
   *
   * @throws StoreException if another run holds it (its holder named)
   */
  public static OutputLock acquire(Path dir, PrintWriter log) {
    Path file = dir.resolve(FILE);
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StoreException(
          "output " + dir + ": cannot open " + file + " (" + e.getMessage() + ")", e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException inThisJvm) {
      lock = null;
    } catch (IOException refused) {
      log.println(
          "[bnsweep] warning: "
              + dir
              + "'s file system refuses locks ("
              + refused.getMessage()
              + "): going on without one, so make sure no other run uses this output directory");
      log.flush();
      return new OutputLock(channel, null);
    }
    if (lock == null) {
      String holder;
      try {
        holder = Files.readString(file, StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        holder = "unknown";
      }
      closeQuietly(channel);
      throw new StoreException(
          "output "
              + dir
              + " is in use by another bnsweep run ("
              + (holder.isEmpty() ? "its holder wrote no details yet" : holder)
              + "); wait for it to finish, or choose another directory with --out");
    }
    try {
      byte[] details = holder().getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(details), 0);
      channel.force(true);
    } catch (IOException e) {
      // the lock is what matters; the details are a courtesy to the next run
    }
    return new OutputLock(channel, lock);
  }

  private static String holder() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "this host";
    }
    return "pid "
        + ProcessHandle.current().pid()
        + " on "
        + host
        + ", started "
        + Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime())
        + "\n";
  }

  @Override
  public void close() {
    try {
      if (lock != null) {
        lock.release();
      }
    } catch (IOException e) {
      // released when the channel closes anyway
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing to keep
    }
  }
}
