package io.bnsweep.cli;

import io.bnsweep.plan.SweepPlan;
import io.bnsweep.trial.Trial;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bnsweep plan SPEC}: lists the trials a spec would run, without running them. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Print the trials SPEC would run, and how many, without running them.")
final class PlanCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SPEC", description = "Sweep spec (YAML or JSON).")
  Path specFile;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    SweepPlan plan = SweepInputs.plan(specFile, null);
    PrintWriter out = command.commandLine().getOut();
    out.printf(Locale.ROOT, "%-12s  %-9s  %-10s  %s%n", "trial", "placement", "activation", "seed");
    for (Trial t : plan.trials()) {
      out.printf(
          Locale.ROOT,
          "%-12s  %-9s  %-10s  %d%n",
          t.id(),
          t.variant().placement().id(),
          t.variant().activation().id(),
          t.seed());
    }
    out.printf(
        Locale.ROOT,
        "%d trials: %d variants x %d seeds; %d train / %d test examples, %d epoch(s), output %s%n",
        plan.trials().size(),
        plan.variants(),
        plan.spec().seeds().size(),
        plan.training().trainSize(),
        plan.training().testSize(),
        plan.training().epochs(),
        plan.spec().output());
    out.flush();
    return ExitCodes.OK;
  }
}
