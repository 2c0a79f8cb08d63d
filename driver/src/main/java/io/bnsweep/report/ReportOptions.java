package io.bnsweep.report;

import io.bnsweep.spec.SweepSpec;
import io.bnsweep.spec.SweepSpec.CompareSpec;
import io.bnsweep.spec.SweepSpec.TableSpec;
import java.util.Optional;

/**
 * What a report compares and how it lays out its tables: from the spec on {@code run}, from the
 * command line on {@code report}.
 *
 * @param compare the compared axis and its baseline, or empty for the default (placement against
 *     {@code before} when placement is swept)
 * @param table the accuracy table's rows and columns, where chosen
 * @param randomSearch true if the variants were drawn by random search (no linear model)
 */
public record ReportOptions(Optional<CompareSpec> compare, TableSpec table, boolean randomSearch) {
  /** Every default. */
  public static final ReportOptions DEFAULT =
      new ReportOptions(Optional.empty(), TableSpec.DEFAULT, false);

  /** The options a spec sets. */
  public static ReportOptions of(SweepSpec spec) {
    return new ReportOptions(spec.compare(), spec.table(), spec.space().sampling().isPresent());
  }

  /** These options comparing as {@code compare} says, if it is given. */
  public ReportOptions comparing(Optional<CompareSpec> compare) {
    return compare.isPresent() ? new ReportOptions(compare, table, randomSearch) : this;
  }
}
