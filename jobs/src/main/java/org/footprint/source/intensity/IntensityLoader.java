package org.footprint.source.intensity;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.footprint.conf.InputSpec;
import org.footprint.model.Reject;
import org.footprint.model.RejectCodes;
import org.footprint.source.Counts;
import org.footprint.source.InputRecord;
import org.footprint.model.Schemas;
import org.footprint.io.HadoopFs;

/**
 * Reads the hourly intensity inputs on the driver: they are small (a zone-year is 8,760 rows) and are
 * broadcast to the carbon join anyway. A file that cannot be read at all becomes one reject (line 0) and
 * the run goes on with the rest, falling back to annual values where hours are missing.
 */
public final class IntensityLoader {
  /** The {@code source} of its rejects and of its run_summary row. */
  public static final String SOURCE = InputSpec.Source.INTENSITY.label();

  /** One intensity input: format name and its files. */
  public record Input(String format, List<String> files) {}

  /**
   * @param hourly intensity_hourly.ddl, the published table
   * @param slots intensity_slots.ddl, each zone at its native grain: what the carbon join integrates
   * @param rejects rejects.ddl
   * @param counts {@link Counts}: one row set for cluster null
   */
  public record Loaded(Dataset<Row> hourly, Dataset<Row> slots, Dataset<Row> rejects, Dataset<Row> counts,
      long hourlyValues) {}

  private IntensityLoader() {}

  public static Loaded load(SparkSession spark, List<Input> inputs, String signal) {
    List<IntensityPoint> points = new ArrayList<>();
    List<Reject> rejects = new ArrayList<>();
    Set<String> files = new LinkedHashSet<>();
    for (Input input : inputs) {
      IntensityFormat format = IntensityFormats.byName(input.format());
      for (String file : input.files()) {
        files.add(file);
        int before = points.size();
        int rejBefore = rejects.size();
        try (Reader in = open(file)) {
          format.read(file, in, signal, points::add, rejects::add);
        } catch (IntensityFormatException | IOException e) {
          // keep what the file yielded before it broke? No: a half-read file would look complete.
          points.subList(before, points.size()).clear();
          rejects.subList(rejBefore, rejects.size()).clear();
          rejects.add(new Reject(SOURCE, null, file, 0, null, e instanceof IOException io
              ? InputRecord.unreadable(io) : "file not read: " + e.getMessage()));
        }
      }
    }
    List<HourlyIntensity.HourlyValue> hourly = HourlyIntensity.toHourly(points);
    List<Row> rows = new ArrayList<>(hourly.size());
    for (HourlyIntensity.HourlyValue v : hourly) {
      rows.add(RowFactory.create(v.zone(), Timestamp.from(v.hourUtc()), v.gPerKwh(), v.signal(), v.dataSource(),
          v.estimated(), v.coveredFraction(), v.forecastFraction()));
    }
    Dataset<Row> df = spark.createDataFrame(rows, Schemas.of("intensity_hourly"));
    List<Row> slotRows = new ArrayList<>();
    for (IntensitySlots.Slot v : IntensitySlots.atNativeGrain(points)) {
      slotRows.add(RowFactory.create(v.zone(), Timestamp.from(v.start()), v.seconds(), v.gPerKwh(),
          v.forecastFraction()));
    }
    Dataset<Row> slots = spark.createDataFrame(slotRows, Schemas.of("intensity_slots"));
    List<Row> rejectRows = new ArrayList<>();
    for (Reject r : rejects) {
      rejectRows.add(RowFactory.create(r.source(), r.cluster(), r.file(), r.line(), r.raw(), r.reason(),
          RejectCodes.of(r.reason())));
    }
    // every point read either became part of an hourly value or was folded into one with others (merged)
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put(Counts.FILES, (long) files.size());
    counts.put(Counts.RECORDS_READ, points.size() + (long) rejects.size());
    counts.put(Counts.MERGED, points.size() - (long) hourly.size());
    counts.put(Counts.REJECTED, (long) rejects.size());
    return new Loaded(df, slots, spark.createDataFrame(rejectRows, Schemas.of("rejects")),
        Counts.of(SOURCE, Counts.known(spark, null, counts)), hourly.size());
  }
  private static Reader open(String file) throws IOException {
    Path p = new Path(file);
    FileSystem fs = HadoopFs.of(p);
    return new InputStreamReader(fs.open(p), StandardCharsets.UTF_8);
  }
}
