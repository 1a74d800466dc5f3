package org.footprint.source.inventory;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode_outer;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.footprint.conf.InputSpec;
import org.footprint.io.HadoopFs;
import org.footprint.io.CacheScope;
import org.footprint.io.PerFileRows;
import org.footprint.model.RejectCodes;
import org.footprint.model.Schemas;
import org.footprint.source.Counts;
import org.footprint.source.InputRecord;

/**
 * Reads Slurm node inventory dumps (scontrol -o show node, sinfo -N) into the node_inventory table (one row per
 * cluster, day, node and partition; schemas/node_inventory.ddl), rejects and counts. Every line is a record:
 * records_read = nodes used + merged + rejected, merged being the lines that repeat a node already read for the same
 * day and partition (two dumps of one night, a node listed twice).
 */
final class InventoryReader {
  static final String SOURCE = InputSpec.Source.INVENTORY.label();

  record Result(Dataset<Row> nodes, Dataset<Row> rejects, Dataset<Row> counts) {}

  /** How to read one file. */
  record How(String cluster, String format) implements Serializable {}

  private InventoryReader() {}

  static Result read(SparkSession spark, Map<String, How> files, CacheScope cache) {
    Map<String, How> specs = Map.copyOf(files);
    Dataset<Row> records = cache.cut(PerFileRows.files(spark, NodeLine.SCHEMA, new ArrayList<>(files.keySet()),
        path -> parseFile(path, specs.get(path)),
        (path, e) -> {
          How how = specs.get(path);
          return NodeLine.reject(how.cluster(), how.format(), path, 0, null, InputRecord.unreadable(e)).toRow();
        }));
    Dataset<Row> read = records.filter(col("kind").equalTo(NodeLine.NODE));
    Dataset<Row> nodes = read
        .withColumn("partition", explode_outer(col("partitions")))
        .withColumn("partition", coalesce(col("partition"), lit("")))
        .groupBy("cluster", "day", "node", "partition")
        .agg(first("cpus").as("cpus"), first("gpus").as("gpus"), first("gpu_type").as("gpu_type"),
            first("state").as("state"), first("in_service").as("in_service"), first("format").as("source"));
    Dataset<Row> rejects = Schemas.conform(records.filter(col("kind").equalTo(InputRecord.REJECT))
        .withColumn("source", lit(SOURCE))
        .withColumn("reason_code", RejectCodes.of(col("reason"))), "rejects");
    Map<String, Long> filesByCluster = new TreeMap<>();
    files.values().forEach(h -> filesByCluster.merge(h.cluster(), 1L, Long::sum));
    Column key = array_join(col("partitions"), ",");
    Dataset<Row> repeats = read.groupBy(col("cluster"), col("day"), col("node"), key.as("p"))
        .agg(count(lit(1)).minus(1).as(Counts.MERGED))
        .select("cluster", Counts.MERGED);
    Dataset<Row> counts = Counts.of(SOURCE, Counts.files(spark, filesByCluster),
        Counts.each(records.select("cluster"), Counts.RECORDS_READ),
        Counts.each(records.filter(col("kind").equalTo(InputRecord.REJECT)).select("cluster"), Counts.REJECTED),
        repeats);
    return new Result(Schemas.conform(nodes, "node_inventory"), rejects, counts);
  }

  static Iterator<Row> parseFile(String path, How how) throws IOException {
    Path p = new Path(path);
    BufferedReader in = new BufferedReader(new InputStreamReader(HadoopFs.of(p).open(p),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
    Iterator<NodeLine> parser = SinfoNodeReader.FORMAT.equals(how.format())
        ? new SinfoNodeReader(how.cluster(), path, in)
        : new ScontrolNodeReader(how.cluster(), path, in);
    return PerFileRows.rows(parser, NodeLine::toRow, in);
  }
}
