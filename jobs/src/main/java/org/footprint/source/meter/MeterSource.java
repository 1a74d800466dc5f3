package org.footprint.source.meter;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.footprint.conf.InputSpec;
import org.footprint.io.HadoopFs;
import org.footprint.io.PerFileRows;
import org.footprint.model.RejectCodes;
import org.footprint.model.Schemas;
import org.footprint.source.Counts;
import org.footprint.source.InputPlan;
import org.footprint.source.InputRecord;
import org.footprint.source.Source;
import org.footprint.source.SourceResult;

/**
 * Facility meter exports (CSV, one per cluster: {@link MeterCsvReader}) → the {@link SourceResult#METER_READINGS}
 * table the reconciliation table compares the jobs' energy with. Every data line is a record: readings used +
 * merged (the same meter and interval read again, first kept) + rejected.
 */
public final class MeterSource implements Source {
  static final String SOURCE = InputSpec.Source.METER.label();

  @Override
  public InputSpec.Source kind() {
    return InputSpec.Source.METER;
  }

  @Override
  public SourceResult read(SparkSession spark, Context ctx, List<InputSpec> inputs) {
    if (inputs.isEmpty()) {
      return SourceResult.empty(spark); // no meter: no reconciliation
    }
    Map<String, String> clusterOf = InputPlan.byFile(inputs, InputSpec::cluster);
    Map<String, String> specs = Map.copyOf(clusterOf);
    Dataset<Row> records = ctx.cache().cut(PerFileRows.files(spark, MeterLine.SCHEMA,
        new ArrayList<>(clusterOf.keySet()), path -> parseFile(path, specs.get(path)),
        (path, e) -> MeterLine.reject(specs.get(path), path, 0, null, InputRecord.unreadable(e)).toRow()));
    Dataset<Row> read = records.filter(col("kind").equalTo(MeterLine.READING))
        .withColumn("rn", row_number().over(Window.partitionBy(col("cluster"), col("meter"), col("at_utc"))
            .orderBy(col("file"), col("line"))));
    Dataset<Row> readings = Schemas.conform(read.filter(col("rn").equalTo(1)), "meter_readings");
    Dataset<Row> rejects = Schemas.conform(records.filter(col("kind").equalTo(InputRecord.REJECT))
        .withColumn("source", lit(SOURCE))
        .withColumn("reason_code", RejectCodes.of(col("reason"))), "rejects");
    Map<String, Long> filesByCluster = new TreeMap<>();
    clusterOf.values().forEach(c -> filesByCluster.merge(c, 1L, Long::sum));
    Dataset<Row> counts = Counts.of(SOURCE, Counts.files(spark, filesByCluster),
        Counts.each(records.select("cluster"), Counts.RECORDS_READ),
        Counts.each(records.filter(col("kind").equalTo(InputRecord.REJECT)).select("cluster"), Counts.REJECTED),
        Counts.each(read.filter(col("rn").gt(1)).select("cluster"), Counts.MERGED));
    return SourceResult.ofRecords(spark, rejects, counts).with(SourceResult.METER_READINGS, readings);
  }

  static Iterator<Row> parseFile(String path, String cluster) throws IOException {
    Path p = new Path(path);
    BufferedReader in = new BufferedReader(new InputStreamReader(HadoopFs.of(p).open(p), StandardCharsets.UTF_8));
    return PerFileRows.rows(new MeterCsvReader(cluster, path, in), MeterLine::toRow, in);
  }
}
