package org.footprint.source.power;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.footprint.conf.InputSpec;
import org.footprint.io.SmallQuery;
import org.footprint.io.CacheScope;
import org.footprint.io.HadoopFs;
import org.footprint.io.PerFileRows;
import org.footprint.io.SetAside;
import org.footprint.io.SplitLines;
import org.footprint.io.TextSplit;
import org.footprint.io.TextSplits;
import org.footprint.model.RejectCodes;
import org.footprint.model.Schemas;
import org.footprint.source.Counts;
import org.footprint.source.InputRecord;

/**
 * Reads nvidia-smi and dcgm-exporter logs into canonical {@code gpu_samples} rows (schemas/gpu_samples.ddl),
 * rejects (schemas/rejects.ddl) and counts. Like the sacct reader, each file (or byte range of a large
 * nvidia-smi log, see {@link #records}) is parsed as a stream by one task, so line numbers and the header state
 * of nvidia-smi logs are exact; files are packed by size into a
 * few tasks per core ({@link PerFileRows}), since nodes write one log per node and day: thousands of files.
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
   * number of lines in its reason; counts: {@link Counts}.
   */
  public record Result(Dataset<Row> samples, Dataset<Row> rejects, Dataset<Row> skipped, Dataset<Row> counts) {}

  /** The {@code source} of its rejects, skipped rows and run_summary rows (samples keep their format). */
  public static final String SOURCE = InputSpec.Source.POWER.label();

  private PowerSampleReader() {}

  /**
   * The three tables over one parse of the files: the parsed records are kept ({@code cache}, memory and disk)
   * because
   * samples, rejects and counts all read them; the largest input of the run should be parsed once.
   *
   * @param files file path → how to read it
   */
  public static Result read(SparkSession spark, Map<String, PowerInput> files, CacheScope cache) {
    SetAside aside = SetAside.kinds(spark, PowerRecord.SCHEMA, PowerRecord.REJECT, PowerRecord.SKIPPED,
        PowerRecord.BOARD_UNKNOWN);
    Dataset<Row> records = cache.cut(records(spark, files, aside));
    Map<String, Long> filesByCluster = new TreeMap<>();
    files.values().forEach(in -> filesByCluster.merge(in.cluster(), 1L, Long::sum));
    // the query that fills the records' cache: after it the parse has run to its end
    Dataset<Row> counts = counts(spark, records, filesByCluster);
    // rejects and skip tallies as the parse set them aside; from the cached records when the copy is not whole
    Dataset<Row> setAside = aside.rows(spark, PowerRecord.SCHEMA);
    Dataset<Row> parseRows = setAside == null ? records : setAside;
    Dataset<Row> samples = Schemas.conform(records.filter(col("kind").equalTo(PowerRecord.SAMPLE)), "gpu_samples");
    // rejects and skipped say "power", as run_summary does; a sample keeps its format (nvidia-smi, dcgm)
    Dataset<Row> rejects = Schemas.conform(parseRows.filter(col("kind").equalTo(PowerRecord.REJECT))
        .withColumn("source", lit(SOURCE))
        .withColumn("reason_code", RejectCodes.of(col("reason"))), "rejects");
    Dataset<Row> skipped = Schemas.conform(parseRows.filter(col("kind").isin(PowerRecord.SKIPPED,
            PowerRecord.BOARD_UNKNOWN))
        .withColumn("source", lit(SOURCE))
        .withColumn("job_id", lit(null).cast("string"))
        .withColumn("state", lit(null).cast("string"))
        .withColumn("reason", concat(col("reason"), lit(" ("), col("lines").cast("string"),
            lit(" lines, the first at this line)"))),
        "skipped");
    return new Result(samples, rejects, skipped, counts);
  }

  /**
   * The parsed records (PowerRecord.SCHEMA), unpersisted: samples, rejects, skip tallies. nvidia-smi logs larger
   * than Spark's {@code spark.sql.files.maxPartitionBytes} are cut into byte ranges read by separate tasks where a
   * cut changes no record ({@link NvidiaSmiSplits}); dcgm scrapes are read whole.
   */
  public static Dataset<Row> records(SparkSession spark, Map<String, PowerInput> files) {
    return records(spark, files, null);
  }

  /** The same, the parse copying the rows {@code aside} marks for the driver (null: none). */
  static Dataset<Row> records(SparkSession spark, Map<String, PowerInput> files, SetAside aside) {
    Map<String, PowerInput> specs = Map.copyOf(files);
    long splitBytes = spark.sessionState().conf().filesMaxPartitionBytes();
    List<TextSplit> splits = TextSplits.plan(spark, new ArrayList<>(files.keySet()), splitBytes,
        new NvidiaSmiSplits(specs), path -> PowerInput.NVIDIA_SMI.equals(specs.get(path).format()));
    int tasks = Math.max(PerFileRows.defaultGroups(spark), (int) splits.stream().filter(s -> s.start() > 0).count() + 1);
    return PerFileRows.read(spark, PowerRecord.SCHEMA, splits, TextSplit::length, tasks,
        split -> parse(split, specs.get(split.path())),
        (split, e) -> {
          PowerInput in = specs.get(split.path());
          return PowerRecord.reject(in.cluster(), in.format(), split.path(), 0, null, InputRecord.unreadable(e))
              .toRow();
        }, aside);
  }

  /** The records of one split of an nvidia-smi log, or of a whole log. */
  static Iterator<Row> parse(TextSplit split, PowerInput input) throws IOException {
    if (PowerInput.DCGM.equals(input.format())) {
      return parseFile(split.path(), input);
    }
    SplitLines in = new SplitLines(split);
    return PerFileRows.rows(NvidiaSmiCsvReader.records(split.path(), in, split.firstLine(), split.header(), input),
        PowerRecord::toRow, in);
  }

  /**
   * Each record stands for {@code lines} input lines: a sample of several DCGM lines, a tally of skipped ones. Added
   * up per cluster on the driver now, in the query that fills the records' cache (a few rows), instead of by
   * another pass over the cache in run_summary's aggregation.
   */
  private static Dataset<Row> counts(SparkSession spark, Dataset<Row> records, Map<String, Long> filesByCluster) {
    Column kind = col("kind");
    Column lines = col("lines");
    Column skippedKinds = kind.isin(PowerRecord.SKIPPED, PowerRecord.BOARD_UNKNOWN);
    List<String> categories = List.of(Counts.RECORDS_READ, Counts.MERGED, Counts.SKIPPED, Counts.REJECTED,
        Counts.WARNED);
    List<Dataset<Row>> parts = new ArrayList<>();
    parts.add(Counts.files(spark, filesByCluster));
    for (Row r : SmallQuery.collect(records.groupBy("cluster").agg(sum(lines),
        sum(when(kind.equalTo(PowerRecord.SAMPLE), lines.minus(1)).otherwise(0L)),
        sum(when(skippedKinds, lines).otherwise(0L)),
        sum(when(kind.equalTo(PowerRecord.REJECT), lines).otherwise(0L)),
        sum(when(kind.equalTo(PowerRecord.BOARD_UNKNOWN), lines).otherwise(0L))))) {
      Map<String, Long> n = new LinkedHashMap<>();
      for (int i = 0; i < categories.size(); i++) {
        n.put(categories.get(i), r.getLong(i + 1));
      }
      parts.add(Counts.known(spark, r.getString(0), n));
    }
    @SuppressWarnings("unchecked")
    Dataset<Row> counts = Counts.of(SOURCE, parts.toArray(new Dataset[0]));
    return counts;
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
    return PerFileRows.rows(parser, PowerRecord::toRow, in);
  }
}
