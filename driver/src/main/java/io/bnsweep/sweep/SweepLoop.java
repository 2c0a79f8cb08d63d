package io.bnsweep.sweep;

import io.bnsweep.schedule.RoundPolicy;
import io.bnsweep.store.ResultSink;
import io.bnsweep.trial.Segment;
import io.bnsweep.trial.TrialResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The driver loop of every sweep: asks the {@link RoundPolicy} for work, submits it to the {@link
 * TrialBackend}, and keeps each result in the {@link ResultSink} the moment it arrives, before the
 * policy sees it. It knows no Spark, so it and every policy are tested on an in-process backend.
 *
 * <p>What it adds to every policy:
 *
 * <ul>
 *   <li>a result is kept before its progress line is printed and before the policy decides on it,
 *       so whatever the output reports, or a decision used, is in the ledger;
 *   <li>a transient failure (see {@link io.bnsweep.trial.Failure}) is run again, up to {@code
 *       attempts} times in all, and only the last attempt is kept;
 *   <li>a segment that stops before its trial's last epoch is kept as PRUNED: a search stopped it
 *       there, and continues it only by asking for a later segment;
 *   <li>a policy can ask for each segment once per run: asking again is a bug, refused, so that no
 *       sweep loops.
 * </ul>
 */
public final class SweepLoop {
  /** How long one wait for a result lasts before the progress heartbeat is checked. */
  static final Duration POLL = Duration.ofMillis(200);

  private final RoundPolicy policy;
  private final Supplier<TrialBackend> start;
  private final ResultSink sink;
  private final SweepProgress progress;
  private final int attempts;
  private final Consumer<List<Segment>> submitted;
  private TrialBackend backend;

  /**
   * @param start starts the backend, called once, when there is first work to submit
   * @param attempts how many times a segment that fails transiently is tried in all (at least 1)
   * @param submitted told about each batch of work before it is submitted (for the log)
   */
  public SweepLoop(
      RoundPolicy policy,
      Supplier<TrialBackend> start,
      ResultSink sink,
      SweepProgress progress,
      int attempts,
      Consumer<List<Segment>> submitted) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
    }
    this.policy = policy;
    this.start = start;
    this.sink = sink;
    this.progress = progress;
    this.attempts = attempts;
    this.submitted = submitted;
  }

  /**
   * Runs until the policy has nothing more and nothing is running, then closes the backend (also
   * when it throws).
   *
   * @throws io.bnsweep.store.LedgerWriteException if a result could not be kept
   * @throws IllegalStateException if a policy asks again for a segment it already had
   */
  public void run() {
    Map<String, Segment> inFlight = new HashMap<>();
    Map<String, Integer> tries = new HashMap<>();
    Set<String> asked = new HashSet<>();
    try {
      while (true) {
        // ask until the policy has nothing more for now or every slot is busy (a barrier policy
        // gives a whole round at once, whatever the slots: the backend queues it)
        List<Segment> next;
        do {
          next = policy.next(inFlight.size());
          for (Segment s : next) {
            String key = s.trial().id() + "@" + s.untilEpoch();
            if (!asked.add(key) || inFlight.containsKey(s.trial().id())) {
              throw new IllegalStateException(
                  policy.describe()
                      + " asked twice in one run for trial "
                      + s.trial().id()
                      + " up to epoch "
                      + s.untilEpoch());
            }
            inFlight.put(s.trial().id(), s);
            tries.put(s.trial().id(), 1);
          }
          if (!next.isEmpty()) {
            submitted.accept(next);
            backend().submit(next);
          }
        } while (!next.isEmpty() && inFlight.size() < backend().slots());
        if (inFlight.isEmpty()) {
          return;
        }
        Optional<TrialResult> arrived = backend.poll(POLL);
        progress.tick();
        if (arrived.isEmpty()) {
          continue;
        }
        TrialResult result = arrived.get();
        Segment segment = inFlight.remove(result.trialId());
        if (segment == null) {
          continue; // a duplicate of a result already taken (Spark hands each partition once)
        }
        int tried = tries.get(result.trialId());
        if (result.isTransientFailure() && tried < attempts) {
          tries.put(result.trialId(), tried + 1);
          inFlight.put(result.trialId(), segment);
          backend.submit(List.of(segment));
          continue;
        }
        // a trial that killed its JVMs was tried as often as they died (its result says)
        int attemptsSoFar =
            result.failure() == null ? tried : Math.max(tried, result.failure().attempts());
        TrialResult kept =
            (segment.isLast() ? result : result.pruned()).withAttempts(attemptsSoFar);
        progress.keepThenReport(kept, sink::keep);
        policy.arrived(kept);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the sweep ran", e);
    } finally {
      if (backend != null) {
        backend.close();
      }
    }
  }

  private TrialBackend backend() {
    if (backend == null) {
      backend = start.get();
    }
    return backend;
  }
}
