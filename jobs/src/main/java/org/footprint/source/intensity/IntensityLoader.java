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
import org.footprint.model.Reject;
import org.footprint.model.Schemas;
import org.footprint.io.HadoopFs;

/**
 * Reads the hourly intensity inputs on the driver: they are small (a zone-year is 8,760 rows) and are
 * broadcast to the carbon join anyway. A file that cannot be read at all becomes one reject (line 0) and
 * the run goes on with the rest, falling back to annual values where hours are missing.
 */
public final class IntensityLoader {
  /** One intensity input: format name and its files. */
  public record Input(String format, List<String> files) {}

  /**
   * @param hourly intensity_hourly.ddl, the published table
   * @param slots intensity_slots.ddl, each zone at its native grain: what the carbon join integrates
   */
  public record Loaded(Dataset<Row> hourly, Dataset<Row> slots, List<Reject> rejects, long files, long recordsRead,
      long hourlyValues) {}

  private IntensityLoader() {}

  public static Loaded load(SparkSession spark, List<Input> inputs, String signal) {
    List<IntensityPoint> points = new ArrayList<>();
    List<Reject> rejects = new ArrayList<>();
    long files = 0;
    for (Input input : inputs) {
      IntensityFormat format = IntensityFormats.byName(input.format());
      for (String file : input.files()) {
        files++;
        int before = points.size();
        int rejBefore = rejects.size();
        try (Reader in = open(file)) {
          format.read(file, in, signal, points::add, rejects::add);
        } catch (IntensityFormatException | IOException e) {
          // keep what the file yielded before it broke? No: a half-read file would look complete.
          points.subList(before, points.size()).clear();
          rejects.subList(rejBefore, rejects.size()).clear();
          rejects.add(new Reject("intensity", null, file, 0, null, "file not read: " + e.getMessage()));
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
    return new Loaded(df, slots, rejects, files, points.size() + (long) rejects.size(), hourly.size());
  }

  private static Reader open(String file) throws IOException {
    Path p = new Path(file);
    FileSystem fs = HadoopFs.of(p);
    return new InputStreamReader(fs.open(p), StandardCharsets.UTF_8);
  }
}
