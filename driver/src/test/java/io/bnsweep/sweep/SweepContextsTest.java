package io.bnsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SweepContextsTest {
  private static final long GIB = 1L << 30;

  @Test
  void executorMemoryCapsFollowHeapAndTaskSlots() {
    SparkConf conf =
        new SparkConf(false).set("spark.executor.memory", "3g").set("spark.executor.cores", "2");

    assertEquals(
        "-Dorg.bytedeco.javacpp.maxbytes="
            + 2 * GIB
            + " -Dorg.bytedeco.javacpp.maxphysicalbytes="
            + (3 + 2 + 1) * GIB,
        SweepContexts.executorMemoryCaps(conf));
  }

  @Test
  void theUsersOwnExecutorOptionsWin() {
    System.setProperty("spark.executor.extraJavaOptions", "-Dmine=1");
    try {
      SparkConf conf = SweepContexts.conf("t", "local[1]");
      assertEquals("-Dmine=1", conf.get("spark.executor.extraJavaOptions"));
      assertEquals("1", conf.get("spark.executorEnv.OMP_NUM_THREADS"));
      assertEquals("true", conf.get("spark.kryo.registrationRequired"));
    } finally {
      System.clearProperty("spark.executor.extraJavaOptions");
    }
  }
}
