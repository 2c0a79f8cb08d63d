package io.bnsweep.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;

/**
 * How busy the trials' tasks kept the slots, for the whole run and per stage of a tuned comparison
 * (the search, the confirmations): task-busy slot-seconds (each task from its launch to its end, as
 * Spark's listener bus reports them) over the slots times the span from the first launch to the
 * last end; and the same up to the last launch, with the tail after it apart. Until the last task
 * has started, a slot left idle is the schedule's fault; after it, slots empty as the last tasks
 * end, which no schedule avoids.
 *
 * <p>A job tagged with the local property {@link #STAGE} (set on the submitting thread) counts its
 * tasks under that stage as well.
 */
final class SlotUse extends SparkListener {
  /** The Spark local property naming a job's stage of a tuned comparison. */
  static final String STAGE = "bnsweep.stage";

  private final Map<Integer, String> stageOf = new HashMap<>();
  private final List<Interval> all = new ArrayList<>();
  private final Map<String, List<Interval>> byStage = new LinkedHashMap<>();

  /** One task's time on a slot, in epoch milliseconds. */
  record Interval(long start, long end) {}

  /**
   * What a set of tasks made of the slots.
   *
   * @param busy task-seconds over slot-seconds from the first start to the last end
   * @param untilLastStart the same, from the first start to the last start (1 if they coincide)
   * @param tailSeconds from the last start to the last end
   */
  record Busy(
      int tasks,
      int slots,
      double spanSeconds,
      double busy,
      double untilLastStart,
      double tailSeconds) {
    String describe(String what) {
      return String.format(
          Locale.ROOT,
          "%s: %d Spark tasks kept the %d slots %.0f%% busy over %.0f s from the first start to the"
              + " last end; %.0f%% until the last task started, then a tail of %.0f s",
          what,
          tasks,
          slots,
          100 * busy,
          spanSeconds,
          100 * untilLastStart,
          tailSeconds);
    }
  }

  @Override
  public synchronized void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    String stage =
        submitted.properties() == null ? null : submitted.properties().getProperty(STAGE);
    if (stage != null) {
      stageOf.put(submitted.stageInfo().stageId(), stage);
    }
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
    TaskInfo info = end.taskInfo();
    Interval task = new Interval(info.launchTime(), info.finishTime());
    all.add(task);
    String stage = stageOf.get(end.stageId());
    if (stage != null) {
      byStage.computeIfAbsent(stage, s -> new ArrayList<>()).add(task);
    }
  }

  /**
   * One line for the whole run, and one per stage when the tasks were of more than one; empty if no
   * task ran.
   */
  synchronized List<String> describe(int slots) {
    List<String> lines = new ArrayList<>();
    of(all, slots).ifPresent(b -> lines.add(b.describe("the whole run")));
    if (byStage.size() > 1) {
      byStage.forEach(
          (stage, tasks) -> of(tasks, slots).ifPresent(b -> lines.add(b.describe(stage))));
    }
    return lines;
  }

  /** What {@code tasks} made of {@code slots} slots; empty without tasks or a span. */
  static Optional<Busy> of(List<Interval> tasks, int slots) {
    if (tasks.isEmpty()) {
      return Optional.empty();
    }
    long first = Long.MAX_VALUE;
    long lastStart = Long.MIN_VALUE;
    long lastEnd = Long.MIN_VALUE;
    long busy = 0;
    for (Interval t : tasks) {
      first = Math.min(first, t.start());
      lastStart = Math.max(lastStart, t.start());
      lastEnd = Math.max(lastEnd, t.end());
      busy += t.end() - t.start();
    }
    if (lastEnd <= first) {
      return Optional.empty();
    }
    long beforeLastStart = 0;
    for (Interval t : tasks) {
      beforeLastStart += Math.max(0, Math.min(t.end(), lastStart) - t.start());
    }
    double untilLastStart =
        lastStart > first ? beforeLastStart / ((double) slots * (lastStart - first)) : 1;
    return Optional.of(
        new Busy(
            tasks.size(),
            slots,
            (lastEnd - first) / 1000.0,
            busy / ((double) slots * (lastEnd - first)),
            untilLastStart,
            (lastEnd - lastStart) / 1000.0));
  }
}
