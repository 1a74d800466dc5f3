package org.footprint.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.math.BigDecimal;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickMarkPosition;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.time.SimpleTimePeriod;
import org.jfree.data.time.TimePeriodAnchor;
import org.jfree.data.time.TimePeriodValues;
import org.jfree.data.time.TimePeriodValuesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * The daily chart: kg CO2e per day (or week, or month) as bars (left axis) and kWh as a line (right axis), drawn by
 * JFreeChart into an SVG element that the page embeds inline, so it needs no file or network. No user input is
 * drawn (series names and axis labels are fixed), and the SVG scales with the page.
 */
final class DailyChart {
  static final int WIDTH = 1080;
  static final int HEIGHT = 340;
  static final Color CO2E = new Color(0x2e, 0x7d, 0x5b);
  static final Color ENERGY = new Color(0xd9, 0x7a, 0x1e);
  static final Color GRID = new Color(0xdd, 0xe3, 0xe0);
  static final Color TEXT = new Color(0x33, 0x3d, 0x38);

  /** One day's (week's, month's) totals. */
  record DayPoint(double co2eKg, double energyKwh) {}

  /** What a bar stands for: a day, an ISO week (keyed by its Monday) or a month (keyed by its first day). */
  enum Bucket {
    DAY("day"), WEEK("week"), MONTH("month");

    final String word;

    Bucket(String word) {
      this.word = word;
    }

    /** The bucket holding a day: the day itself, the Monday of its week, the first of its month. */
    LocalDate of(LocalDate d) {
      return switch (this) {
        case DAY -> d;
        case WEEK -> d.minusDays(d.getDayOfWeek().getValue() - 1L);
        case MONTH -> d.withDayOfMonth(1);
      };
    }

    LocalDate next(LocalDate start) {
      return switch (this) {
        case DAY -> start.plusDays(1);
        case WEEK -> start.plusWeeks(1);
        case MONTH -> start.plusMonths(1);
      };
    }

    /** Days per bar up to two months of data, weeks up to two years, months beyond. */
    static Bucket forSpan(long days) {
      return days > 730 ? MONTH : days > 60 ? WEEK : DAY;
    }

    /** The bucket starting on {@code start} as an interval of UTC time. */
    SimpleTimePeriod period(LocalDate start) {
      return new SimpleTimePeriod(millis(start), millis(next(start)));
    }

    private static long millis(LocalDate d) {
      return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
  }

  private DailyChart() {}

  /**
   * The chart as an {@code <svg>} element, or {@code null} when there is no day to draw.
   *
   * @param id unique on the page: prefixes the SVG's element ids so two charts never share a clip path
   */
  static String svg(SortedMap<LocalDate, DayPoint> days, String id) {
    return svg(days, id, Bucket.DAY);
  }

  /** The chart with one bar per {@code bucket}; the keys are the buckets' first days. */
  static String svg(SortedMap<LocalDate, DayPoint> days, String id, Bucket bucket) {
    if (days.isEmpty()) {
      return null;
    }
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    TimeZone utc = TimeZone.getTimeZone("UTC");
    TimePeriodValues co2e = new TimePeriodValues("kg CO2e per " + bucket.word + " (left axis)");
    TimePeriodValues energy = new TimePeriodValues("kWh per " + bucket.word + " (right axis)");
    for (var e : days.entrySet()) {
      SimpleTimePeriod period = bucket.period(e.getKey());
      co2e.add(period, e.getValue().co2eKg());
      energy.add(period, e.getValue().energyKwh());
    }

    Font tick = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    DateAxis x = new DateAxis(null, utc, Locale.ENGLISH);
    x.setTickUnit(tickUnit(days.firstKey(), days.lastKey(), utc));
    x.setTickMarkPosition(DateTickMarkPosition.MIDDLE);
    x.setLowerMargin(0.01);
    x.setUpperMargin(0.01);
    styleAxis(x, tick, label);

    NumberAxis left = new NumberAxis("kg CO2e");
    left.setAutoRangeIncludesZero(true);
    left.setUpperMargin(0.12);
    styleAxis(left, tick, label);
    left.setLabelPaint(CO2E);
    NumberAxis right = new NumberAxis("kWh");
    right.setAutoRangeIncludesZero(true);
    right.setUpperMargin(0.12);
    styleAxis(right, tick, label);
    right.setLabelPaint(ENERGY);

    XYBarRenderer bars = new XYBarRenderer(0.2);
    bars.setBarPainter(new StandardXYBarPainter());
    bars.setShadowVisible(false);
    bars.setDrawBarOutline(false);
    bars.setSeriesPaint(0, CO2E);
    bars.setDefaultToolTipGenerator(null);

    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, days.size() <= 62);
    line.setSeriesPaint(0, ENERGY);
    line.setSeriesStroke(0, new BasicStroke(2.25f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    line.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));

