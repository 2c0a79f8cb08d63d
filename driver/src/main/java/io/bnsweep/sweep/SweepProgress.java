package io.bnsweep.sweep;

import io.bnsweep.trial.TrialResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * The live progress of a sweep: one line per finished trial, and a status line when nothing has
 * finished for a while, each with trials done / total, running, failed, elapsed time and ETA.
 *
 * <p>{@link #finished} and {@link #tick} are called from one driver thread; the running count is
 * kept by a Spark listener on the listener bus thread.
 */
public final class SweepProgress {
  static final Duration HEARTBEAT = Duration.ofSeconds(30);

  private final int total;
  private final int doneBefore;
  private final PrintWriter out;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private final AtomicInteger running = new AtomicInteger();
  private final SparkListener listener = new RunningTasks();
  private final List<String> swept;
  private int done;
  private int failed;
  private long lastLineNanos;

  /**
   * @param total trials in the sweep
   * @param doneBefore trials already complete before this run (resumed)
   * @param out where lines go (normally standard error)
   */
  public SweepProgress(int total, int doneBefore, PrintWriter out) {
    this(total, doneBefore, out, List.of(), System::nanoTime);
  }

  /**
   * As {@link #SweepProgress(int, int, PrintWriter)}, labelling each trial by its settings among
   * {@code swept}, e.g. {@code before/relu/lr=0.01}.
   */
  public SweepProgress(int total, int doneBefore, PrintWriter out, List<String> swept) {
    this(total, doneBefore, out, swept, System::nanoTime);
  }

  SweepProgress(int total, int doneBefore, PrintWriter out, LongSupplier nanoClock) {
    this(total, doneBefore, out, List.of(), nanoClock);
  }

  private SweepProgress(
      int total, int doneBefore, PrintWriter out, List<String> swept, LongSupplier nanoClock) {
    this.swept = List.copyOf(swept);
    this.total = total;
    this.doneBefore = doneBefore;
    this.out = out;
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
    this.lastLineNanos = startNanos;
  }

  SparkListener listener() {
    return listener;
  }

  /**
   * Hands {@code result} to {@code keep} (the ledger's append, which forces it to disk), and only
   * once that has returned records it and prints its progress line: a line saying a trial finished
   * is a promise that its result is kept, which a driver killed between the two must not break. If
   * {@code keep} throws, no line is printed.
   */
  public void keepThenReport(TrialResult result, Consumer<TrialResult> keep) {
    keep.accept(result);
    finished(result);
  }

  /** Records a finished trial (or a search's segment of one) and prints its line. */
  public void finished(TrialResult result) {
    done++;
    if (result.isFailed()) {
      failed++;
    }
    print(
        String.format(Locale.ROOT, "%s seed %d %s", label(result), result.seed(), outcome(result)));
  }

  private static String outcome(TrialResult result) {
    if (result.isFailed()) {
      return "FAILED: " + result.failureReason().lines().findFirst().orElse("");
    }
    String score =
        result.testAccuracy() != null
            ? String.format(Locale.ROOT, "accuracy %.2f%%", 100 * result.testAccuracy())
            : result.validationAccuracy() != null
                ? String.format(Locale.ROOT, "validation %.2f%%", 100 * result.validationAccuracy())
                : "no score";
    String stopped = result.isPruned() ? "paused after epoch " + result.epochs().size() + ", " : "";
    return String.format(
        Locale.ROOT,
        "%s%s, %.0f samples/s, %.2f cores",
        stopped,
        score,
        result.samplesPerSecond(),
        result.usage().coresUsed());
  }

  private String label(TrialResult result) {
    return swept.isEmpty() ? result.variant().label() : result.variant().label(swept);
  }

  /** Prints a status line if no line was printed for {@link #HEARTBEAT}. */
  public void tick() {
    if (nanoClock.getAsLong() - lastLineNanos >= HEARTBEAT.toNanos()) {
      print("still running");
    }
  }

  /** The status part of a line: counts, elapsed and ETA. */
  String status() {
    long elapsed = nanoClock.getAsLong() - startNanos;
    int remaining = total - doneBefore - done;
    // a total that is an estimate (a search promotes as results arrive, seeds are added in rounds)
    // can be passed: then the count grows past it, and the time left is unknown
    String eta =
        done == 0 || remaining <= 0
            ? "?"
            : clock(Duration.ofNanos((long) ((double) elapsed / done * remaining)));
    return String.format(
        Locale.ROOT,
        "%d/%d done, %d running, %d failed, elapsed %s, ETA %s",
        doneBefore + done,
        Math.max(total, doneBefore + done + Math.max(0, running.get())),
        Math.max(0, running.get()),
        failed,
        clock(Duration.ofNanos(elapsed)),
        eta);
  }

  private void print(String what) {
    out.println("[bnsweep] " + status() + " | " + what);
    out.flush();
    lastLineNanos = nanoClock.getAsLong();
  }

  /** {@code d} as {@code m:ss}, or {@code h:mm:ss} from an hour on. */
  public static String clock(Duration d) {
    long s = d.toSeconds();
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  private final class RunningTasks extends SparkListener {
    @Override
    public void onTaskStart(SparkListenerTaskStart taskStart) {
      running.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      running.decrementAndGet();
    }
  }
}
