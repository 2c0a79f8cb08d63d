package io.bnsweep.trial;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reason a FAILED trial records: what went wrong first, in words where bnsweep knows the cause
 * (a memory limit: which memory, the limit, the setting that raises it), then the exception and
 * every cause under it ({@code Caused by:} lines), each with the top of its own stack.
 *
 * <p>The first line is what a progress line and the summary show, so it names the root cause.
 */
public final class FailureReason {
  /** Frames kept per exception in the chain, beyond those it shares with the exception above. */
  static final int FRAMES = 4;

  /** Exceptions kept in the chain: a deeper chain ends with a line saying how many were left. */
  static final int CHAIN = 8;

  private static final String OWN_PACKAGE = "io.bnsweep.";

  /** JavaCPP's message when the process's resident memory is over its limit. */
  private static final Pattern PHYSICAL =
      Pattern.compile("physicalBytes \\((\\S+)\\) > maxPhysicalBytes \\((\\S+)\\)");

  /** JavaCPP's message when the memory it counts would pass its limit. */
  private static final Pattern COUNTED =
      Pattern.compile("totalBytes \\((\\S+)\\) \\+ size \\((\\S+)\\) > maxBytes \\((\\S+)\\)");

  private FailureReason() {}

  /** The reason for {@code failure}: a memory summary if a limit was hit, then the chain. */
  public static String of(Throwable failure) {
    List<Throwable> chain = chain(failure);
    StringBuilder reason = new StringBuilder();
    String memory = memory(chain);
    if (memory != null) {
      reason.append(memory).append('\n');
    }
    for (int i = 0; i < chain.size() && i < CHAIN; i++) {
      Throwable t = chain.get(i);
      if (i > 0) {
        reason.append("\nCaused by: ");
      }
      reason.append(t);
      StackTraceElement[] enclosing = i == 0 ? new StackTraceElement[0] : stack(chain.get(i - 1));
      for (String frame : frames(stack(t), enclosing)) {
        reason.append("\n\tat ").append(frame);
      }
    }
    if (chain.size() > CHAIN) {
      reason.append("\n(").append(chain.size() - CHAIN).append(" more causes left out)");
    }
    return reason.toString();
  }

  /** Whether {@code failure} or one of its causes is an {@link OutOfMemoryError}. */
  public static boolean outOfMemory(Throwable failure) {
    return chain(failure).stream().anyMatch(t -> t instanceof OutOfMemoryError);
  }

  /** {@code failure} and its causes, outermost first, each once (a cause chain may loop). */
  static List<Throwable> chain(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  private static StackTraceElement[] stack(Throwable t) {
    StackTraceElement[] stack = t.getStackTrace();
    return stack == null ? new StackTraceElement[0] : stack;
  }

  /**
   * The top {@link #FRAMES} of {@code stack} that it does not share with {@code enclosing} (as
   * {@code printStackTrace} leaves out "... n more"), plus the first of bnsweep's own frames if it
   * is further down: the line in bnsweep that led there.
   */
  static List<String> frames(StackTraceElement[] stack, StackTraceElement[] enclosing) {
    int own = stack.length;
    int other = enclosing.length;
    while (own > 0 && other > 0 && stack[own - 1].equals(enclosing[other - 1])) {
      own--;
      other--;
    }
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < own && i < FRAMES; i++) {
      kept.add(stack[i].toString());
    }
    for (int i = FRAMES; i < own; i++) {
      if (stack[i].getClassName().startsWith(OWN_PACKAGE)) {
        if (i > FRAMES) {
          kept.add("... " + (i - FRAMES) + " frames");
        }
        kept.add(stack[i].toString());
        break;
      }
    }
    return kept;
  }

  /**
   * One line naming the memory that ran out, its limit and the setting that raises it, if an {@link
   * OutOfMemoryError} is in {@code chain}; null otherwise.
   */
  static String memory(List<Throwable> chain) {
    OutOfMemoryError oom = null;
    for (Throwable t : chain) {
      if (t instanceof OutOfMemoryError e) {
        oom = e; // the innermost says most: JavaCPP wraps its limit's message in another
      }
    }
    if (oom == null) {
      return null;
    }
    String message = String.valueOf(oom.getMessage());
    Matcher physical = PHYSICAL.matcher(message);
    if (physical.find()) {
      return String.format(
          Locale.ROOT,
          "out of memory: this JVM's resident memory (heap and off-heap together, %s) passed"
              + " JavaCPP's limit of %s (org.bytedeco.javacpp.maxphysicalbytes), so ND4J refused"
              + " to allocate; raise it with -Dorg.bytedeco.javacpp.maxphysicalbytes=SIZE (in"
              + " spark.executor.extraJavaOptions on a cluster, BNSWEEP_JAVA_OPTS for ./bnsweep),"
              + " or use a smaller network or batch size. The limit is per JVM: trials running"
              + " beside this one count too.",
          physical.group(1),
          physical.group(2));
    }
    Matcher counted = COUNTED.matcher(message);
    if (counted.find()) {
      return String.format(
          Locale.ROOT,
          "out of off-heap memory: JavaCPP's allocations (%s, and %s more asked for) passed its"
              + " limit of %s (org.bytedeco.javacpp.maxbytes); raise it with"
              + " -Dorg.bytedeco.javacpp.maxbytes=SIZE (in spark.executor.extraJavaOptions on a"
              + " cluster, BNSWEEP_JAVA_OPTS for ./bnsweep), or use a smaller network or batch"
              + " size. The limit is per JVM: trials running beside this one count too.",
          counted.group(1),
          counted.group(2),
          counted.group(3));
    }
    if (message.contains("Java heap space")
        || message.contains("GC overhead limit")
        || message.contains("Requested array size")) {
      return String.format(
          Locale.ROOT,
          "out of heap memory (%s): the JVM's heap is limited to %s; raise it with -Xmx"
              + " (spark.executor.memory on a cluster, spark.driver.memory or BNSWEEP_JAVA_OPTS in"
              + " local mode), or use a smaller network or batch size. The heap is shared by every"
              + " trial in this JVM.",
          message,
          mib(Runtime.getRuntime().maxMemory()));
    }
    if (message.contains("Direct buffer memory")) {
      return "out of direct buffer memory: raise -XX:MaxDirectMemorySize (in"
          + " spark.executor.extraJavaOptions on a cluster, BNSWEEP_JAVA_OPTS for ./bnsweep), or"
          + " use a smaller network or batch size";
    }
    return "out of memory (" + message + ")";
  }

  private static String mib(long bytes) {
    return bytes <= 0
        ? "none set"
        : String.format(Locale.ROOT, "%d MiB", Math.round(bytes / (1024.0 * 1024)));
  }
}
