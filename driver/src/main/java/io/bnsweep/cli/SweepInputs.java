package io.bnsweep.cli;

import io.bnsweep.data.Dataset;
import io.bnsweep.plan.SweepPlan;
import io.bnsweep.plan.SweepPlanner;
import io.bnsweep.spec.SpecException;
import io.bnsweep.spec.SpecLoader;
import io.bnsweep.spec.SweepSpec;
import io.bnsweep.sweep.DatasetShipping;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Reads a spec file and plans it against its dataset: the validation shared by commands. */
final class SweepInputs {
  private SweepInputs() {}

  /**
   * The plan of the spec in {@code specFile}, writing to {@code out} if given; warnings about its
   * subsets go to {@code warnings}.
   *
   * @throws SpecException or {@link io.bnsweep.data.DatasetException} for bad input
   */
  static SweepPlan plan(Path specFile, Path out, PrintWriter warnings) {
    SweepSpec spec = SpecLoader.load(specFile);
    if (out != null) {
      spec = spec.withOutput(out);
    }
    Dataset data = DatasetShipping.loadOnDriver(spec.datasetKey());
    try {
      SweepPlan plan = SweepPlanner.plan(spec, data);
      for (String warning : SweepPlanner.warnings(plan, data)) {
        warnings.println("[bnsweep] warning: " + warning);
      }
      warnings.flush();
      return plan;
    } catch (SpecException e) {
      throw new SpecException(specFile + ": " + e.getMessage());
    }
  }
}
