package io.bnsweep.testing;

import io.bnsweep.sweep.TrialBackend;
import io.bnsweep.trial.Segment;
import io.bnsweep.trial.TrialResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * A {@link TrialBackend} in the calling thread, on scripted results: each segment's result is
 * {@code script}'s, and which running segment finishes next is chosen by {@code order} (the first
 * submitted, by default), so that a test can play any arrival order. Records every submission.
 */
public final class InProcessBackend implements TrialBackend {
  private final Function<Segment, TrialResult> script;
  private final ToIntFunction<List<Segment>> order;
  private final int slots;
  private final List<Segment> running = new ArrayList<>();
  private final List<List<Segment>> submissions = new ArrayList<>();
  private boolean closed;

  /** Results from {@code script}, in submission order. */
  public InProcessBackend(Function<Segment, TrialResult> script) {
    this(script, 1, running -> 0);
  }

  /**
   * Results from {@code script} with {@code slots} slots; {@code order} picks the index of the
   * running segment that ends next.
   */
  public InProcessBackend(
      Function<Segment, TrialResult> script, int slots, ToIntFunction<List<Segment>> order) {
    this.script = script;
    this.slots = slots;
    this.order = order;
  }

  @Override
  public int slots() {
    return slots;
  }

  @Override
  public void submit(List<Segment> segments) {
    if (closed) {
      throw new IllegalStateException("submitted to a closed backend");
    }
    submissions.add(List.copyOf(segments));
    running.addAll(segments);
  }

  @Override
  public Optional<TrialResult> poll(Duration timeout) {
    if (running.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(script.apply(running.remove(order.applyAsInt(List.copyOf(running)))));
  }

  @Override
  public void close() {
    closed = true;
  }

  /** Every batch submitted, in order. */
  public List<List<Segment>> submissions() {
    return List.copyOf(submissions);
  }

  /** Every segment submitted, in order. */
  public List<Segment> segments() {
    return submissions.stream().flatMap(List::stream).toList();
  }

  /** True once the loop closed it. */
  public boolean closed() {
    return closed;
  }
}
