package io.bnsweep.trial;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bnsweep.diagnostics.EpochDiagnostics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * What a trial needs to continue exactly after epoch {@link #epoch}, and what its result reports so
 * far.
 *
 * <p>The bytes: a magic and a version; the trial's progress as JSON (epoch, data order, per-epoch
 * metrics and diagnostics, training seconds, samples seen, usage so far); the shuffle's {@link
 * Random}, Java-serialised (its seed and cached Gaussian); the trainer's opaque state (for DL4J the
 * network, updater and random generator); a CRC-32 of everything before it. A truncated or altered
 * checkpoint fails {@link #decode} with an {@link IOException}.
 *
 * @param trialId the trial it belongs to
 * @param epoch the last epoch trained, evaluated and diagnosed
 * @param order the training rows in the order of that epoch; the next epoch shuffles it further
 * @param shuffle the generator that shuffles the order, as the next epoch finds it
 * @param epochs metrics of epochs 1..{@code epoch}
 * @param diagnostics diagnostics of epochs 1..{@code epoch}
 * @param trainSeconds fitting time of those epochs
 * @param samples training examples fitted in those epochs
 * @param usage what the runs up to the checkpoint used (summed over resumed runs)
 * @param trainerState the trainer's state after epoch {@code epoch}
 */
record TrialCheckpoint(
    String trialId,
    int epoch,
    int[] order,
    Random shuffle,
    List<EpochMetrics> epochs,
    List<EpochDiagnostics> diagnostics,
    double trainSeconds,
    long samples,
    Usage usage,
    byte[] trainerState) {
  private static final long MAGIC = 0x424e_5357_434b_5054L; // "BNSWCKPT"
  private static final int VERSION = 1;
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  TrialCheckpoint {
    epochs = List.copyOf(epochs);
    diagnostics = List.copyOf(diagnostics);
  }

  /** The JSON part. */
  record Progress(
      String trialId,
      int epoch,
      int[] order,
      List<EpochMetrics> epochs,
      List<EpochDiagnostics> diagnostics,
      double trainSeconds,
      long samples,
      Usage usage) {}

  /** The checkpoint as bytes, for a {@link io.bnsweep.checkpoint.CheckpointStore}. */
  byte[] encode() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(trainerState.length + 64 * 1024);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeLong(MAGIC);
      out.writeInt(VERSION);
      block(
          out,
          JSON.writeValueAsBytes(
              new Progress(
                  trialId, epoch, order, epochs, diagnostics, trainSeconds, samples, usage)));
      ByteArrayOutputStream random = new ByteArrayOutputStream();
      try (ObjectOutputStream objects = new ObjectOutputStream(random)) {
        objects.writeObject(shuffle);
      }
      block(out, random.toByteArray());
      block(out, trainerState);
      out.flush();
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.writeLong(crc.getValue());
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: not expected
    }
  }

  /**
   * The checkpoint {@code bytes} hold.
   *
   * @throws IOException if they are not a whole, unaltered checkpoint of this version
   */
  static TrialCheckpoint decode(byte[] bytes) throws IOException {
    if (bytes.length < 8 + 4 + 8) {
      throw new IOException("too short for a checkpoint: " + bytes.length + " bytes");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    if (in.readLong() != MAGIC) {
      throw new IOException("not a bnsweep checkpoint");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException("checkpoint version " + version + ", expected " + VERSION);
    }
    long stored =
        new DataInputStream(new ByteArrayInputStream(bytes, bytes.length - 8, 8)).readLong();
    if (stored != crc.getValue()) {
      throw new IOException("checksum mismatch: the checkpoint is truncated or altered");
    }
    Progress p = JSON.readValue(block(in), Progress.class);
    Random shuffle;
    try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(block(in)))) {
      objects.setObjectInputFilter(
          info ->
              info.serialClass() == null || info.serialClass() == Random.class
                  ? java.io.ObjectInputFilter.Status.ALLOWED
                  : java.io.ObjectInputFilter.Status.REJECTED);
      shuffle = (Random) objects.readObject();
    } catch (ClassNotFoundException | ClassCastException e) {
      throw new IOException("the checkpoint's shuffle state is not a java.util.Random", e);
    }
    byte[] trainer = block(in);
    if (p.epochs().size() != p.epoch()) {
      throw new IOException(
          "checkpoint of epoch " + p.epoch() + " holds " + p.epochs().size() + " epochs' metrics");
    }
    return new TrialCheckpoint(
        p.trialId(),
        p.epoch(),
        p.order(),
        shuffle,
        p.epochs(),
        p.diagnostics(),
        p.trainSeconds(),
        p.samples(),
        p.usage(),
        trainer);
  }

  private static void block(DataOutputStream out, byte[] block) throws IOException {
    out.writeInt(block.length);
    out.write(block);
  }

  private static byte[] block(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("a block of " + length + " bytes does not fit the checkpoint");
    }
    byte[] block = new byte[length];
    in.readFully(block);
    return block;
  }

  @Override
  public String toString() {
    return "TrialCheckpoint[" + trialId + ", epoch " + epoch + "]";
  }
}
