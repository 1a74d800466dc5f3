package org.footprint.carbon;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_seconds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.footprint.io.SmallQuery;

/**
 * The intensity as a step function with running integrals, so that a job's time-weighted intensity over any
 * interval is two lookups instead of one row per slot it ran. Each region keeps its native grain (schemas/
 * intensity_slots.ddl: an hour, the UK API's half hour, ...): per region, every slot ({@code slot} = epoch seconds
 * ÷ grain) from the region's first to its last value: {@code ci} (g/kWh; the annual fallback where the slot has
 * no value), {@code has} (1 when the slot has a value), {@code fc} (the share of that value that is a forecast),
 * and {@code cum} / {@code cum_has} / {@code cum_fc}: the integrals of ci, has and fc (× seconds) over the
 * region's slots before this one. Built on the driver: a zone-year is 8,760 hourly or 17,520 half-hourly rows.
 * Built once per series and run (pipeline/JobPipeline hands the same table to the carbon join, the marginal join
 * and the counterfactuals): each build is a Spark job that reads the series.
 */
public final class IntensitySteps {
  static final StructType SCHEMA = new StructType()
      .add("region", DataTypes.StringType, false)
      .add("slot", DataTypes.LongType, false)
      .add("ci", DataTypes.DoubleType, false)
      .add("has", DataTypes.DoubleType, false)
      .add("fc", DataTypes.DoubleType, false)
      .add("cum", DataTypes.DoubleType, false)
      .add("cum_has", DataTypes.DoubleType, false)
      .add("cum_fc", DataTypes.DoubleType, false);

  /** Slots of regions without any value: the join then uses the fallback, whose grain does not matter. */
  static final long DEFAULT_GRAIN_S = 3600;

  /** Per region: its grain, first and last slot with a value, the integrals over the whole span. */
  record Span(long grain, long firstSlot, long lastSlot, double total, double totalHas, double totalFc) {}

  final Dataset<Row> table;
  final Map<String, Span> spans;
  /** The rows of {@link #table}, on the driver, in region and slot order. */
  private final List<Row> rows;

  private IntensitySteps(Dataset<Row> table, Map<String, Span> spans, List<Row> rows) {
    this.table = table;
    this.spans = spans;
    this.rows = rows;
  }

  /**
   * Per region, its slots as {@link WindowSearch.Series}: region r's slot x at index x − first, and a sentinel slot
   * {@code last + 1} at the end (ci 0, has 0, cum = the region's total), so that the integral is defined at the very
   * end of the series too. What the counterfactuals ship to the executors.
   */
  Map<String, WindowSearch.Series> series() {
    Map<String, WindowSearch.Series> m = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, Span> e : spans.entrySet()) {
      Span s = e.getValue();
      int n = (int) (s.lastSlot() - s.firstSlot()) + 2;
      double[] ci = new double[n];
      double[] has = new double[n];
      double[] cum = new double[n];
      double[] cumHas = new double[n];
      for (int k = 0; k < n - 1; k++, i++) {
        Row r = rows.get(i);
        ci[k] = r.getDouble(2);
        has[k] = r.getDouble(3);
        cum[k] = r.getDouble(5);
        cumHas[k] = r.getDouble(6);
      }
      cum[n - 1] = s.total();
      cumHas[n - 1] = s.totalHas();
      m.put(e.getKey(), new WindowSearch.Series(s.grain(), s.firstSlot(), ci, has, cum, cumHas));
    }
    return m;
  }

  /**
   * @param slots schemas/intensity_slots.ddl: one series (the average or the marginal one)
   * @param fallback annual g/kWh per region ("*": any other) for the slots without a value
   */
  public static IntensitySteps of(Dataset<Row> slots, Map<String, Double> fallback) {
    return of(slots.sparkSession(), slots, fallback);
  }

  /** @param slots schemas/intensity_slots.ddl */
  static IntensitySteps of(SparkSession spark, Dataset<Row> slots, Map<String, Double> fallback) {
    List<Row> values = SmallQuery.collect(slots
        .select(col("region"), unix_seconds(col("slot_start_utc")).divide(col("slot_s")).cast("long").as("slot"),
            col("g_per_kwh"), col("forecast_fraction"), col("slot_s"))
        .orderBy("region", "slot"));
    List<Row> rows = new ArrayList<>();
    Map<String, Span> spans = new LinkedHashMap<>();
    int i = 0;
    while (i < values.size()) {
      String region = values.get(i).getString(0);
      int grain = values.get(i).getInt(4);
      int j = i;
      while (j < values.size() && values.get(j).getString(0).equals(region)) {
        if (values.get(j).getInt(4) != grain) {
          throw new IllegalStateException("intensity slots of region " + region + " have two lengths: " + grain
              + " and " + values.get(j).getInt(4) + " s");
        }
        j++;
      }
      double fb = fallbackOf(fallback, region);
      long first = values.get(i).getLong(1);
      long last = values.get(j - 1).getLong(1);
      double cum = 0;
      double cumHas = 0;
      double cumFc = 0;
      int k = i;
      for (long h = first; h <= last; h++) {
        boolean has = k < j && values.get(k).getLong(1) == h;
        double ci = has ? values.get(k).getDouble(2) : fb;
        double fc = has ? values.get(k).getDouble(3) : 0.0;
        rows.add(RowFactory.create(region, h, ci, has ? 1.0 : 0.0, fc, cum, cumHas, cumFc));
        cum += ci * grain;
        cumHas += has ? grain : 0;
        cumFc += fc * grain;
        if (has) {
          k++;
          while (k < j && values.get(k).getLong(1) == h) {
            k++; // one value per (region, slot) upstream; never count a duplicate twice
          }
        }
      }
      spans.put(region, new Span(grain, first, last, cum, cumHas, cumFc));
      i = j;
    }
    return new IntensitySteps(spark.createDataFrame(rows, SCHEMA), spans, rows);
  }

  /**
   * region → struct(grain, first, last, total, total_has, total_fc), looked up with try_element_at; null for a
   * region without data.
   */
  Column spanLiteral() {
    if (spans.isEmpty()) {
      return lit(null).cast("map<string,struct<grain:bigint,first:bigint,last:bigint,total:double,"
          + "total_has:double,total_fc:double>>");
    }
    List<Column> kv = new ArrayList<>();
    for (Map.Entry<String, Span> e : spans.entrySet()) {
      Span s = e.getValue();
      kv.add(lit(e.getKey()));
      kv.add(struct(lit(s.grain()).as("grain"), lit(s.firstSlot()).as("first"), lit(s.lastSlot()).as("last"),
          lit(s.total()).as("total"), lit(s.totalHas()).as("total_has"), lit(s.totalFc()).as("total_fc")));
    }
    return org.apache.spark.sql.functions.map(kv.toArray(new Column[0]));
  }

  static double fallbackOf(Map<String, Double> fallback, String region) {
    Double v = fallback.get(region);
    if (v == null) {
      v = fallback.get("*");
    }
    return v == null ? Double.NaN : v;
  }
}
