package io.bnsweep.report;

import io.bnsweep.spec.SweepSpec;
import io.bnsweep.spec.SweepSpec.CompareSpec;
import io.bnsweep.spec.SweepSpec.Decisions;
import io.bnsweep.spec.SweepSpec.TableSpec;
import java.util.Optional;

/**
 * What a report compares, how it decides, and how it lays out its tables: from the spec on {@code
 * run}, from the output directory's record of its sweep and the command line on {@code report}.
 *
 * @param compare the compared axis and its baseline, or empty for the default (placement against
 *     {@code before} when placement is swept)
 * @param decisions alpha, the equivalence margin and the looks of sequential seeding
 * @param table the accuracy table's rows and columns, where chosen
 * @param randomSearch true if the variants were drawn by random search (no linear model)
 * @param tune the tuned comparison's setup ({@code tune:}), or empty
 */
public record ReportOptions(
    Optional<CompareSpec> compare,
    Decisions decisions,
    TableSpec table,
    boolean randomSearch,
    Optional<TuneSetup> tune) {
  /** Options of a sweep without tuning. */
  public ReportOptions(
      Optional<CompareSpec> compare, Decisions decisions, TableSpec table, boolean randomSearch) {
    this(compare, decisions, table, randomSearch, Optional.empty());
  }

  /** Every default. */
  public static final ReportOptions DEFAULT =
      new ReportOptions(Optional.empty(), Decisions.DEFAULT, TableSpec.DEFAULT, false);

  /** The options a spec sets. */
  public static ReportOptions of(SweepSpec spec) {
    return new ReportOptions(
        spec.compare(),
        spec.decisions(),
        spec.table(),
        spec.space().sampling().isPresent(),
        spec.tune().map(TuneSetup::of));
  }

  /** These options comparing as {@code compare} says, if it is given. */
  public ReportOptions comparing(Optional<CompareSpec> compare) {
    return compare.isPresent()
        ? new ReportOptions(compare, decisions, table, randomSearch, tune)
        : this;
  }
}