    TimePeriodValuesCollection co2eData = new TimePeriodValuesCollection(co2e);
    TimePeriodValuesCollection energyData = new TimePeriodValuesCollection(energy);
    // the line's points sit in the middle of each bar
    energyData.setXPosition(TimePeriodAnchor.MIDDLE);
    XYPlot plot = new XYPlot(co2eData, x, left, bars);
    plot.setDataset(1, energyData);
    plot.setRangeAxis(1, right);
    plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
    plot.mapDatasetToRangeAxis(1, 1);
    plot.setRenderer(1, line);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinePaint(GRID);
    plot.setRangeGridlineStroke(new BasicStroke(1f));
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);

    JFreeChart chart = new JFreeChart(null, label, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(8, 4, 4, 4));
    LegendTitle legend = chart.getLegend();
    legend.setPosition(RectangleEdge.TOP);
    legend.setFrame(BlockBorder.NONE);
    legend.setItemFont(label);
    legend.setItemPaint(TEXT);
    legend.setBackgroundPaint(Color.WHITE);

    SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
    g.setDefsKeyPrefix(id + "-");
    // a tenth of a unit is finer than any screen shows the 1080-unit chart at: the default 15 digits made the chart
    // over half of the main page
    g.setGeomDoubleConverter(DailyChart::oneDecimal);
    g.setTransformDoubleConverter(DailyChart::threeDecimals);
    chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
    return compact(g.getSVGElement(id, false, new ViewBox(0, 0, WIDTH, HEIGHT), null, null), id);
  }

  /**
   * The SVG without what draws nothing: JFreeSVG clips every element to the whole chart (its first clip path) and
   * spells out full opacity on each. The chart is a fifth of the main page; this is a sixth of the chart.
   */
  static String compact(String svg, String id) {
    String whole = "<clipPath id='" + id + "-clip-0'><path d='M0,0L" + WIDTH + ",0L" + WIDTH + "," + HEIGHT + "L0,"
        + HEIGHT + "L0,0Z'/></clipPath>";
    String out = svg;
    if (out.contains(whole)) {
      out = out.replace(" clip-path='url(#" + id + "-clip-0)'", "");
    }
    return out.replace("fill-opacity: 1.0; ", "").replace(";stroke-opacity:1.0", "").replace("stroke-opacity:1.0;", "");
  }

  static String oneDecimal(double x) {
    return trim(Math.round(x * 10) / 10.0);
  }

  static String threeDecimals(double x) {
    return trim(Math.round(x * 1000) / 1000.0);
  }

  private static String trim(double x) {
    if (x == Math.rint(x)) {
      return Long.toString((long) x);
    }
    return BigDecimal.valueOf(x).toPlainString();
  }

  /** Whole days (or months over half a year) between ticks, about a dozen ticks in all. */
  static DateTickUnit tickUnit(LocalDate first, LocalDate last, TimeZone utc) {
    long span = ChronoUnit.DAYS.between(first, last) + 1;
    if (span > 180) {
      int months = (int) Math.max(1, Math.ceil(span / 30.0 / 12));
      return new DateTickUnit(DateTickUnitType.MONTH, months, utcFormat("MMM yyyy", utc));
    }
    int step = (int) Math.max(1, Math.ceil(span / 14.0));
    return new DateTickUnit(DateTickUnitType.DAY, step, utcFormat("d MMM", utc));
  }

  private static SimpleDateFormat utcFormat(String pattern, TimeZone utc) {
    SimpleDateFormat f = new SimpleDateFormat(pattern, Locale.ENGLISH);
    f.setTimeZone(utc);
    return f;
  }

  private static void styleAxis(Axis a, Font tick, Font label) {
    a.setTickLabelFont(tick);
    a.setTickLabelPaint(TEXT);
    a.setLabelFont(label);
    a.setLabelPaint(TEXT);
    a.setAxisLineVisible(false);
    a.setTickMarksVisible(false);
  }
}
