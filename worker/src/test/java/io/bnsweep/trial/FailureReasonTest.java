package io.bnsweep.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recorded reason's layout. The memory lines are checked here against JavaCPP's own messages;
 * the real limit is tripped by the end-to-end {@code OutOfMemoryTest}.
 */
class FailureReasonTest {
  @Test
  void everyCauseIsListedWithTheTopOfItsOwnStack() {
    IllegalStateException root = new IllegalStateException("the root");
    RuntimeException middle = new RuntimeException("the middle", root);
    RuntimeException top = new RuntimeException("the top", middle);

    String reason = FailureReason.of(top);

    List<String> lines = reason.lines().toList();
    assertEquals("java.lang.RuntimeException: the top", lines.get(0));
    assertTrue(reason.contains("\nCaused by: java.lang.RuntimeException: the middle\n"), reason);
    assertTrue(reason.contains("\nCaused by: java.lang.IllegalStateException: the root\n"), reason);
    assertTrue(lines.get(1).startsWith("\tat io.bnsweep.trial.FailureReasonTest."), reason);
    assertFalse(FailureReason.outOfMemory(top));
  }

  @Test
  void framesSharedWithTheEnclosingStackAreLeftOutAndBnsweepsFirstFrameIsKept() {
    StackTraceElement[] enclosing = {frame("a.A", "x"), frame("io.bnsweep.B", "y")};
    StackTraceElement[] stack = {
      frame("c.C", "1"),
      frame("c.C", "2"),
      frame("c.C", "3"),
      frame("c.C", "4"),
      frame("c.C", "5"),
      frame("c.C", "6"),
      frame("io.bnsweep.Mine", "call"),
      frame("a.A", "x"),
      frame("io.bnsweep.B", "y")
    };

    List<String> kept = FailureReason.frames(stack, enclosing);

    assertEquals(FailureReason.FRAMES + 2, kept.size(), kept.toString());
    assertEquals("... 2 frames", kept.get(FailureReason.FRAMES));
    assertTrue(kept.get(FailureReason.FRAMES + 1).startsWith("io.bnsweep.Mine.call"), kept.get(5));
    assertTrue(kept.stream().noneMatch(f -> f.startsWith("a.A")), kept.toString());
  }

  @Test
  void aLoopingCauseChainEnds() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);

    assertEquals(2, FailureReason.chain(a).size());
    assertTrue(FailureReason.of(a).contains("Caused by: java.lang.RuntimeException: b"));
  }

  @Test
  void javaCppsPhysicalLimitLeadsTheReasonWithItsNumbersAndSetting() {
    OutOfMemoryError limit =
        new OutOfMemoryError(
            "Physical memory usage is too high: physicalBytes (1588M) > maxPhysicalBytes (1500M)");
    OutOfMemoryError wrapped =
        new OutOfMemoryError("Cannot allocate new LongPointer(3): totalBytes = 0");
    wrapped.initCause(limit);
    RuntimeException dl4j =
        new RuntimeException("Error during neural network forward pass", wrapped);

    String reason = FailureReason.of(dl4j);

    String first = reason.lines().findFirst().orElseThrow();
    assertTrue(first.contains("resident memory (heap and off-heap together, 1588M)"), first);
    assertTrue(first.contains("limit of 1500M (org.bytedeco.javacpp.maxphysicalbytes)"), first);
    assertTrue(first.contains("spark.executor.extraJavaOptions"), first);
    assertTrue(
        reason.contains("\njava.lang.RuntimeException: Error during neural network"), reason);
    assertTrue(reason.contains("\nCaused by: java.lang.OutOfMemoryError: Physical memory"), reason);
    assertTrue(FailureReason.outOfMemory(dl4j));
  }

  @Test
  void javaCppsCountedLimitAndTheHeapAreNamedToo() {
    String counted =
        FailureReason.of(
            new OutOfMemoryError(
                "Failed to allocate memory within limits: totalBytes (1G) + size (64M) > maxBytes"
                    + " (1G)"));
    String heap = FailureReason.of(new OutOfMemoryError("Java heap space"));

    assertTrue(
        counted.startsWith(
            "out of off-heap memory: JavaCPP's allocations (1G, and 64M more asked for) passed"
                + " its limit of 1G (org.bytedeco.javacpp.maxbytes)"),
        counted);
    assertTrue(
        heap.startsWith("out of heap memory (Java heap space): the JVM's heap is limited to"),
        heap);
    assertTrue(heap.lines().findFirst().orElseThrow().contains("spark.executor.memory"), heap);
  }

  private static StackTraceElement frame(String type, String method) {
    return new StackTraceElement(type, method, type + ".java", 1);
  }
}
