package io.bnsweep.report.html;

import io.bnsweep.report.Numbers;
import io.bnsweep.trial.Provenance;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.trial.Usage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where and with what the sweep ran, from every result's {@link Provenance} and {@link Usage}: each
 * distinct value with the number of trials that had it, so that a sweep that mixed versions,
 * backends or thread counts shows it at once.
 */
final class ProvenanceSection {
  private static final int MAX_VALUES = 12;

  private ProvenanceSection() {}

  /** The section for {@code results}. */
  static String of(List<TrialResult> results) {
    StringBuilder html = new StringBuilder(Html.sectionStart("provenance", "Provenance"));
    List<Provenance> provenance =
        results.stream().map(TrialResult::provenance).filter(Objects::nonNull).toList();
    List<Usage> usage = results.stream().map(TrialResult::usage).filter(Objects::nonNull).toList();
    long complete = results.stream().filter(TrialResult::isComplete).count();
    HtmlTable table = new HtmlTable("stats provenance", "what", "values (trials)");
    table.row(
        "trials",
        results.size()
            + " ("
            + complete
            + " complete, "
            + (results.size() - complete)
            + " failed)");
    table.row("bnsweep", counts(provenance, Provenance::bnsweepVersion));
    table.row("Java", counts(provenance, Provenance::javaVersion));
    table.row("DL4J", counts(provenance, Provenance::dl4jVersion));
    table.row("ND4J backend", counts(provenance, Provenance::nd4jBackend));
    table.row("bnsweep kernels", kernelCounts(provenance));
    table.row("native threads per trial", counts(provenance, p -> String.valueOf(p.threads())));
    table.row("hosts", counts(provenance, Provenance::host));
    table.row("Spark executors", counts(provenance, Provenance::executorId));
    List<String> starts =
        provenance.stream().map(Provenance::startedAt).filter(Objects::nonNull).sorted().toList();
    table.row("first trial started", starts.isEmpty() ? Numbers.NONE : starts.get(0));
    table.row(
        "last trial started", starts.isEmpty() ? Numbers.NONE : starts.get(starts.size() - 1));
    table.row(
        "training time, all trials",
        Numbers.format("%.1f s", results.stream().mapToDouble(TrialResult::trainSeconds).sum()));
    table.row(
        "wall time, all trials",
        Numbers.format("%.1f s", usage.stream().mapToDouble(Usage::wallSeconds).sum()));
    table.row(
        "cores used per trial, mean",
        usage.isEmpty()
            ? Numbers.NONE
            : Numbers.format(
                "%.2f", usage.stream().mapToDouble(Usage::coresUsed).average().orElseThrow()));
    return html.append(table.html()).append(Html.sectionEnd()).toString();
  }

  /** {@code a (20), b (4)}: distinct values, most frequent first, at most {@value #MAX_VALUES}. */
  static String counts(List<Provenance> provenance, Function<Provenance, String> value) {
    return format(
        provenance.stream()
            .map(p -> Objects.requireNonNullElse(value.apply(p), "(none)"))
            .collect(Collectors.groupingBy(v -> v, TreeMap::new, Collectors.counting())));
  }

  /**
   * Trials per kernel, e.g. {@code first-conv (24), batch-norm (18), tanh (8)}: a trial counts once
   * for each kind of kernel its network had ({@code none} if it had none). Each trial's own list is
   * in the results' {@code kernels} column.
   */
  static String kernelCounts(List<Provenance> provenance) {
    return format(
        provenance.stream()
            .filter(p -> p.kernels() != null)
            .flatMap(p -> Arrays.stream(p.kernels().split(", ")).map(ProvenanceSection::kind))
            .collect(Collectors.groupingBy(v -> v, TreeMap::new, Collectors.counting())));
  }

  /** {@code batch-norm x4} -> {@code batch-norm}. */
  private static String kind(String kernel) {
    int repeat = kernel.lastIndexOf(" x");
    return repeat < 0 ? kernel : kernel.substring(0, repeat);
  }

  private static String format(Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return Numbers.NONE;
    }
    List<String> shown =
        counts.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(MAX_VALUES)
            .map(e -> e.getKey() + " (" + e.getValue() + ")")
            .toList();
    String more =
        counts.size() > MAX_VALUES ? ", and " + (counts.size() - MAX_VALUES) + " more" : "";
    return String.join(", ", shown) + more;
  }
}
