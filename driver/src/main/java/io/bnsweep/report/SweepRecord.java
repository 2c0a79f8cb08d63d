package io.bnsweep.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.bnsweep.spec.SweepSpec.CompareSpec;
import io.bnsweep.spec.SweepSpec.Decisions;
import io.bnsweep.spec.SweepSpec.TableSpec;
import io.bnsweep.store.Json;
import io.bnsweep.store.ResultStore;
import io.bnsweep.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code sweep.json}: what an output directory's reports need to know about the sweep that wrote
 * it, beyond its results: the compared axis and baseline, alpha, the margin, the looks of
 * sequential seeding (a report that took a sequential sweep for a fixed one would split alpha over
 * too few looks), the table's layout and whether it was a random search. {@code run} writes it
 * before its first trial; {@code report DIR} reads it.
 *
 * @param compareAxis the compared axis, or null for the default
 * @param baseline its baseline value's text, or null
 * @param alpha the family-wise error rate
 * @param equivalenceMargin the margin, a fraction of accuracy
 * @param looks seeds per variant at each look; empty for a fixed design
 * @param rows the table's row axis, or null
 * @param columns the table's column axis, or null
 * @param randomSearch whether the variants were drawn
 * @param metric what the comparisons decided on ({@code test} or {@code validation})
 * @param tune the tuned comparison's setup, or null without {@code tune:}
 */
public record SweepRecord(
    String compareAxis,
    String baseline,
    double alpha,
    double equivalenceMargin,
    List<Integer> looks,
    String rows,
    String columns,
    boolean randomSearch,
    String metric,
    @JsonInclude(JsonInclude.Include.NON_NULL) TuneSetup tune) {

  public SweepRecord {
    looks = looks == null ? List.of() : List.copyOf(looks);
  }

  /** The record of {@code options}. */
  public static SweepRecord of(ReportOptions options) {
    return new SweepRecord(
        options.compare().map(CompareSpec::axis).orElse(null),
        options.compare().map(CompareSpec::baseline).orElse(null),
        options.decisions().alpha(),
        options.decisions().margin(),
        options.decisions().looks(),
        options.table().rows().orElse(null),
        options.table().columns().orElse(null),
        options.randomSearch(),
        options.decisions().metric(),
        options.tune().orElse(null));
  }

  /** The report options this record stands for. */
  public ReportOptions options() {
    return new ReportOptions(
        compareAxis == null
            ? Optional.empty()
            : Optional.of(new CompareSpec(compareAxis, baseline)),
        new Decisions(alpha, equivalenceMargin, looks, metric),
        new TableSpec(Optional.ofNullable(rows), Optional.ofNullable(columns)),
        randomSearch,
        Optional.ofNullable(tune));
  }

  /** Writes this record into {@code dir}, atomically. */
  public void write(Path dir) {
    try {
      ResultStore.writeAtomically(
          dir.resolve(ResultStore.RECORD), Json.MAPPER.writeValueAsString(this) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a SweepRecord is always JSON", e);
    }
  }

  /** The record in {@code dir}, if the sweep that wrote it left one. */
  public static Optional<SweepRecord> read(Path dir) {
    Path file = dir.resolve(ResultStore.RECORD);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.readValue(Files.readString(file), SweepRecord.class));
    } catch (IOException e) {
      throw new StoreException(file + ": not a sweep record (" + e.getMessage() + ")", e);
    }
  }
}
