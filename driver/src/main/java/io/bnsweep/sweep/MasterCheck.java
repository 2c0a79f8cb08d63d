package io.bnsweep.sweep;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Fails fast, before Spark starts, on a standalone master ({@code spark://host:port[,host:port]})
 * that no TCP connection reaches, instead of letting Spark retry its registration for a minute.
 * Other masters (local, YARN, Kubernetes) are left to Spark.
 */
public final class MasterCheck {
  /** How long one connection attempt may take. */
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private MasterCheck() {}

  /**
   * Returns if {@code master} is not a standalone URL or one of its masters accepts a connection.
   *
   * @throws MasterUnreachableException naming the URL and the reason otherwise
   */
  public static void requireReachable(String master) {
    if (master == null || !master.startsWith("spark://")) {
      return;
    }
    List<String> failures = new ArrayList<>();
    for (String hostPort : master.substring("spark://".length()).split(",")) {
      int colon = hostPort.lastIndexOf(':');
      if (colon <= 0) {
        throw new MasterUnreachableException(
            "--master " + master + ": '" + hostPort + "' is not host:port");
      }
      String host = hostPort.substring(0, colon);
      int port;
      try {
        port = Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new MasterUnreachableException(
            "--master " + master + ": '" + hostPort + "' has no numeric port");
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
        return;
      } catch (IOException e) {
        failures.add(hostPort + " (" + e.getMessage() + ")");
      }
    }
    throw new MasterUnreachableException(
        "--master "
            + master
            + ": cannot reach "
            + String.join(", ", failures)
            + " within "
            + TIMEOUT.toSeconds()
            + " s; is the master running?");
  }
}
