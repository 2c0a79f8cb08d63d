package io.bnsweep.report;

import io.bnsweep.axis.Axes;
import io.bnsweep.plan.SweepPlanner;
import io.bnsweep.report.stats.SeedTable;
import io.bnsweep.report.stats.SweepStatistics;
import io.bnsweep.spec.SweepSpec.CompareSpec;
import io.bnsweep.trial.EpochMetrics;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a report says about a sweep's results, computed once: the layout of the tables (the
 * compared axis, rows, columns and facets), every variant's accuracy over seeds with its failures,
 * the statistics, the learning curves, the diagnostics and the inference cost. {@link
 * MarkdownReport} and {@link io.bnsweep.report.html.HtmlReport} draw it; neither computes anything
 * of its own.
 *
 * <p>The swept axes are those whose value differs between the results' variants. The compared axis
 * is the spec's ({@code compare:}), else placement against {@code before} when placement is swept.
 * The accuracy table has the compared axis (or the spec's {@code table.rows}) as rows and the next
 * swept axis (or {@code table.columns}) as columns; every other swept axis is a facet: one table
 * per combination of its values.
 */
public final class ReportModel {
  /**
   * Most charts in one row of charts: bar charts (one per facet), learning curves and each
   * diagnostic (one per panel: a facet and a column value). The rest are in the tables only, and
   * the page says so; a page of thousands of charts would take longer to draw than to read.
   */
  public static final int MAX_CHART_FACETS = 24;

  private final String title;
  private final List<TrialResult> results;
  private final List<String> swept;
  private final Optional<String> compared;
  private final Optional<String> rows;
  private final Optional<String> columns;
  private final List<String> facetAxes;
  private final SortedMap<Variant, VariantSummary> variants;
  private final List<Facet> facets;
  private final SweepStatistics statistics;
  private final Map<Variant, VariantDiagnostics> diagnostics;
  private final Map<Variant, InferenceStats> inference;
  private final List<Panel> panels;

  /**
   * One variant's row of the report.
   *
   * @param variant its settings
   * @param label its swept settings in words, e.g. {@code before/relu/lr=0.01}
   * @param accuracy test accuracy over its COMPLETE seeds, empty if none completed
   * @param failed how many seeds FAILED
   * @param byEpoch test accuracy at the end of each epoch over the seeds that reached it
   * @param validation validation accuracy over the COMPLETE seeds, when the sweep held a validation
   *     split out of the training set
   */
  public record VariantSummary(
      Variant variant,
      String label,
      Optional<CellStats> accuracy,
      int failed,
      List<CellStats> byEpoch,
      Optional<CellStats> validation) {
    /** Seeds run, complete or failed. */
    public int seeds() {
      return failed + accuracy.map(CellStats::n).orElse(0);
    }
  }

  /**
   * One combination of the facet axes' values, and the variants in it.
   *
   * @param key the facet axes' settings (empty when there are no facet axes)
   * @param label the facet in words, e.g. {@code lr=0.01}, or empty when there are no facet axes
   * @param variants its variants, in variant order
   */
  public record Facet(Variant key, String label, List<Variant> variants) {}

  private ReportModel(String title, List<TrialResult> results, ReportOptions options) {
    this.title = title;
    this.results = List.copyOf(results);
    SeedTable table = SeedTable.of(results);
    this.swept = SweepPlanner.swept(table.variants());
    Optional<CompareSpec> compare =
        options.compare().or(() -> defaultCompare(swept, table.variants()));
    this.compared = compare.map(CompareSpec::axis).filter(swept::contains);
    this.rows = options.table().rows().or(() -> compared).or(() -> swept.stream().findFirst());
    this.columns =
        options
            .table()
            .columns()
            .or(() -> swept.stream().filter(a -> !Optional.of(a).equals(rows)).findFirst());
    this.facetAxes =
        swept.stream()
            .filter(a -> !Optional.of(a).equals(rows) && !Optional.of(a).equals(columns))
            .toList();

    Map<Variant, List<TrialResult>> byVariant = new TreeMap<>(Variant.ORDER);
    results.forEach(r -> byVariant.computeIfAbsent(r.variant(), v -> new ArrayList<>()).add(r));
    this.variants = new TreeMap<>(Variant.ORDER);
    // each variant's bootstrap is independent and seeded, so they are computed in parallel: in a
    // report of thousands of variants they are most of the time
    byVariant.entrySet().parallelStream()
        .map(e -> summarise(e.getKey(), e.getValue(), table))
        .toList()
        .forEach(s -> variants.put(s.variant(), s));

    Map<Variant, List<Variant>> byFacet = new TreeMap<>(Variant.ORDER);
    for (Variant v : variants.keySet()) {
      byFacet.computeIfAbsent(facetKey(v), k -> new ArrayList<>()).add(v);
    }
    this.facets = new ArrayList<>();
    byFacet.forEach(
        (key, members) ->
            facets.add(new Facet(key, facetAxes.isEmpty() ? "" : key.label(facetAxes), members)));

    // computed once: the accuracy charts and every diagnostics row draw the same panels
    this.panels = List.copyOf(computePanels());
    this.statistics =
        SweepStatistics.of(
            options.decisions().onValidation() ? SeedTable.of(results, true) : table,
            compare,
            options.decisions(),
            swept,
            options.randomSearch(),
            stratum -> stratum.label(swept));
    this.diagnostics = VariantDiagnostics.of(results);
    this.inference = InferenceStats.of(results);
  }

  /** The model of {@code results}, headed {@code title}. */
  public static ReportModel of(String title, List<TrialResult> results, ReportOptions options) {
    return new ReportModel(title, results, options);
  }

  /** The model of {@code results} with every default. */
  public static ReportModel of(List<TrialResult> results) {
    return of("bnsweep summary", results, ReportOptions.DEFAULT);
  }

  /**
   * What is compared when neither the spec nor the command line says: placement against {@code
   * before} (or a resnet's {@code original}) when placement is among {@code swept} and one of
   * {@code variants} has it.
   */
  public static Optional<CompareSpec> defaultCompare(
      List<String> swept, java.util.Collection<Variant> variants) {
    if (!swept.contains(Axes.PLACEMENT.name())) {
      return Optional.empty();
    }
    return java.util.stream.Stream.of(Placement.BEFORE, Placement.ORIGINAL)
        .filter(p -> variants.stream().anyMatch(v -> v.find(Axes.PLACEMENT).equals(Optional.of(p))))
        .findFirst()
        .map(p -> new CompareSpec(Axes.PLACEMENT.name(), p.id()));
  }

  private VariantSummary summarise(Variant v, List<TrialResult> trials, SeedTable table) {
    List<Double> accuracy = new ArrayList<>(table.seeds(v).values());
    Map<Integer, List<Double>> epochs = new TreeMap<>();
    for (TrialResult r : trials) {
      if (r.isComplete()) {
        for (EpochMetrics m : r.epochs()) {
          if (m.testAccuracy() != null) { // a search trial is scored on validation only
            epochs.computeIfAbsent(m.epoch(), e -> new ArrayList<>()).add(m.testAccuracy());
          }
        }
      }
    }
    List<CellStats> byEpoch = new ArrayList<>();
    epochs
        .values()
        .forEach(values -> byEpoch.add(CellStats.withoutBootstrap(values).clippedToUnit()));
    List<Double> validation =
        trials.stream()
            .filter(TrialResult::isComplete)
            .map(TrialResult::validationAccuracy)
            .filter(java.util.Objects::nonNull)
            .toList();
    return new VariantSummary(
        v,
        label(v),
        accuracy.isEmpty() ? Optional.empty() : Optional.of(CellStats.of(accuracy).clippedToUnit()),
        table.failed(v).size(),
        byEpoch,
        validation.isEmpty()
            ? Optional.empty()
            : Optional.of(CellStats.withoutBootstrap(validation).clippedToUnit()));
  }

  private Variant facetKey(Variant v) {
    Variant key = Variant.empty();
    for (String axis : facetAxes) {
      if (v.has(axis)) {
        key = key.withRaw(axis, v.settings().get(axis));
      }
    }
    return key;
  }

  /**
   * The sentence both renderers print about the table's axes, e.g. {@code Rows: placement; columns:
   * batchSize.}, or empty when nothing is swept.
   */
  public String layout() {
    if (rows.isEmpty()) {
      return "";
    }
    return "Rows: " + rows.get() + columns.map(c -> "; columns: " + c).orElse("") + ".";
  }

  /**
   * The sampling noise of one accuracy on the test set, when every variant used the same number of
   * test images: {@code sqrt(p (1 - p) / n)} at the mean accuracy p of the cells, in words; the
   * claims are about this test set, and a margin below this noise would claim more than it
   * resolves.
   */
  public Optional<String> testSetNoise() {
    List<Integer> sizes =
        variants.keySet().stream()
            .map(v -> v.find(io.bnsweep.axis.Axes.TEST_SIZE))
            .flatMap(Optional::stream)
            .distinct()
            .toList();
    double[] means =
        variants.values().stream()
            .flatMap(s -> s.accuracy().stream())
            .mapToDouble(CellStats::mean)
            .toArray();
    if (sizes.size() != 1 || means.length == 0) {
      return Optional.empty();
    }
    int n = sizes.get(0);
    double p = java.util.Arrays.stream(means).average().orElseThrow();
    double se = Math.sqrt(p * (1 - p) / n);
    return Optional.of(
        Numbers.format(
            "Claims are about this test set: with %,d test images, one accuracy near %.0f%% has a"
                + " sampling standard error of about %.2f points.",
            n, 100 * p, 100 * se));
  }

  /** The heading of the report. */
  public String title() {
    return title;
  }

  /** The results reported on, as given. */
  public List<TrialResult> results() {
    return results;
  }

  /** Number of FAILED results. */
  public long failedCount() {
    return results.stream().filter(TrialResult::isFailed).count();
  }

  /** The axes whose value differs between variants, in axis order. */
  public List<String> swept() {
    return swept;
  }

  /** The accuracy table's row axis, if any axis is swept. */
  public Optional<String> rows() {
    return rows;
  }

  /** The accuracy table's column axis, if two or more axes are swept. */
  public Optional<String> columns() {
    return columns;
  }

  /** The swept axes that are neither rows nor columns. */
  public List<String> facetAxes() {
    return facetAxes;
  }

  /** Every variant's row, in variant order. */
  public SortedMap<Variant, VariantSummary> variants() {
    return variants;
  }

  /** One entry per combination of the facet axes; one (unlabelled) when there are none. */
  public List<Facet> facets() {
    return facets;
  }

  /** The statistics, computed once. */
  public SweepStatistics statistics() {
    return statistics;
  }

  /** Every variant's diagnostics, in variant order. */
  public Map<Variant, VariantDiagnostics> diagnostics() {
    return diagnostics;
  }

  /** Every variant's inference cost, in variant order. */
  public Map<Variant, InferenceStats> inference() {
    return inference;
  }

  /** {@code v}'s label: its swept settings in words, {@code (all)} if nothing is swept. */
  public String label(Variant v) {
    return v.label(swept);
  }

  /**
   * The grid of one facet: row value text to column value text to the variant there. Without a
   * column axis the one column is keyed {@code ""}.
   */
  public Map<String, Map<String, Variant>> grid(Facet facet) {
    Map<String, Map<String, Variant>> grid = new LinkedHashMap<>();
    for (String r : rowValues(facet)) {
      grid.put(r, new LinkedHashMap<>());
    }
    for (Variant v : facet.variants()) {
      String r = rows.flatMap(v::text).orElse("n/a");
      String c = columns.flatMap(v::text).orElse(columns.isPresent() ? "n/a" : "");
      grid.get(r).put(c, v);
    }
    return grid;
  }

  /** The row values present in {@code facet}, in variant order. */
  public List<String> rowValues(Facet facet) {
    return rows.map(r -> valuesOf(r, facet.variants())).orElse(List.of("n/a"));
  }

  /** The column values present across all facets, in variant order ({@code ""} if none). */
  public List<String> columnValues() {
    return columns.map(c -> valuesOf(c, List.copyOf(variants.keySet()))).orElse(List.of(""));
  }

  private static List<String> valuesOf(String axis, List<Variant> members) {
    List<Object> raw = new ArrayList<>();
    boolean absent = false;
    for (Variant v : members) {
      Object value = v.settings().get(axis);
      if (value == null) {
        absent = true;
      } else if (!raw.contains(value)) {
        raw.add(value);
      }
    }
    Variant probe = Variant.empty();
    List<Variant> ordered = new ArrayList<>();
    for (Object value : raw) {
      ordered.add(probe.withRaw(axis, value));
    }
    ordered.sort(Variant.ORDER);
    List<String> texts = new ArrayList<>();
    ordered.forEach(v -> texts.add(v.text(axis).orElseThrow()));
    if (absent) {
      texts.add("n/a");
    }
    return texts;
  }

  /**
   * One chart's worth of variants: a facet and a column value, with a series (line or bar colour)
   * per row value, as the heat map's column reads top to bottom.
   *
   * @param title the facet and the column value in words, e.g. {@code relu} or {@code lr=0.01,
   *     relu}
   * @param series row value text to its variant, in row order
   */
  public record Panel(String title, Map<String, Variant> series) {}

  /**
   * The charts' panels: for each facet and each column value, the variants by row value; at most
   * {@link #MAX_CHART_FACETS} of them.
   */
  public List<Panel> panels() {
    List<Panel> all = allPanels();
    return all.subList(0, Math.min(all.size(), MAX_CHART_FACETS));
  }

  private List<Panel> allPanels() {
    return panels;
  }

  private List<Panel> computePanels() {
    List<Panel> panels = new ArrayList<>();
    for (Facet facet : facets) {
      Map<String, Map<String, Variant>> grid = grid(facet);
      for (String column : columnValues()) {
        Map<String, Variant> series = new LinkedHashMap<>();
        grid.forEach(
            (row, cells) -> {
              if (cells.containsKey(column)) {
                series.put(row, cells.get(column));
              }
            });
        if (series.isEmpty()) {
          continue;
        }
        List<String> title = new ArrayList<>();
        if (!facet.label().isEmpty()) {
          title.add(facet.label());
        }
        if (!column.isEmpty()) {
          title.add(column);
        }
        panels.add(new Panel(title.isEmpty() ? "all" : String.join(", ", title), series));
      }
    }
    return panels;
  }

  /** True if some facets or panels are not drawn as charts ({@link #MAX_CHART_FACETS}). */
  public boolean chartsTruncated() {
    return facets.size() > MAX_CHART_FACETS || allPanels().size() > MAX_CHART_FACETS;
  }

  /** Number of panels (facet x column value) before the cap. */
  public int panelCount() {
    return allPanels().size();
  }

  /** Every row value across facets, in row order: the index of a series' colour. */
  public List<String> seriesValues() {
    return rows.map(r -> valuesOf(r, List.copyOf(variants.keySet()))).orElse(List.of("n/a"));
  }

  /** The variant with the highest mean accuracy, if any trial completed. */
  public Optional<Variant> best() {
    return variants.values().stream()
        .filter(s -> s.accuracy().isPresent())
        .max(Comparator.comparingDouble(s -> s.accuracy().get().mean()))
        .map(VariantSummary::variant);
  }

  /** True if some trial completed. */
  public boolean hasAccuracy() {
    return variants.values().stream().anyMatch(s -> s.accuracy().isPresent());
  }
}
