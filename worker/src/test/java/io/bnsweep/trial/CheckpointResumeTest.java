package io.bnsweep.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.axis.Axes;
import io.bnsweep.checkpoint.LocalCheckpointStore;
import io.bnsweep.data.DataSource;
import io.bnsweep.data.Dataset;
import io.bnsweep.network.NetworkShape;
import io.bnsweep.network.ResNetFamily;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A trial continued from a per-epoch checkpoint gives the uninterrupted trial's result bit for bit:
 * a 4-epoch run against a run to epoch 2 and a new runner continuing it to epoch 4, for placements
 * with and without dropout and for a residual network (a graph).
 */
class CheckpointResumeTest {
  private static final Dataset SYNTHETIC = SyntheticImages.dataset(600, 200);
  private static final int EPOCHS = 4;
  private static final Duration NEVER_DUE = Duration.ofDays(1);

  @TempDir Path dir;

  private static Variant data(Variant network) {
    return network
        .with(Axes.DATASET, DataSource.of("synthetic"))
        .with(Axes.TRAIN_SIZE, 500)
        .with(Axes.VALIDATION_SIZE, 100)
        .with(Axes.TEST_SIZE, 200)
        .with(Axes.EPOCHS, EPOCHS)
        .with(Axes.BATCH_SIZE, 32)
        .with(Axes.LEARNING_RATE, 1e-2);
  }

  private static Variant cnn(String placement) {
    return new NetworkShape(List.of(8, 16), 3)
        .applyTo(Variant.of(Placement.parse(placement), ActivationKind.RELU));
  }

  static Stream<Arguments> trials() {
    return Stream.of(
        Arguments.of("cnn bn-act", data(cnn("bn-act"))),
        Arguments.of("cnn act-bn-drop", data(cnn("act-bn-drop")).with(Axes.NETWORK_DROPOUT, 0.3)),
        Arguments.of(
            "cnn bn-act-drop, augmented",
            data(cnn("bn-act-drop"))
                .with(Axes.NETWORK_DROPOUT, 0.5)
                .with(Axes.AUGMENT, List.of(io.bnsweep.data.Augment.CROP))),
        Arguments.of(
            "resnet original",
            data(
                Variant.of("resnet", Placement.ORIGINAL, ActivationKind.RELU)
                    .with(ResNetFamily.DEPTH, 8))));
  }

  private static TrialRunner runner(LocalCheckpointStore store, Duration cadence) {
    return new TrialRunner(name -> SYNTHETIC, 1, LocalFitter::new, null, store, cadence);
  }

