package org.footprint.source.intensity;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.footprint.io.HadoopFs;
import org.footprint.source.Counts;
import org.footprint.source.InputRecord;
import org.footprint.model.Reject;
import org.footprint.model.RejectCodes;
import org.footprint.model.Schemas;

/**
 * The optional marginal-emissions signal (WattTime-style MOER exports): a CSV with a header naming
 * {@code timestamp} (or point_time, datetime_utc), {@code region} (or zone, ba) and the marginal rate, either
 * {@code marginal_g_per_kwh} (or moer_g_per_kwh) in g/kWh or {@code moer_lbs_per_mwh} (or value, WattTime's
 * unit) in lb/MWh, converted at 0.45359237 g/kWh per lb/MWh. Each value covers from its timestamp to the region's
 * next one, at most the smallest step between two of the region's timestamps (5 min for WattTime, 1 h for hourly
 * files), so the series keeps its own grain. Read on the driver into schemas/intensity_slots.ddl rows, the same
 * step table the average signal is integrated from. Its files are inputs like the average series': rows that
 * cannot be read are rejects (source intensity, file and line) and counted in the intensity row of run_summary.
 */
public final class MarginalIntensityCsv {
  static final double G_PER_KWH_PER_LB_PER_MWH = 453.59237 / 1000.0;

  /**
   * Slots of every file, the rows that could not be read (rejects.ddl, source intensity, the file and line) and
   * the run_summary counts of the files (cluster null: the same row as the average series).
   */
  public record Loaded(Dataset<Row> slots, Dataset<Row> rejects, Dataset<Row> counts, long values) {}

  private MarginalIntensityCsv() {}

  public static Loaded load(SparkSession spark, List<String> files) {
    List<Reject> rejects = new ArrayList<>();
    List<IntensityPoint> points = new ArrayList<>();
    for (String file : files) {
      List<Reject> fileRejects = new ArrayList<>();
      try (Reader in = open(file)) {
        points.addAll(read(file, in, fileRejects));
        rejects.addAll(fileRejects);
      } catch (IntensityFormatException | IOException e) {
        // none of a file that broke halfway: a half-read series would look complete
        rejects.add(new Reject(IntensityLoader.SOURCE, null, file, 0, null, e instanceof IOException io
            ? InputRecord.unreadable(io) : "marginal file not read: " + e.getMessage()));
      }
    }
    List<Row> rows = new ArrayList<>();
    for (IntensitySlots.Slot v : IntensitySlots.atNativeGrain(points)) {
      rows.add(RowFactory.create(v.zone(), Timestamp.from(v.start()), v.seconds(), v.gPerKwh(), 0.0));
    }
    List<Row> rejectRows = new ArrayList<>();
    for (Reject r : rejects) {
      rejectRows.add(RowFactory.create(r.source(), r.cluster(), r.file(), r.line(), r.raw(), r.reason(),
          RejectCodes.of(r.reason())));
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put(Counts.FILES, (long) files.size());
    counts.put(Counts.RECORDS_READ, points.size() + (long) rejects.size());
    counts.put(Counts.REJECTED, (long) rejects.size());
    return new Loaded(spark.createDataFrame(rows, Schemas.of("intensity_slots")),
        spark.createDataFrame(rejectRows, Schemas.of("rejects")),
        Counts.of(IntensityLoader.SOURCE, Counts.known(spark, null, counts)), points.size());
  }

  /** One file's points, each lasting until the region's next timestamp (at most its smallest step). */
  static List<IntensityPoint> read(String file, Reader in, List<Reject> rejects) throws IOException {
    CsvRows rows = new CsvRows(file, in);
    CsvColumns cols = CsvColumns.find(file, rows, List.of("timestamp", "point_time", "datetime_utc", "region",
        "zone", "ba", "marginal_g_per_kwh", "moer_g_per_kwh", "moer_lbs_per_mwh", "value"));
    int ts = cols.required("timestamp", "point_time", "datetime_utc");
    int region = cols.required("region", "zone", "ba");
    int grams = cols.optional("marginal_g_per_kwh", "moer_g_per_kwh");
    int pounds = grams >= 0 ? -1 : cols.required("moer_lbs_per_mwh", "value");
    cols.checkComplete();
    Map<String, Map<Instant, Double>> byRegion = new LinkedHashMap<>();
    for (CsvRows.Row row = rows.next(); row != null; row = rows.next()) {
      if (row.isBlank()) {
        continue;
      }
      try {
        String r = Fields.text(row.get(region), cols.name(region));
        Instant t = Fields.instant(row.get(ts), cols.name(ts));
        double g = grams >= 0 ? Fields.intensity(row.get(grams), cols.name(grams))
            : Fields.intensity(row.get(pounds), cols.name(pounds)) * G_PER_KWH_PER_LB_PER_MWH;
        byRegion.computeIfAbsent(r, k -> new LinkedHashMap<>()).put(t, g); // a repeated time: the last wins
      } catch (BadRow e) {
        rejects.add(row.reject(file, "marginal: " + e.getMessage()));
      }
    }
    List<IntensityPoint> out = new ArrayList<>();
    for (Map.Entry<String, Map<Instant, Double>> e : byRegion.entrySet()) {
      TreeSet<Instant> times = new TreeSet<>(e.getValue().keySet());
      long step = Long.MAX_VALUE;
      Instant prev = null;
      for (Instant t : times) {
        if (prev != null) {
          step = Math.min(step, t.getEpochSecond() - prev.getEpochSecond());
        }
        prev = t;
      }
      int minutes = step == Long.MAX_VALUE ? 60 : (int) Math.max(1, Math.min(60, step / 60));
      for (Instant t : times) {
        Instant next = times.higher(t);
        int m = next == null ? minutes
            : (int) Math.max(1, Math.min(minutes, (next.getEpochSecond() - t.getEpochSecond()) / 60));
        out.add(new IntensityPoint(e.getKey(), t, m, e.getValue().get(t), "marginal", file, false));
      }
    }
    return out;
  }

  private static Reader open(String file) throws IOException {
    Path p = new Path(file);
    FileSystem fs = HadoopFs.of(p);
    return new InputStreamReader(fs.open(p), StandardCharsets.UTF_8);
  }
}
