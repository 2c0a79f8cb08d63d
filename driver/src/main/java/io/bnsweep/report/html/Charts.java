package io.bnsweep.report.html;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The two kinds of chart the report draws, in one look: lines over epochs with an optional interval
 * band ({@link #lines}), and grouped bars with optional interval whiskers ({@link #bars}).
 *
 * <p>The data types here know nothing of sweeps; the sections turn results into them.
 */
final class Charts {
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  private static final Color GRID = new Color(0xdddddd);

  private Charts() {}

  /**
   * One point of a line, with the interval drawn as a band around it.
   *
   * @param x position on the x axis
   * @param y the value
   * @param low lower end of the band, or {@code NaN} for none
   * @param high upper end of the band, or {@code NaN} for none
   */
  record Point(double x, double y, double low, double high) {
    /** A point without a band. */
    static Point of(double x, double y) {
      return new Point(x, y, Double.NaN, Double.NaN);
    }
  }

  /** A named line in a colour. */
  record Line(String name, Color color, List<Point> points) {
    Line {
      points = List.copyOf(points);
    }
  }

  /**
   * One bar: a value in a category, for a series, with a symmetric whisker.
   *
   * @param series the legend entry, which sets the colour
   * @param category the position on the category axis
   * @param value the bar's height
   * @param halfWidth half the whisker's length, or {@code NaN} for none
   */
  record Bar(String series, String category, double value, double halfWidth) {}

  /** How bars' values are scaled. */
  enum Scale {
    /** Linear, from zero. */
    LINEAR,
    /** Logarithmic, for values spanning orders of magnitude. */
    LOG
  }

  /** Lines over integer x values (epochs) with their bands; the y axis fits the data, not zero. */
  static JFreeChart lines(String title, String xLabel, String yLabel, List<Line> lines) {
    return lines(title, xLabel, yLabel, lines, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /**
   * As {@link #lines(String, String, String, List)}, with the y axis kept within {@code [floor,
   * ceiling]}: a band that reaches beyond what the value can be (an accuracy above 100%) is cut at
   * the edge.
   */
  static JFreeChart lines(
      String title, String xLabel, String yLabel, List<Line> lines, double floor, double ceiling) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    DeviationRenderer renderer = new DeviationRenderer(true, true);
    renderer.setAlpha(0.18f);
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      YIntervalSeries series = new YIntervalSeries(line.name());
      for (Point p : line.points()) {
        boolean band = !Double.isNaN(p.low()) && !Double.isNaN(p.high());
        series.add(p.x(), p.y(), band ? p.low() : p.y(), band ? p.high() : p.y());
      }
      data.addSeries(series);
      renderer.setSeriesPaint(i, line.color());
      renderer.setSeriesFillPaint(i, line.color());
      renderer.setSeriesStroke(i, new BasicStroke(2f));
      renderer.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
    }
    NumberAxis x = new NumberAxis(xLabel);
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    x.setAutoRangeIncludesZero(false);
    NumberAxis y = new NumberAxis(yLabel);
    y.setAutoRangeIncludesZero(false);
    // a flat line would otherwise get a range so narrow that every tick reads the same
    double largest =
        lines.stream()
            .flatMap(l -> l.points().stream())
            .mapToDouble(p -> Math.abs(p.y()))
            .max()
            .orElse(1);
    y.setAutoRangeMinimumSize(Math.max(1e-9, 0.1 * largest));
    XYPlot plot = new XYPlot(data, x, y, renderer);
    if (y.getLowerBound() < floor || y.getUpperBound() > ceiling) {
      y.setRange(Math.max(floor, y.getLowerBound()), Math.min(ceiling, y.getUpperBound()));
    }
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    style(x);
    style(y);
    return chart(title, plot);
  }

  /**
   * A marker of a scatter series: {@code filled} or hollow, so that a second property (a search's
   * configuration that reached the last rung, or one stopped early) shows beside the colour.
   */
  record Marks(String name, Color color, boolean filled, List<Point> points) {
    Marks {
      points = List.copyOf(points);
    }
  }

  /** Points without lines, one colour and fill per series; both axes fit the data. */
  static JFreeChart scatter(String title, String xLabel, String yLabel, List<Marks> series) {
    org.jfree.data.xy.XYSeriesCollection data = new org.jfree.data.xy.XYSeriesCollection();
    org.jfree.chart.renderer.xy.XYLineAndShapeRenderer renderer =
        new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(false, true);
    renderer.setUseOutlinePaint(true);
    for (int i = 0; i < series.size(); i++) {
      Marks marks = series.get(i);
      org.jfree.data.xy.XYSeries xy = new org.jfree.data.xy.XYSeries(marks.name(), false, true);
      marks.points().forEach(p -> xy.add(p.x(), p.y()));
      data.addSeries(xy);
      renderer.setSeriesPaint(i, marks.color());
      renderer.setSeriesFillPaint(i, marks.color());
      renderer.setSeriesOutlinePaint(i, marks.color());
      renderer.setSeriesOutlineStroke(i, new BasicStroke(1.5f));
      renderer.setSeriesShapesFilled(i, marks.filled());
      renderer.setSeriesShape(i, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
    }
    renderer.setUseFillPaint(true);
    NumberAxis x = new NumberAxis(xLabel);
    x.setAutoRangeIncludesZero(false);
    NumberAxis y = new NumberAxis(yLabel);
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    style(x);
    style(y);
    return chart(title, plot);
  }

  /**
   * Bars grouped by category, one colour per series ({@code colors}, by series name), with whiskers
   * where a bar has a half-width. A linear axis starts at zero and ends at {@code cap} if the data
   * would go beyond it (e.g. 100 for percentages); a log axis fits the data.
   */
  static JFreeChart bars(
      String title,
      String categoryLabel,
      String valueLabel,
      List<Bar> bars,
      Map<String, Color> colors,
      Scale scale,
      double cap) {
    DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
    double top = 0;
    for (Bar b : bars) {
      boolean whisker = !Double.isNaN(b.halfWidth());
      Double half = whisker ? Double.valueOf(b.halfWidth()) : null;
      data.add(Double.valueOf(b.value()), half, b.series(), b.category());
      top = Math.max(top, b.value() + (whisker ? b.halfWidth() : 0));
    }
    StatisticalBarRenderer renderer = new StatisticalBarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(false);
    renderer.setErrorIndicatorPaint(new Color(0x333333));
    renderer.setItemMargin(0.04);
    List<String> series = bars.stream().map(Bar::series).distinct().toList();
    for (int i = 0; i < series.size(); i++) {
      renderer.setSeriesPaint(i, colors.getOrDefault(series.get(i), Color.GRAY));
    }
    ValueAxis value;
    if (scale == Scale.LOG) {
      value = logAxis(valueLabel, bars);
    } else {
      NumberAxis linear = new NumberAxis(valueLabel);
      linear.setRange(0, Math.min(cap, top * 1.05 > 0 ? top * 1.05 : 1));
      value = linear;
    }
    CategoryAxis category = new CategoryAxis(categoryLabel);
    category.setCategoryMargin(0.15);
    long categories = bars.stream().map(Bar::category).distinct().count();
    if (categories > 6) {
      category.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    style(category);
    style(value);
    CategoryPlot plot = new CategoryPlot(data, category, value, renderer);
    plot.setRangeGridlinePaint(GRID);
    return chart(title, plot);
  }

  /**
   * A log axis from the decade below half the smallest value to the decade above the largest,
   * labelled at powers of ten in plain decimals ({@code 0.01}, not {@code 10^-2}).
   */
  private static LogAxis logAxis(String label, List<Bar> bars) {
    double smallest = bars.stream().mapToDouble(Bar::value).filter(v -> v > 0).min().orElse(0.1);
    double largest = bars.stream().mapToDouble(Bar::value).max().orElse(1);
    LogAxis axis = new LogAxis(label);
    axis.setSmallestValue(smallest / 10);
    // a little below the decade, so that its tick is drawn and the smallest bar has some height
    double low = 0.999 * Math.pow(10, Math.floor(Math.log10(smallest / 2)));
    double high = Math.pow(10, Math.ceil(Math.log10(Math.max(largest, smallest * 1.01))));
    axis.setRange(low, high);
    axis.setTickUnit(new NumberTickUnit(1), false, true);
    axis.setNumberFormatOverride(
        new DecimalFormat("0.##########", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    return axis;
  }

  private static JFreeChart chart(String title, Plot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    TextTitle t = chart.getTitle();
    t.setPaint(new Color(0x222222));
    chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    chart.getLegend().setFrame(BlockBorder.NONE);
    chart.getLegend().setItemFont(LABEL);
    return chart;
  }

  private static void style(Axis axis) {
    axis.setLabelFont(LABEL);
    axis.setTickLabelFont(LABEL);
  }
}