  /** Every per-epoch figure a result reports, exactly (times aside). */
  static void assertSameEpochs(List<EpochMetrics> expected, List<EpochMetrics> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      EpochMetrics e = expected.get(i);
      EpochMetrics a = actual.get(i);
      String epoch = "epoch " + e.epoch();
      assertEquals(e.epoch(), a.epoch());
      assertEquals(e.trainLoss(), a.trainLoss(), epoch + " train loss");
      assertEquals(e.testAccuracy(), a.testAccuracy(), epoch + " test accuracy");
      assertEquals(e.testLoss(), a.testLoss(), epoch + " test loss");
      assertEquals(e.validationAccuracy(), a.validationAccuracy(), epoch + " validation accuracy");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trials")
  void aResumedTrialEqualsTheUninterruptedOneBitForBit(String name, Variant variant) {
    Trial trial = new Trial("t-" + name.replaceAll("[^a-z0-9]+", "-"), variant, 11);
    TrialResult uninterrupted = new TrialRunner(n -> SYNTHETIC, 1).run(trial);
    assertEquals(TrialState.COMPLETE, uninterrupted.state(), uninterrupted.failureReason());

    LocalCheckpointStore store = new LocalCheckpointStore(dir);
    SegmentResult first = runner(store, NEVER_DUE).runSegment(new Segment(trial, 2, true));
    SegmentResult second = runner(store, NEVER_DUE).runSegment(new Segment(trial, 4, true));

    assertEquals(0, first.resumedAfterEpoch());
    assertEquals(2, first.epochsTrained());
    assertEquals(1, first.checkpointsWritten(), "a segment short of the end is checkpointed");
    assertEquals(TrialState.COMPLETE, first.result().state(), first.result().failureReason());
    assertSameEpochs(uninterrupted.epochs().subList(0, 2), first.result().epochs());
    assertNull(first.result().inference(), "inference is measured at the trial's last epoch only");

    assertEquals(2, second.resumedAfterEpoch());
    assertEquals(2, second.epochsTrained());
    assertEquals(TrialState.COMPLETE, second.result().state(), second.result().failureReason());
    assertSameEpochs(uninterrupted.epochs(), second.result().epochs());
    assertEquals(uninterrupted.testAccuracy(), second.result().testAccuracy());
    assertEquals(uninterrupted.testLoss(), second.result().testLoss());
    assertEquals(uninterrupted.diagnostics(), second.result().diagnostics());
    assertNotNull(second.result().inference());
    assertEquals(
        uninterrupted.inference().foldedMaxAbsDiff(),
        second.result().inference().foldedMaxAbsDiff());
  }

  private static Trial cnnTrial(String id) {
    return new Trial(id, data(cnn("act-bn-drop")).with(Axes.NETWORK_DROPOUT, 0.3), 5);
  }

  @Test
  void checkpointingEveryEpochChangesNothing() {
    Trial trial = cnnTrial("every-epoch");
    TrialResult without = new TrialRunner(n -> SYNTHETIC, 1).run(trial);
    SegmentResult with =
        runner(new LocalCheckpointStore(dir), Duration.ZERO).runSegment(Segment.whole(trial));

    // every epoch but the last: the trial's result follows it, so a checkpoint would be deleted
    assertEquals(EPOCHS - 1, with.checkpointsWritten());
    assertTrue(with.checkpointSeconds() > 0);
    assertSameEpochs(without.epochs(), with.result().epochs());
    assertEquals(without.testAccuracy(), with.result().testAccuracy());
    assertEquals(without.diagnostics(), with.result().diagnostics());
  }

  @Test
  void aSegmentAlreadyCheckpointedAtItsEndTrainsNothing() {
    Trial trial = cnnTrial("at-end");
    LocalCheckpointStore store = new LocalCheckpointStore(dir);
    SegmentResult first = runner(store, NEVER_DUE).runSegment(new Segment(trial, 3, true));
    SegmentResult again = runner(store, NEVER_DUE).runSegment(new Segment(trial, 3, true));

    assertEquals(3, again.resumedAfterEpoch());
    assertEquals(0, again.epochsTrained());
    assertEquals(0, again.checkpointsWritten());
    assertSameEpochs(first.result().epochs(), again.result().epochs());
    assertEquals(first.result().diagnostics(), again.result().diagnostics());
    assertEquals(first.result().trainSeconds(), again.result().trainSeconds());
  }

  @Test
  void aValidationOnlySegmentScoresNoTestAndContinuesExactly() {
    Trial trial = cnnTrial("validation-only");
    TrialResult uninterrupted = new TrialRunner(n -> SYNTHETIC, 1).run(trial);
    LocalCheckpointStore store = new LocalCheckpointStore(dir);

    TrialResult search = runner(store, NEVER_DUE).run(new Segment(trial, 2, false));
    assertEquals(TrialState.COMPLETE, search.state(), search.failureReason());
    assertNull(search.testAccuracy());
    assertNull(search.inference());
    for (int i = 0; i < 2; i++) {
      EpochMetrics e = search.epochs().get(i);
      assertNull(e.testAccuracy(), "no test score in a validation-only segment");
      assertEquals(uninterrupted.epochs().get(i).trainLoss(), e.trainLoss());
      assertEquals(uninterrupted.epochs().get(i).validationAccuracy(), e.validationAccuracy());
    }

    TrialResult confirmed = runner(store, NEVER_DUE).run(new Segment(trial, EPOCHS, true));
    assertSameEpochs(uninterrupted.epochs().subList(2, 4), confirmed.epochs().subList(2, 4));
    assertEquals(uninterrupted.testAccuracy(), confirmed.testAccuracy());
    assertEquals(uninterrupted.epochs().get(1).trainLoss(), confirmed.epochs().get(1).trainLoss());
  }

  @Test
  void aDamagedCheckpointIsIgnoredAndTheTrialStartsAfresh() throws IOException {
    Trial trial = cnnTrial("damaged");
    TrialResult uninterrupted = new TrialRunner(n -> SYNTHETIC, 1).run(trial);
    LocalCheckpointStore store = new LocalCheckpointStore(dir);
    runner(store, NEVER_DUE).run(new Segment(trial, 2, true));
    Path file = store.file(trial.id());
    byte[] whole = Files.readAllBytes(file);

    Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    SegmentResult truncated = runner(store, NEVER_DUE).runSegment(Segment.whole(trial));

    byte[] flipped = whole.clone();
    flipped[whole.length / 3] ^= 1;
    Files.write(file, flipped);
    SegmentResult altered = runner(store, NEVER_DUE).runSegment(Segment.whole(trial));

    for (SegmentResult r : List.of(truncated, altered)) {
      assertEquals(TrialState.COMPLETE, r.result().state(), r.result().failureReason());
      assertEquals(0, r.resumedAfterEpoch());
      assertEquals(EPOCHS, r.epochsTrained());
      assertSameEpochs(uninterrupted.epochs(), r.result().epochs());
    }
  }

  @Test
  void aCheckpointOfAnotherTrialIsIgnored() throws IOException {
    LocalCheckpointStore store = new LocalCheckpointStore(dir);
    Trial other = cnnTrial("other");
    runner(store, NEVER_DUE).run(new Segment(other, 1, true));
    Trial trial = new Trial("mine", other.variant().with(Axes.LEARNING_RATE, 1e-3), 5);
    Files.copy(store.file(other.id()), store.file(trial.id()));

    SegmentResult r = runner(store, NEVER_DUE).runSegment(new Segment(trial, 1, true));

    assertEquals(0, r.resumedAfterEpoch());
    assertEquals(1, r.epochsTrained());
    assertNotEquals(
        runner(null, NEVER_DUE).run(new Segment(other, 1, true)).epochs().get(0).trainLoss(),
        r.result().epochs().get(0).trainLoss());
  }

  @Test
  void aCheckpointOfAnotherNetworkIsIgnoredAndTheTrialRunsAsAFreshOne() {
    LocalCheckpointStore store = new LocalCheckpointStore(dir);
    Trial narrow = new Trial("same-id", data(cnn("bn-act")), 5);
    runner(store, NEVER_DUE).run(new Segment(narrow, 1, true));
    Variant wide =
        new NetworkShape(List.of(12, 16), 3)
            .applyTo(Variant.of(Placement.parse("act-bn-drop"), ActivationKind.RELU));
    Trial trial = new Trial("same-id", data(wide).with(Axes.NETWORK_DROPOUT, 0.3), 5);

    SegmentResult r = runner(store, NEVER_DUE).runSegment(new Segment(trial, 2, true));

    assertEquals(0, r.resumedAfterEpoch(), "its parameters do not fit the network");
    assertEquals(2, r.epochsTrained());
    // the rejected checkpoint's network was built and dropped; the trial runs as a fresh one
    assertSameEpochs(
        runner(null, NEVER_DUE).run(new Segment(trial, 2, true)).epochs(), r.result().epochs());
  }

  @Test
  void aCheckpointPastTheSegmentsEndIsNeitherUsedNorOverwritten() {
    LocalCheckpointStore store = new LocalCheckpointStore(dir);
    Trial trial = cnnTrial("past-end");
    runner(store, NEVER_DUE).run(new Segment(trial, 3, true));

    SegmentResult shorter = runner(store, Duration.ZERO).runSegment(new Segment(trial, 2, true));
    SegmentResult again = runner(store, NEVER_DUE).runSegment(new Segment(trial, 3, true));

    assertEquals(0, shorter.resumedAfterEpoch());
    assertEquals(2, shorter.epochsTrained());
    assertEquals(0, shorter.checkpointsWritten());
    assertEquals(3, again.resumedAfterEpoch(), "the epoch-3 checkpoint is still there");
  }
}
