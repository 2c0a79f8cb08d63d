package io.bnsweep.sweep;

import io.bnsweep.trial.Failure;
import io.bnsweep.trial.Segment;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.trial.TrialState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deaths of JVMs while they ran trials, per trial, and the verdict they lead to: a trial that
 * takes its JVM down (a native crash, the OS's out-of-memory killer, {@code System.exit} or {@code
 * Runtime.halt} in a plugin) is recorded FAILED, deterministically, once it has done so {@code
 * limit} times ({@code trialDeaths:} in the spec) and bnsweep has seen it do so alone.
 *
 * <p>A JVM that dies takes every trial it was running with it, so a death is only evidence against
 * a trial when the trial ran alone in that JVM. A trial whose deaths were all shared with others is
 * a <em>suspect</em>: it is run again alone (in embedded mode in a JVM of its own, on a cluster in
 * a task that takes a whole executor) before any verdict. Thread-safe.
 */
final class TrialDeaths {
  private static final Pattern EXIT_CODE =
      Pattern.compile("(?:exited with code|exit code) (-?\\d+)");

  private final int limit;
  private final Map<String, List<Death>> deaths = new HashMap<>();

  /**
   * @param limit deaths after which a trial seen dying alone is FAILED (at least 1)
   */
  TrialDeaths(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("trialDeaths must be at least 1, not " + limit);
    }
    this.limit = limit;
  }

  /** The limit ({@code trialDeaths:}). */
  int limit() {
    return limit;
  }

  /** Records that {@code death} took trial {@code trialId} with it. */
  synchronized void add(String trialId, Death death) {
    List<Death> list = deaths.computeIfAbsent(trialId, k -> new ArrayList<>());
    if (!list.contains(death)) {
      list.add(death);
    }
  }

  /** The deaths of {@code trialId}'s JVMs, oldest first. */
  synchronized List<Death> of(String trialId) {
    return List.copyOf(deaths.getOrDefault(trialId, List.of()));
  }

  /** How many JVMs died while running {@code trialId}. */
  synchronized int count(String trialId) {
    return deaths.getOrDefault(trialId, List.of()).size();
  }

  /**
   * True if {@code trialId} is to be recorded FAILED: its JVMs died {@link #limit} times or more,
   * and the last of them ran it alone and was seen to die (an exit code or a lost executor); or, so
   * that nothing loops, they died {@code 2 x limit + 1} times whatever ran beside it.
   */
  synchronized boolean verdict(String trialId) {
    List<Death> list = deaths.getOrDefault(trialId, List.of());
    if (list.size() < limit) {
      return false;
    }
    Death last = list.get(list.size() - 1);
    return (last.alone() && last.observed()) || list.size() > 2 * limit;
  }

  /** True if a JVM died while running {@code trialId}, without a verdict yet. */
  synchronized boolean suspect(String trialId) {
    return deaths.containsKey(trialId) && !verdict(trialId);
  }

  /** True if {@code trialId} has reached the limit: a verdict, or a rerun alone before one. */
  synchronized boolean atLimit(String trialId) {
    return count(trialId) >= limit;
  }

  /**
   * The FAILED result of {@code segment}'s trial, its reason naming every death (see {@link
   * #reason}).
   */
  TrialResult failed(Segment segment) {
    return new TrialResult(
        segment.trial().id(),
        segment.trial().variant(),
        segment.trial().seed(),
        TrialState.FAILED,
        reason(segment.trial().id()),
        null,
        null,
        List.of(),
        0,
        0,
        List.of(),
        null,
        null,
        null,
        new Failure(Failure.Kind.DETERMINISTIC, count(segment.trial().id())));
  }

  /**
   * Why {@code trialId} is FAILED: a first line saying what was seen, e.g. "its executor exited
   * with code 137 twice: killed (SIGKILL), probably by the OS's out-of-memory killer", then one
   * line per death.
   */
  synchronized String reason(String trialId) {
    List<Death> list = deaths.getOrDefault(trialId, List.of());
    StringBuilder text = new StringBuilder(headline(list));
    text.append(String.format(Locale.ROOT, " (trialDeaths: %d)", limit));
    for (Death d : list) {
      text.append("\n  ").append(d.describe(trialId));
    }
    return text.toString();
  }

  private static String headline(List<Death> list) {
    Death last = list.get(list.size() - 1);
    String times = times(list.size());
    boolean sameCode =
        last.exitCode().isPresent()
            && list.stream().allMatch(d -> d.exitCode().equals(last.exitCode()));
    boolean allExecutors = list.stream().allMatch(d -> d.kind() == Death.Kind.EXECUTOR);
    if (sameCode) {
      return String.format(
          Locale.ROOT,
          "its %s exited with code %d %s: %s",
          allExecutors ? "executor" : "JVM",
          last.exitCode().getAsInt(),
          times,
          meaning(last.exitCode().getAsInt()));
    }
    return String.format(
        Locale.ROOT,
        "its %s died %s while running it, the last time %s",
        allExecutors ? "executor" : "JVM",
        times,
        last.exitCode().isPresent()
            ? "with exit code "
                + last.exitCode().getAsInt()
                + ": "
                + meaning(last.exitCode().getAsInt())
            : "lost: " + last.message());
  }

  private static String times(int n) {
    return switch (n) {
      case 1 -> "once";
      case 2 -> "twice";
      default -> n + " times";
    };
  }

  /** What a JVM's exit code says, in words. */
  static String meaning(int code) {
    return switch (code) {
      case 137 -> "killed (SIGKILL), probably by the OS's out-of-memory killer";
      case 134 -> "aborted (SIGABRT): a crash in native code (the JVM writes hs_err_pid*.log)";
      case 139 -> "a segmentation fault (SIGSEGV) in native code";
      case 143 -> "terminated (SIGTERM) from outside";
      case 0 -> "it exited normally without a result: System.exit(0) in the trial's code";
      default ->
          code > 128 && code < 160
              ? "killed by signal " + (code - 128)
              : "System.exit or Runtime.halt in the trial's code (a plugin?), or a fatal error";
    };
  }

  /** The exit code in a message such as Spark's "Command exited with code 137", if any. */
  static OptionalInt exitCode(String message) {
    if (message == null) {
      return OptionalInt.empty();
    }
    Matcher m = EXIT_CODE.matcher(message);
    return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  /**
   * One JVM's death: which JVM (the sweep's own in embedded mode, a JVM bnsweep started to run one
   * trial alone, or a Spark executor), which trials it was running, and what was seen. Two deaths
   * are the same if they name the same JVM.
   */
  static final class Death {
    /** Where the trials ran. */
    enum Kind {
      /** The sweep's own JVM (embedded mode), seen dead by a later run. */
      SWEEP,
      /** A JVM bnsweep started to run one trial alone, seen dying. */
      ISOLATED,
      /** A Spark executor, reported lost by Spark. */
      EXECUTOR
    }

    private final Kind kind;
    private final String jvm;
    private final Set<String> trials;
    private final boolean observed;
    private volatile String message;

    /**
     * @param jvm names the JVM: a pid, or an executor id
     * @param trials the trials it was running when it died
     * @param observed true if bnsweep saw it die (an exit code, a lost executor), false if a later
     *     run only found it gone
     * @param message what was seen: Spark's reason, an exit code, or null
     */
    Death(Kind kind, String jvm, Set<String> trials, boolean observed, String message) {
      this.kind = kind;
      this.jvm = jvm;
      this.trials = Set.copyOf(trials);
      this.observed = observed;
      this.message = message;
    }

    Kind kind() {
      return kind;
    }

    /** True if the JVM ran no other trial when it died. */
    boolean alone() {
      return trials.size() == 1;
    }

    boolean observed() {
      return observed;
    }

    Set<String> trials() {
      return trials;
    }

    String message() {
      return message == null ? "no reason given" : message;
    }

    /** Adds what was learnt later (an executor's exit, reported after its tasks were lost). */
    void note(String more) {
      if (more != null && !more.isBlank() && (message == null || !message.contains(more))) {
        message = message == null ? more : message + "; " + more;
      }
    }

    /** The exit code, if one was seen. */
    OptionalInt exitCode() {
      return TrialDeaths.exitCode(message);
    }

    /** One line: the JVM, whether it ran {@code trialId} alone, and what was seen. */
    String describe(String trialId) {
      int others = trials.size() - (trials.contains(trialId) ? 1 : 0);
      String company =
          others == 0
              ? "running it alone"
              : "running it and " + others + " other trial" + (others == 1 ? "" : "s");
      OptionalInt code = exitCode();
      String seen =
          code.isPresent()
              ? "exited with code " + code.getAsInt() + ": " + meaning(code.getAsInt())
              : kind == Kind.SWEEP ? "died (found by the next run)" : "was lost: " + message();
      String where =
          switch (kind) {
            case SWEEP -> "the sweep's JVM (pid " + jvm + ")";
            case ISOLATED -> "a JVM of its own (pid " + jvm + ")";
            case EXECUTOR -> "executor " + jvm;
          };
      String detail = kind == Kind.EXECUTOR && code.isPresent() ? " (" + message() + ")" : "";
      return where + ", " + company + ", " + seen + detail;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Death d && d.kind == kind && d.jvm.equals(jvm);
    }

    @Override
    public int hashCode() {
      return kind.hashCode() * 31 + jvm.hashCode();
    }
  }
}
