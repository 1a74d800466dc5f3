package org.footprint.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.footprint.model.Schemas;

/**
 * What sources read: canonical {@code usage}, {@code rejects} and {@code skipped} rows (schemas/*.ddl), the
 * {@link Counts} of where every record went, and the tables a source adds for later steps by name
 * ({@link #GPU_SAMPLES}, {@link #OCCUPANCY}, {@link #INTENSITY_HOURLY}, {@link #INTENSITY_SLOTS},
 * {@link #SWEEP_SPECS}); results of
 * several sources {@link #union} into one.
 *
 * @param emptyInputs per "source/cluster", input files that held no record at all (an export that came out empty):
 *     counted as files and warnings; the quality gate refuses to let them empty a published day
 */
public record SourceResult(Dataset<Row> usage, Dataset<Row> rejects, Dataset<Row> skipped, Dataset<Row> counts,
    Map<String, Dataset<Row>> tables, Map<String, List<String>> emptyInputs) {
  /** Measured GPU power samples (schemas/gpu_samples.ddl): absent without power logs. */
  public static final String GPU_SAMPLES = "gpu_samples";
  /** Slurm allocations that held nodes, ended or running: who shared a node with whom. */
  public static final String OCCUPANCY = "occupancy";
  /** Hourly carbon intensity as published (schemas/intensity_hourly.ddl). */
  public static final String INTENSITY_HOURLY = "intensity_hourly";
  /** Carbon intensity at each zone's native grain (schemas/intensity_slots.ddl), what the carbon join integrates. */
  public static final String INTENSITY_SLOTS = "intensity_slots";
  /** What sweep tools' specs plan per sweep (schemas/sweep_specs.ddl): absent without Katib inputs. */
  public static final String SWEEP_SPECS = "sweep_specs";
  /** Nodes of the node inventory dumps (schemas/node_inventory.ddl): absent without them. */
  public static final String NODE_INVENTORY = "node_inventory";
  /** Facility meter readings (schemas/meter_readings.ddl): absent without a meter input. */
  public static final String METER_READINGS = "meter_readings";
  /** The optional marginal series (carbon.marginal) at its native grain (schemas/intensity_slots.ddl). */
  public static final String INTENSITY_MARGINAL = "intensity_marginal";

  public SourceResult {
    tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    emptyInputs = Collections.unmodifiableMap(new TreeMap<>(emptyInputs));
  }

  public SourceResult(Dataset<Row> usage, Dataset<Row> rejects, Dataset<Row> skipped, Dataset<Row> counts) {
    this(usage, rejects, skipped, counts, Map.of(), Map.of());
  }

  /** Nothing read. */
  public static SourceResult empty(SparkSession spark) {
    return new SourceResult(none(spark, Schemas.of("usage")), none(spark, Schemas.of("rejects")),
        none(spark, Schemas.of("skipped")), none(spark, Counts.SCHEMA));
  }

  /**
   * What a source whose records are not jobs read: its rejects and counts, no usage and no skipped rows; its
   * tables follow with {@link #with}.
   */
  public static SourceResult ofRecords(SparkSession spark, Dataset<Row> rejects, Dataset<Row> counts) {
    SourceResult none = empty(spark);
    return new SourceResult(none.usage, rejects, none.skipped, counts);
  }

  /** The same with one more table. */
  public SourceResult with(String table, Dataset<Row> rows) {
    Map<String, Dataset<Row>> t = new LinkedHashMap<>(tables);
    t.put(table, rows);
    return new SourceResult(usage, rejects, skipped, counts, t, emptyInputs);
  }

  /** The same with these empty inputs. */
  public SourceResult withEmptyInputs(Map<String, List<String>> empty) {
    return new SourceResult(usage, rejects, skipped, counts, tables, empty);
  }

  /** A table some source added, or null when none did. */
  public Dataset<Row> table(String name) {
    return tables.get(name);
  }

  /** Both results' rows; a table both have is the union of the two. */
  public SourceResult union(SourceResult other) {
    Map<String, Dataset<Row>> t = new LinkedHashMap<>(tables);
    other.tables.forEach((name, rows) -> t.merge(name, rows, Dataset::unionByName));
    Map<String, List<String>> empty = new TreeMap<>(emptyInputs);
    other.emptyInputs.forEach((key, files) -> empty.merge(key, files, (a, b) -> {
      List<String> all = new ArrayList<>(a);
      all.addAll(b);
      all.sort(null);
      return all;
    }));
    return new SourceResult(usage.unionByName(other.usage), rejects.unionByName(other.rejects),
        skipped.unionByName(other.skipped), counts.unionByName(other.counts), t, empty);
  }

  private static Dataset<Row> none(SparkSession spark, StructType schema) {
    return spark.createDataFrame(Collections.<Row>emptyList(), schema);
  }
}
