package io.bnsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.sweep.SlotUse.Busy;
import io.bnsweep.sweep.SlotUse.Interval;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slot use worked out by hand on two slots: busy overall, until the last start, and the tail. */
class SlotUseTest {
  @Test
  void aTailAfterTheLastStartIsCountedApart() {
    // slot 1: 0-4 s, 4-10 s; slot 2: 0-3 s, idle 3-4 s, 4-6 s (the last start, at 4 s)
    List<Interval> tasks =
        List.of(
            new Interval(0, 4000),
            new Interval(4000, 10_000),
            new Interval(0, 3000),
            new Interval(4000, 6000));
    Busy b = SlotUse.of(tasks, 2).orElseThrow();
    assertEquals(4, b.tasks());
    assertEquals(10.0, b.spanSeconds(), 1e-9);
    // 4 + 6 + 3 + 2 = 15 task-seconds over 2 x 10 slot-seconds
    assertEquals(0.75, b.busy(), 1e-9);
    // before the last start (0-4 s): 4 + 0 + 3 + 0 = 7 task-seconds over 2 x 4
    assertEquals(7 / 8.0, b.untilLastStart(), 1e-9);
    assertEquals(6.0, b.tailSeconds(), 1e-9);
    assertTrue(
        b.describe("search")
            .startsWith("search: 4 Spark tasks kept the 2 slots 75% busy over 10 s"),
        b.describe("search"));
  }

  @Test
  void tasksThatAllStartTogetherHaveNoTimeBeforeTheLastStart() {
    Busy b = SlotUse.of(List.of(new Interval(0, 2000), new Interval(0, 1000)), 2).orElseThrow();
    assertEquals(0.75, b.busy(), 1e-9);
    assertEquals(1.0, b.untilLastStart(), 1e-9);
    assertEquals(2.0, b.tailSeconds(), 1e-9);
  }

  @Test
  void noTasksNoLine() {
    assertTrue(SlotUse.of(List.of(), 2).isEmpty());
    assertTrue(new SlotUse().describe(2).isEmpty());
  }
}
