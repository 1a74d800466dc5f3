package org.footprint.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
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
import org.jfree.data.time.Day;
import org.jfree.data.time.TimePeriodAnchor;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * The daily chart: kg CO2e per day as bars (left axis) and kWh per day as a line (right axis), drawn by
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

  /** One day's totals. */
  record DayPoint(double co2eKg, double energyKwh) {}

  private DailyChart() {}

  /**
   * The chart as an {@code <svg>} element, or {@code null} when there is no day to draw.
   *
   * @param id unique on the page: prefixes the SVG's element ids so two charts never share a clip path
   */
  static String svg(SortedMap<LocalDate, DayPoint> days, String id) {
    if (days.isEmpty()) {
      return null;
    }
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    TimeZone utc = TimeZone.getTimeZone("UTC");
    TimeSeries co2e = new TimeSeries("kg CO2e per day (left axis)");
    TimeSeries energy = new TimeSeries("kWh per day (right axis)");
    for (var e : days.entrySet()) {
      LocalDate d = e.getKey();
      Day day = new Day(d.getDayOfMonth(), d.getMonthValue(), d.getYear());
      co2e.add(day, e.getValue().co2eKg());
      energy.add(day, e.getValue().energyKwh());
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
    line.setSeriesStroke(0, new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    line.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));

    TimeSeriesCollection co2eData = new TimeSeriesCollection(co2e, utc);
    TimeSeriesCollection energyData = new TimeSeriesCollection(energy, utc);
    // the line's points sit in the middle of each day's bar
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
    chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
    return g.getSVGElement(id, false, new ViewBox(0, 0, WIDTH, HEIGHT), null, null);
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

  private static void styleAxis(org.jfree.chart.axis.Axis a, Font tick, Font label) {
    a.setTickLabelFont(tick);
    a.setTickLabelPaint(TEXT);
    a.setLabelFont(label);
    a.setLabelPaint(TEXT);
    a.setAxisLineVisible(false);
    a.setTickMarksVisible(false);
  }
}
