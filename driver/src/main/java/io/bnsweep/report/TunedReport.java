package io.bnsweep.report;

import io.bnsweep.axis.Axes;
import io.bnsweep.report.stats.Comparison;
import io.bnsweep.report.stats.Decision;
import io.bnsweep.report.stats.StatisticsText;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The report of a tuned comparison ({@code tune:}), computed once from its results: the confirmed
 * comparison at each variant's chosen configuration ({@link #tuned}, a {@link ReportModel} of the
 * stage-B results seen without the tuned settings), the same comparison at the spec's own settings
 * ({@link #fixed}, with {@code alsoFixed}), each variant's search ({@link ArmSearch}), where the
 * two answers disagree, and where an answer depends on the search's budget.
 *
 * @param title the report's title
 * @param setup the search's setup
 * @param tuned the confirmed comparison at the chosen configurations
 * @param fixed the comparison at the spec's own settings, if it ran
 * @param arms each variant's search, in variant order
 * @param disagreements comparisons whose tuned and fixed outcomes differ, in words
 * @param budgetNotes comparisons whose expected-best curves cross, in words
 */
public record TunedReport(
    String title,
    TuneSetup setup,
    ReportModel tuned,
    Optional<ReportModel> fixed,
    List<ArmSearch> arms,
    List<String> disagreements,
    List<String> budgetNotes) {
  /** How many of a search's configurations the report lists, best first. */
  public static final int TOP = 5;

  /**
   * One configuration the search tried.
   *
   * @param settings the tuned settings, e.g. {@code lr=0.0123}
   * @param seed its search seed
   * @param epochs the epochs it reached
   * @param validation its validation accuracy at the last epoch it reached (0 if it failed)
   * @param firstRung its validation accuracy at the first rung (0 if it failed before)
   * @param state COMPLETE (reached the last rung), PRUNED or FAILED
   */
  public record Configuration(
      String settings, long seed, int epochs, double validation, double firstRung, String state) {}

  /**
   * One variant's search.
   *
   * @param arm the variant, without its tuned settings
   * @param label its label
   * @param chosen the configuration chosen (the best at the last rung), if any reached it
   * @param top the configurations that got furthest, best first, at most {@link #TOP}
   * @param all every configuration, in search order
   * @param epochsTrained epochs the search trained in all (a promoted trial continues)
   * @param fullBudget epochs the same search would have trained without stopping any trial
   * @param spread the standard deviation of the validation accuracy of the configurations that
   *     reached the last rung (empty with fewer than two)
   * @param expectedBest the expected best first-rung validation accuracy of n configurations drawn
   *     from these, for n = 1 to their number
   */
  public record ArmSearch(
      Variant arm,
      String label,
      Optional<Configuration> chosen,
      List<Configuration> top,
      List<Configuration> all,
      int epochsTrained,
      int fullBudget,
      Optional<Double> spread,
      List<Double> expectedBest) {}

  /** The report of a tuned sweep's {@code results}. */
  public static TunedReport of(
      String title, List<TrialResult> results, ReportOptions options, TuneSetup setup) {
    List<TrialResult> tunedResults = new ArrayList<>();
    List<TrialResult> fixedResults = new ArrayList<>();
    Map<Variant, List<TrialResult>> search = new TreeMap<>(Variant.ORDER);
    for (TrialResult r : results) {
      String stage = r.variant().find(Axes.STAGE).orElse("fixed");
      switch (stage) {
        case "search" ->
            search.computeIfAbsent(arm(r.variant(), setup), k -> new ArrayList<>()).add(r);
        case "tuned" -> tunedResults.add(r.withVariant(r.variant().without(setup.axes())));
        default -> fixedResults.add(r);
      }
    }
    ReportModel tuned = ReportModel.of(title, tunedResults, options);
    Optional<ReportModel> fixed =
        fixedResults.isEmpty()
            ? Optional.empty()
            : Optional.of(ReportModel.of(title + " (fixed settings)", fixedResults, options));
    List<ArmSearch> arms = new ArrayList<>();
    List<String> swept = io.bnsweep.plan.SweepPlanner.swept(search.keySet());
    search.forEach((arm, trials) -> arms.add(armSearch(arm, swept, trials, setup)));
    return new TunedReport(
        title, setup, tuned, fixed, arms, disagreements(tuned, fixed), budgetNotes(arms, tuned));
  }

  /** The arm (variant of the compared grid) a search trial belongs to. */
  static Variant arm(Variant v, TuneSetup setup) {
    return v.without(setup.axes()).without(Axes.STAGE.name());
  }

  private static ArmSearch armSearch(
      Variant arm, List<String> swept, List<TrialResult> trials, TuneSetup setup) {
    List<Configuration> all = new ArrayList<>();
    int epochs = 0;
    for (TrialResult r :
        trials.stream().sorted(Comparator.comparingLong(TrialResult::seed)).toList()) {
      epochs += r.epochs().size();
      Double last = r.validationAccuracy();
      Double first =
          r.epochs().size() >= setup.minEpochs()
              ? r.epochs().get(setup.minEpochs() - 1).validationAccuracy()
              : null;
      all.add(
          new Configuration(
              r.variant().label(setup.axes()),
              r.seed(),
              r.epochs().size(),
              last == null ? 0 : last,
              first == null ? 0 : first,
              r.state().name()));
    }
    List<Configuration> ranked = new ArrayList<>(all);
    ranked.sort(
        Comparator.comparingInt(Configuration::epochs)
            .reversed()
            .thenComparing(Comparator.comparingDouble(Configuration::validation).reversed())
            .thenComparingLong(Configuration::seed));
    Optional<Configuration> chosen =
        ranked.stream()
            .filter(c -> c.state().equals("COMPLETE") && c.epochs() == setup.maxEpochs())
            .findFirst();
    List<Double> complete =
        all.stream()
            .filter(c -> c.state().equals("COMPLETE") && c.epochs() == setup.maxEpochs())
            .map(Configuration::validation)
            .toList();
    return new ArmSearch(
        arm,
        swept.isEmpty() ? arm.label() : arm.label(swept),
        chosen,
        ranked.subList(0, Math.min(TOP, ranked.size())),
        all,
        epochs,
        setup.configurations() * setup.maxEpochs(),
        complete.size() < 2 ? Optional.empty() : Optional.of(sd(complete)),
        ExpectedBest.curve(all.stream().map(Configuration::firstRung).toList()));
  }

  private static double sd(List<Double> xs) {
    double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double ss = xs.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
    return Math.sqrt(ss / (xs.size() - 1));
  }

  /** Comparisons whose outcome at the chosen configurations differs from the fixed settings'. */
  private static List<String> disagreements(ReportModel tuned, Optional<ReportModel> fixed) {
    if (fixed.isEmpty()) {
      return List.of();
    }
    Map<String, Comparison> atFixed = new LinkedHashMap<>();
    fixed.get().statistics().comparisons().forEach(c -> atFixed.put(key(c), c));
    List<String> lines = new ArrayList<>();
    double margin = tuned.statistics().rule().margin();
    for (Comparison t : tuned.statistics().comparisons()) {
      Comparison f = atFixed.get(key(t));
      if (f == null || sameClaim(t.decision(), f.decision(), t, f)) {
        continue;
      }
      String where = t.stratumLabel().equals(Variant.ALL) ? "" : " for " + t.stratumLabel();
      lines.add(
          t.candidate()
              + " against "
              + t.baseline()
              + where
              + ": at the fixed settings, "
              + f.verdict(margin)
              + "; at each one's own best, "
              + t.verdict(margin)
              + ".");
    }
    return lines;
  }

  private static String key(Comparison c) {
    return c.stratumLabel().replace("stage=tuned", "").replace("stage=fixed", "")
        + "|"
        + c.candidate()
        + "|"
        + c.baseline();
  }

  /** True if both outcomes claim the same thing (or neither claims anything). */
  private static boolean sameClaim(Decision a, Decision b, Comparison ta, Comparison fb) {
    if (!a.decided() && !b.decided()) {
      return true;
    }
    if (a != b) {
      return false;
    }
    return a != Decision.DIFFERS
        || Math.signum(ta.difference().mean()) == Math.signum(fb.difference().mean());
  }

  /**
   * Comparisons whose variants' expected-best curves cross: with few configurations one looks
   * better, with more the other, so which is better at its best depends on the search's budget.
   */
  private static List<String> budgetNotes(List<ArmSearch> arms, ReportModel tuned) {
    List<String> notes = new ArrayList<>();
    Optional<String> axis = tuned.statistics().axis();
    Optional<String> baseline = tuned.statistics().baseline();
    if (axis.isEmpty() || baseline.isEmpty()) {
      return notes;
    }
    Map<Variant, ArmSearch> byArm = new LinkedHashMap<>();
    arms.forEach(a -> byArm.put(a.arm(), a));
    for (ArmSearch candidate : arms) {
      Optional<String> value = candidate.arm().text(axis.get());
      if (value.isEmpty() || value.get().equals(baseline.get())) {
        continue;
      }
      Variant reference = null;
      for (Variant v : byArm.keySet()) {
        if (v.text(axis.get()).equals(baseline)
            && v.without(axis.get()).equals(candidate.arm().without(axis.get()))) {
          reference = v;
        }
      }
      if (reference == null) {
        continue;
      }
      List<Double> a = candidate.expectedBest();
      List<Double> b = byArm.get(reference).expectedBest();
      int n = Math.min(a.size(), b.size());
      int firstSign = 0;
      int crossedAt = -1;
      for (int i = 0; i < n; i++) {
        int sign = (int) Math.signum(a.get(i) - b.get(i));
        if (sign != 0 && firstSign == 0) {
          firstSign = sign;
        } else if (sign != 0 && sign != firstSign) {
          crossedAt = i + 1;
          break;
        }
      }
      if (crossedAt > 0) {
        notes.add(
            (candidate.label()
                + " and "
                + byArm.get(reference).label()
                + ": their expected best first-rung validation accuracy curves cross at "
                + crossedAt
                + " configurations ("
                + (firstSign > 0 ? candidate.label() : byArm.get(reference).label())
                + " ahead below that), so which is better at its best depends on the"
                + " search's budget."));
      }
    }
    return notes;
  }

  /** The answer in words: tuned first, then fixed, then where they disagree. */
  public List<String> answer() {
    return StatisticsText.answer(tuned.statistics());
  }
}
