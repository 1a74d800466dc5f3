package org.footprint.source.power;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.footprint.io.FileByFile;
import org.footprint.io.FileGroups;
import org.footprint.model.Schemas;
import org.footprint.io.HadoopFs;

/**
 * Reads nvidia-smi and dcgm-exporter logs into canonical {@code gpu_samples} rows (schemas/gpu_samples.ddl),
 * rejects (schemas/rejects.ddl) and counts. Like the sacct reader, each file is parsed whole, as a stream, by
 * one task, so line numbers and the header state of nvidia-smi logs are exact; files are packed by size into a
 * few tasks per core ({@link FileGroups}), since nodes write one log per node and day: thousands of files.
 *
 * <p>Counts per cluster, in SlurmUsage's categories, reconcile as
 * records_read = samples + merged + skipped + rejected: merged are the DCGM metric lines folded into another
 * line's sample (power, energy and utilisation of one board and time), skipped the DCGM lines of unused metrics
 * and unlabelled series, and the nvidia-smi lines whose board could not be told apart ({@link InterleavedBoards}),
 * which are also counted as warned. Duplicate samples (the same log read twice) are not removed here: the integration
 * ignores zero-length intervals, so they cannot double energy.
 */
public final class PowerSampleReader {
  /**
   * samples: gpu_samples.ddl; rejects: rejects.ddl; skipped: skipped.ddl, one row per file and rule with the
   * number of lines in its reason; counts: cluster, category, n. {@code persisted} lists what the reader cached
   * for its several consumers; the caller unpersists it when the run is done.
   */
  public record Result(Dataset<Row> samples, Dataset<Row> rejects, Dataset<Row> skipped, Dataset<Row> counts,
      List<Dataset<Row>> persisted) {}

  private PowerSampleReader() {}

  /**
   * The three tables over one parse of the files: the parsed records are persisted (memory and disk) because
   * samples, rejects and counts all read them; the largest input of the run should be parsed once.
   *
   * @param files file path → how to read it
   */
  public static Result read(SparkSession spark, Map<String, PowerInput> files) {
    Dataset<Row> records = records(spark, files).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> samples = Schemas.conform(records.filter(col("kind").equalTo(PowerRecord.SAMPLE)), "gpu_samples");
    Dataset<Row> rejects = Schemas.conform(records.filter(col("kind").equalTo(PowerRecord.REJECT))
        .withColumn("reason_code", org.footprint.model.RejectCodes.of(col("reason"))), "rejects");
    Dataset<Row> skipped = Schemas.conform(records.filter(col("kind").isin(PowerRecord.SKIPPED,
            PowerRecord.BOARD_UNKNOWN))
        .withColumn("job_id", lit(null).cast("string"))
        .withColumn("state", lit(null).cast("string"))
        .withColumn("reason", concat(col("reason"), lit(" ("), col("lines").cast("string"),
            lit(" lines, the first at this line)"))),
        "skipped");
    return new Result(samples, rejects, skipped, counts(records), List.of(records));
  }

  /** The parsed records (PowerRecord.SCHEMA), unpersisted: samples, rejects, skip tallies, file markers. */
  public static Dataset<Row> records(SparkSession spark, Map<String, PowerInput> files) {
    List<String> paths = new ArrayList<>(files.keySet());
    if (paths.isEmpty()) {
      return spark.createDataFrame(new ArrayList<Row>(), PowerRecord.SCHEMA);
    }
    Map<String, PowerInput> specs = Map.copyOf(files);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<List<String>> groups = FileGroups.bySize(paths, jsc.defaultParallelism() * 3);
    JavaRDD<List<String>> rdd = jsc.parallelize(groups, groups.size());
    JavaRDD<Row> rows = rdd.flatMap(group -> new FileByFile<>(group, path -> {
      try {
        return parseFile(path, specs.get(path));
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + path, e);
      }
    }));
    return spark.createDataFrame(rows, PowerRecord.SCHEMA);
  }

  private static Dataset<Row> counts(Dataset<Row> records) {
    Column kind = col("kind");
    Column lines = col("lines");
    return records.groupBy("cluster").agg(
            sum(when(kind.equalTo(PowerRecord.FILE), 1L).otherwise(0L)).as("files"),
            sum(when(kind.notEqual(PowerRecord.FILE), lines).otherwise(0L)).as("records_read"),
            sum(when(kind.equalTo(PowerRecord.SAMPLE), lines.minus(1)).otherwise(0L)).as("merged"),
            sum(when(kind.isin(PowerRecord.SKIPPED, PowerRecord.BOARD_UNKNOWN), lines).otherwise(0L)).as("skipped"),
            sum(when(kind.equalTo(PowerRecord.REJECT), lines).otherwise(0L)).as("rejected"),
            sum(when(kind.equalTo(PowerRecord.BOARD_UNKNOWN), lines).otherwise(0L)).as("warned"))
        .selectExpr("cluster", "stack(6, 'files', files, 'records_read', records_read, 'merged', merged, "
            + "'skipped', skipped, 'rejected', rejected, 'warned', warned) as (category, n)")
        .withColumn("n", col("n").cast("long"));
  }

  static Iterator<Row> parseFile(String path, PowerInput input) throws IOException {
    Path p = new Path(path);
    FileSystem fs = HadoopFs.of(p);
    FileStatus status = fs.getFileStatus(p);
    // undecodable bytes become U+FFFD on their line, which then fails to parse and is rejected with its line
    // number instead of aborting the whole file
    BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(p),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
    Iterator<PowerRecord> parser = PowerInput.DCGM.equals(input.format())
        ? new DcgmPrometheusReader(path, in, input, Instant.ofEpochMilli(status.getModificationTime()))
        : NvidiaSmiCsvReader.records(path, in, input);
    PowerRecord marker = PowerRecord.fileMarker(input.cluster(), input.format(), path);
    return new Iterator<>() {
      private boolean markerSent;

      @Override
      public boolean hasNext() {
        if (!markerSent) {
          return true;
        }
        boolean more = parser.hasNext();
        if (!more) {
          close(in);
        }
        return more;
      }

      @Override
      public Row next() {
        if (!markerSent) {
          markerSent = true;
          return marker.toRow();
        }
        return parser.next().toRow();
      }
    };
  }

  private static void close(BufferedReader in) {
    try {
      in.close();
    } catch (IOException e) {
      // closing a read stream: nothing to recover
    }
  }
}
