package org.footprint.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.round;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.footprint.io.HadoopFs;

/**
 * Writes the output contract: {@code tables/<name>/} Parquet (per-day tables partitioned by day) and
 * {@code csv/<name>.csv}, one file with a header row. Paths are Hadoop paths so HDFS and S3 work too.
 *
 * <p>CSVs are RFC 4180, as Python's {@code csv}, R and spreadsheets read them: a field holding a comma, a quote
 * or a line break is quoted, and a quote inside is doubled ({@code ""}) — Spark's default escape ({@code \"})
 * shifts columns in those readers. Doubles are rounded and formula-leading text neutralised ({@link CsvRules}).
 * Big tables go through Spark's CSV writer; rows already on the driver (the summaries, run_summary) are written
 * from the driver with the same bytes ({@link LocalCsv}), without a Spark job each.
 */
public final class TableSink {
  private final String outDir;

  public TableSink(String outDir) {
    this.outDir = outDir;
  }

  public String tablePath(String name) {
    return new Path(new Path(outDir, "tables"), name).toString();
  }

  public String csvPath(String name) {
    return new Path(new Path(outDir, "csv"), name + ".csv").toString();
  }

  public void parquet(Dataset<Row> df, String name, String... partitionBy) {
    df.sparkSession().sparkContext().setJobDescription("write " + name);
    if (partitionBy.length > 0) {
      // one task per day partition: otherwise every task writes a file into every day (tasks × days files)
      Column[] keys = Arrays.stream(partitionBy).map(org.apache.spark.sql.functions::col)
          .toArray(Column[]::new);
      df = df.repartition(keys);
    }
    var writer = df.write().mode(SaveMode.Overwrite).option("compression", "snappy");
    if (partitionBy.length > 0) {
      writer = writer.partitionBy(partitionBy);
    }
    writer.parquet(tablePath(name));
  }

  /**
   * A small table already on the driver (a summary: dozens to thousands of rows) as Parquet and as CSV. Both
   * writes read the same local rows, so the query that computed them is not run again for each; the Parquet is one
   * file, in the rows' order; the CSV is written from the driver, without a Spark job.
   */
  public void smallTable(SparkSession spark, String name, List<Row> rows, StructType schema) {
    parquet(spark.createDataFrame(rows, schema).coalesce(1), name);
    csv(rows, schema, name);
  }

  /**
   * One CSV file of rows already on the driver, written from the driver: no Spark job, the same bytes as
   * {@link #csv(Dataset, String)} writes for them ({@link LocalCsv}).
   */
  public void csv(List<Row> rows, StructType schema, String name) {
    LocalCsv.write(rows, schema, new Path(csvPath(name)));
  }

  /** One CSV file: Spark writes a folder with one part file, which is then moved to csv/name.csv. */
  public void csv(Dataset<Row> df, String name) {
    df.sparkSession().sparkContext().setJobDescription("write " + name + ".csv");
    List<Column> cols = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      if (f.dataType() instanceof DoubleType) {
        cols.add(round(col(f.name()), CsvRules.DECIMALS).as(f.name()));
      } else if (f.dataType() instanceof StringType) {
        cols.add(CsvRules.neutralised(col(f.name())).as(f.name()));
      } else {
        cols.add(col(f.name()));
      }
    }
    Path target = new Path(csvPath(name));
    Path staging = new Path(target.getParent(), "." + name + ".csv.tmp");
    df.select(cols.toArray(new Column[0])).coalesce(1).write().mode(SaveMode.Overwrite)
        .option("header", true).option("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss'Z'")
        // RFC 4180: quotes inside a quoted field are doubled, not backslash-escaped
        .option("quote", "\"").option("escape", "\"")
        .option("emptyValue", "").csv(staging.toString());
    try {
      // the raw local file system: Spark's .crc side files stay behind in staging instead of following the CSV
      FileSystem fs = OutputCommitter.withoutChecksums(HadoopFs.of(target));
      Path part = null;
      for (FileStatus st : fs.listStatus(staging)) {
        if (st.getPath().getName().startsWith("part-")) {
          part = st.getPath();
        }
      }
      if (part == null) {
        throw new IllegalStateException("Spark wrote no part file for " + name + ".csv");
      }
      fs.delete(target, false);
      if (!fs.rename(part, target)) {
        throw new IOException("cannot move " + part + " to " + target);
      }
      fs.delete(staging, true);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + target, e);
    }
  }
}
