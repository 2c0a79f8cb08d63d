package io.bnsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class MasterCheckTest {
  @Test
  void localAndClusterManagersOtherThanStandaloneAreLeftToSpark() {
    assertDoesNotThrow(() -> MasterCheck.requireReachable(null));
    assertDoesNotThrow(() -> MasterCheck.requireReachable("local[2]"));
    assertDoesNotThrow(() -> MasterCheck.requireReachable("yarn"));
  }

  @Test
  void aListeningMasterPasses() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      assertDoesNotThrow(
          () -> MasterCheck.requireReachable("spark://127.0.0.1:" + server.getLocalPort()));
    }
  }

  @Test
  void anUnreachableMasterFailsFastNamingIt() throws Exception {
    int port;
    try (ServerSocket server = new ServerSocket(0)) {
      port = server.getLocalPort();
    }
    String url = "spark://127.0.0.1:" + port;

    MasterUnreachableException e =
        assertThrows(MasterUnreachableException.class, () -> MasterCheck.requireReachable(url));

    assertTrue(
        e.getMessage().startsWith("--master " + url + ": cannot reach 127.0.0.1:"), e.getMessage());
    assertTrue(
        assertThrows(
                MasterUnreachableException.class,
                () -> MasterCheck.requireReachable("spark://nohostport"))
            .getMessage()
            .contains("is not host:port"));
  }
}
