package io.bnsweep.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class BnsweepVersionTest {
  private static Properties build(String version, String commit, String dirty) {
    Properties p = new Properties();
    p.setProperty("version", version);
    p.setProperty("commit", commit);
    p.setProperty("dirty", dirty);
    return p;
  }

  @Test
  void versionCommitAndDirtyFlag() {
    assertEquals("0.1.0 a1b2c3d", BnsweepVersion.describe(build("0.1.0", "a1b2c3d", "false")));
    assertEquals("0.1.0 a1b2c3d-dirty", BnsweepVersion.describe(build("0.1.0", "a1b2c3d", "true")));
  }

  @Test
  void placeholdersMavenLeftUnfilledAreSkipped() {
    // a build from a tree without .git: the plugin sets no commit
    assertEquals(
        "0.1.0",
        BnsweepVersion.describe(build("0.1.0", "${git.commit.id.abbrev}", "${git.dirty}")));
    assertEquals(
        BnsweepVersion.UNKNOWN, BnsweepVersion.describe(build("${project.version}", "x", "false")));
    assertEquals(BnsweepVersion.UNKNOWN, BnsweepVersion.describe(new Properties()));
  }

  @Test
  void thisBuildIsFilledIn() {
    // Maven filtered build.properties for the test run: the project version and this checkout
    String current = BnsweepVersion.current();
    assertTrue(current.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?( [0-9a-f]{7,}(-dirty)?)?"), current);
  }
}
