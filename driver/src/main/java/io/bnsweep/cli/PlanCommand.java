package io.bnsweep.cli;

import io.bnsweep.axis.Axes;
import io.bnsweep.axis.Axis;
import io.bnsweep.plan.Distribution;
import io.bnsweep.plan.SearchSpace;
import io.bnsweep.plan.SweepPlan;
import io.bnsweep.store.ResultStore;
import io.bnsweep.sweep.SweepProgress;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.Variant;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bnsweep plan SPEC}: prints the grid (each swept axis with its values, the settings every
 * trial shares), the number of variants and trials with a warning past {@value #MANY_TRIALS}, the
 * estimated trial time if the output directory holds results to take a rate from, and the trials,
 * without running them.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Print the grid and the trials SPEC would run, and how many, without running them.")
final class PlanCommand implements Callable<Integer> {
  /** Above this many trials, {@code plan} warns. */
  static final int MANY_TRIALS = 10_000;

  @Parameters(paramLabel = "SPEC", description = "Sweep spec (YAML or JSON).")
  Path specFile;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output directory whose results give the time estimate. Default: the spec's.")
  Path out;

  @Option(names = "--no-trials", description = "Print the grid and the counts, not every trial.")
  boolean noTrials;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    SweepPlan plan = SweepInputs.plan(specFile, out, command.commandLine().getErr());
    PrintWriter stdout = command.commandLine().getOut();
    SearchSpace space = plan.spec().space();
    stdout.println("axes:");
    for (String name : plan.swept()) {
      Axis<?> axis = Axes.get(name);
      Distribution drawn = space.sampled().get(axis);
      String values =
          drawn != null
              ? "drawn from " + drawn
              : plan.variants().stream()
                  .map(v -> v.text(name).orElse("n/a"))
                  .distinct()
                  .collect(Collectors.joining(", "));
      stdout.printf(Locale.ROOT, "  %-18s %s%n", name, values);
    }
    stdout.println("settings shared by every trial:");
    Variant first = plan.variants().get(0);
    for (Map.Entry<String, Object> e : first.settings().entrySet()) {
      if (!plan.swept().contains(e.getKey())) {
        stdout.printf(
            Locale.ROOT, "  %-18s %s%n", e.getKey(), Axes.get(e.getKey()).text(e.getValue()));
      }
    }
    if (!noTrials) {
      stdout.printf(Locale.ROOT, "%-12s  %-40s  %s%n", "trial", "variant", "seed");
      for (Trial t : plan.trials()) {
        stdout.printf(
            Locale.ROOT, "%-12s  %-40s  %d%n", t.id(), t.variant().label(plan.swept()), t.seed());
      }
    }
    List<Integer> looks = plan.spec().decisions().looks();
    if (plan.tune().isPresent()) {
      io.bnsweep.spec.TuneSpec tune = plan.tune().get().spec();
      stdout.printf(
          Locale.ROOT,
          "tune, then compare: %d variants x %d configurations of %s searched (%d search"
              + " trials, rungs %s epochs, eta %d), then each variant at its choice on %s"
              + " seeds%s%n",
          plan.variants().size(),
          tune.configurations(),
          String.join(", ", tune.axisNames()),
          plan.tune().get().searchTrials().size(),
          tune.rungs().epochs(),
          tune.eta(),
          looks.isEmpty()
              ? String.valueOf(plan.spec().seeds().size())
              : looks.get(0) + " to " + looks.get(looks.size() - 1),
          tune.alsoFixed() ? ", and at the spec's own settings on the same seeds (below)" : "");
    }
    stdout.printf(
        Locale.ROOT,
        "%s trials: %d variants x %s%s, output %s%n",
        looks.isEmpty()
            ? String.valueOf(plan.trials().size())
            : plan.variants().size() * looks.get(0) + " to " + plan.trials().size(),
        plan.variants().size(),
        looks.isEmpty()
            ? plan.spec().seeds().size() + " seeds"
            : looks.get(0)
                + " to "
                + looks.get(looks.size() - 1)
                + " seeds (sequential, looks at "
                + looks.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + ")",
        space.sampling().map(s -> " (" + s.sample() + " random samples)").orElse(""),
        plan.spec().output());
    estimate(plan).ifPresent(stdout::println);
    stdout.flush();
    if (plan.trials().size() > MANY_TRIALS) {
      PrintWriter err = command.commandLine().getErr();
      err.printf(
          Locale.ROOT,
          "[bnsweep] warning: %,d trials is more than %,d; check the grid before running it%n",
          plan.trials().size(),
          MANY_TRIALS);
      err.flush();
    }
    return ExitCodes.OK;
  }

  /**
   * The estimated trial time, from the mean wall time of the COMPLETE results already in the output
   * directory: the sum over trials, which Spark divides by its task slots.
   */
  private static java.util.Optional<String> estimate(SweepPlan plan) {
    Path dir = plan.spec().output();
    if (!Files.isRegularFile(dir.resolve(ResultStore.RESULTS))) {
      return java.util.Optional.empty();
    }
    List<TrialResult> done =
        ResultStore.latestPerTrial(ResultStore.read(dir)).stream()
            .filter(r -> r.isComplete() && r.usage() != null)
            .toList();
    if (done.isEmpty()) {
      return java.util.Optional.empty();
    }
    double mean = done.stream().mapToDouble(r -> r.usage().wallSeconds()).average().orElseThrow();
    long seconds = Math.round(mean * plan.trials().size());
    return java.util.Optional.of(
        String.format(
            Locale.ROOT,
            "estimated trial time: %s in all (%.1f s per trial, the mean of %d results in %s);"
                + " divide by the task slots",
            SweepProgress.clock(Duration.ofSeconds(seconds)),
            mean,
            done.size(),
            dir));
  }
}
