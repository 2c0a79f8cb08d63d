package io.bnsweep.bench;

import io.bnsweep.axis.Axes;
import io.bnsweep.schedule.AshaPolicy;
import io.bnsweep.spec.Rungs;
import io.bnsweep.store.ResultStore;
import io.bnsweep.trial.EpochMetrics;
import io.bnsweep.trial.Segment;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * How often asynchronous successive halving chooses what the full search chooses, and at what cost.
 *
 * <p>Reads the ledger of a search sweep whose every configuration trained to the last epoch with a
 * validation score after each epoch ({@code src/bench/asha-quality.yaml}), splits the
 * configurations into searches of {@code size} (a random partition: ordered by trial id, a hash),
 * and runs bnsweep's {@link AshaPolicy} over each search on {@code slots} simulated slots, handing
 * it each configuration's recorded curve cut at the epoch its segment trains to. A continued trial
 * equals the uninterrupted one bit for bit (CheckpointResumeTest), so these are exactly the scores
 * ASHA would have seen; what the simulation chooses is the arrival order: a segment takes the
 * epochs it trains times a random factor in [0.8, 1.2], seeded per search.
 *
 * <p>Usage: {@code AshaQuality <output dir> [size 27] [slots 4] [min 1] [max 9] [eta 3]}. Prints
 * one line per search (the full search's best learning rate and validation accuracy at the last
 * epoch, ASHA's choice and its accuracy there, the gap in points, the rank of ASHA's choice among
 * the search's configurations at the last epoch, the epochs each trained), then how many choices
 * are the same or within 0.5 points, and the epochs ASHA spent over the full search's.
 */
public final class AshaQuality {
  private static final double WITHIN_POINTS = 0.5;

  private AshaQuality() {}

  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println(
          "usage: src/bench/run asha-quality <output dir> [size] [slots] [min] [max] [eta]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 27;
    int slots = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    Rungs rungs =
        new Rungs(
            args.length > 3 ? Integer.parseInt(args[3]) : 1,
            args.length > 4 ? Integer.parseInt(args[4]) : 9,
            args.length > 5 ? Integer.parseInt(args[5]) : 3);
    int last = rungs.maxEpochs();

    Map<String, TrialResult> curves = new LinkedHashMap<>();
    for (TrialResult r : ResultStore.read(dir)) {
      if (!r.isFailed()
          && r.epochs().size() >= last
          && r.epochs().get(last - 1).validationAccuracy() != null) {
        curves.put(r.trialId(), r);
      }
    }
    List<TrialResult> all = new ArrayList<>(curves.values());
    all.sort(Comparator.comparing(TrialResult::trialId));
    int searches = all.size() / size;
    if (searches == 0) {
      System.err.println(
          "asha-quality: "
              + dir
              + " holds "
              + all.size()
              + " configurations trained to epoch "
              + last
              + " with validation scores; a search needs "
              + size);
      System.exit(2);
    }
    System.out.printf(
        Locale.ROOT,
        "%d configurations from %s: %d searches of %d, rungs at %s epochs, eta %d, %d slots%n",
        all.size(),
        dir,
        searches,
        size,
        rungs.epochs(),
        rungs.eta(),
        slots);
    System.out.println(
        "search | full: best lr, val % | ASHA: chosen lr, val % | gap (points) | rank of ASHA's"
            + " choice in the full search | epochs: ASHA / full");
    int close = 0;
    long ashaEpochs = 0;
    long fullEpochs = 0;
    for (int s = 0; s < searches; s++) {
      List<TrialResult> search = all.subList(s * size, (s + 1) * size);
      TrialResult best =
          search.stream().max(Comparator.comparingDouble(r -> validation(r, last))).orElseThrow();
      Outcome asha = simulate(search, rungs, slots, new Random(1000 + s));
      TrialResult chosen = curves.get(asha.chosen());
      double gap = 100 * (validation(best, last) - validation(chosen, last));
      // 1 + how many of the search's configurations the full search scores above ASHA's choice
      long rank =
          1 + search.stream().filter(r -> validation(r, last) > validation(chosen, last)).count();
      if (gap <= WITHIN_POINTS) {
        close++;
      }
      ashaEpochs += asha.epochs();
      fullEpochs += (long) size * last;
      System.out.printf(
          Locale.ROOT,
          "%6d | %.5f, %.2f | %.5f, %.2f | %.2f | %d of %d | %d / %d%n",
          s + 1,
          best.variant().get(Axes.LEARNING_RATE),
          100 * validation(best, last),
          chosen.variant().get(Axes.LEARNING_RATE),
          100 * validation(chosen, last),
          gap,
          rank,
          size,
          asha.epochs(),
          size * last);
    }
    System.out.printf(
        Locale.ROOT,
        "same choice or within %.1f points of the full search's best: %d of %d searches; ASHA"
            + " trained %d of %d epochs (%.0f%%)%n",
        WITHIN_POINTS,
        close,
        searches,
        ashaEpochs,
        fullEpochs,
        100.0 * ashaEpochs / fullEpochs);
  }

  private static double validation(TrialResult r, int epoch) {
    return r.epochs().get(epoch - 1).validationAccuracy();
  }

  /** ASHA's choice for one search, and the epochs it trained. */
  private record Outcome(String chosen, long epochs) {}

  /** A segment in flight on a simulated slot, ending at {@code end}. */
  private record InFlight(double end, long order, Segment segment, int fromEpoch) {}

  private static Outcome simulate(List<TrialResult> search, Rungs rungs, int slots, Random random) {
    Map<String, TrialResult> byId = new LinkedHashMap<>();
    List<Trial> trials = new ArrayList<>();
    for (TrialResult r : search) {
      byId.put(r.trialId(), r);
      trials.add(new Trial(r.trialId(), r.variant(), r.seed()));
    }
    AshaPolicy policy = new AshaPolicy(rungs, List.of(trials));
    Map<String, Integer> trained = new LinkedHashMap<>();
    PriorityQueue<InFlight> running =
        new PriorityQueue<>(
            Comparator.comparingDouble(InFlight::end).thenComparing(InFlight::order));
    double now = 0;
    long order = 0;
    long epochs = 0;
    while (true) {
      while (running.size() < slots) {
        List<Segment> next = policy.next(running.size());
        if (next.isEmpty()) {
          break;
        }
        for (Segment seg : next) {
          int from = trained.getOrDefault(seg.trial().id(), 0);
          int length = seg.untilEpoch() - from;
          epochs += length;
          running.add(
              new InFlight(now + length * (0.8 + 0.4 * random.nextDouble()), order++, seg, from));
        }
      }
      InFlight done = running.poll();
      if (done == null) {
        break;
      }
      now = done.end();
      String id = done.segment().trial().id();
      trained.put(id, done.segment().untilEpoch());
      policy.arrived(cut(byId.get(id), done.segment().untilEpoch()));
    }
    List<String> complete = policy.state().get(0).complete();
    if (complete.isEmpty()) {
      throw new IllegalStateException("no configuration reached the last rung");
    }
    return new Outcome(complete.get(0), epochs);
  }

  /** {@code full}'s result as it stood after {@code epoch} epochs. */
  private static TrialResult cut(TrialResult full, int epoch) {
    List<EpochMetrics> epochs = full.epochs().subList(0, epoch);
    return new TrialResult(
        full.trialId(),
        full.variant(),
        full.seed(),
        full.state(),
        null,
        null,
        null,
        List.copyOf(epochs),
        full.trainSeconds(),
        full.samplesPerSecond(),
        List.of(),
        null,
        null,
        null);
  }
}
