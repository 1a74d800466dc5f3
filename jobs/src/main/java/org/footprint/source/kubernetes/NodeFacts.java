package org.footprint.source.kubernetes;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.model.Literals;

/**
 * Puts each pod on its node: board (gpu_type), GPU count in whole-board equivalents, carbon zone.
 * <ul>
 *   <li>the node's latest object (a node recreated under its name replaces the old one) joined on
 *       (cluster, node name); a node missing from the dump takes the first matching
 *       {@code kubernetes.node_defaults} pattern (model, region, replicas), with a note;</li>
 *   <li>gpu_count = nvidia.com/gpu ÷ replicas (× g/slices on a MIG single-strategy node)
 *       + nvidia.com/gpu.shared ÷ replicas + MIG slices g ÷ the board's slices (7 on A100/H100) + amd.com/gpu;</li>
 *   <li>region = {@code kubernetes.region_zones} of the node's region label (else its zone label, else the
 *       default's region, which may itself be a region_zones key or a carbon zone); null leaves it to the
 *       cluster's region downstream.</li>
 * </ul>
 */
final class NodeFacts {
  /** A100 and H100 boards split into 7 compute slices; used when the board has no profile. */
  static final double DEFAULT_MIG_SLICES = 7.0;

  private NodeFacts() {}

  static Dataset<Row> attach(Dataset<Row> pods, Dataset<Row> nodes, FootprintConf.KubernetesConf k,
      GpuProfiles profiles) {
    Dataset<Row> latest = nodes.filter(col("kind").equalTo(NodeRecord.NODE))
        .withColumn("rn", row_number().over(Window.partitionBy(col("cluster"), col("node"))
            .orderBy(col("creation_utc").desc_nulls_last(), col("file").desc(), col("line").desc())))
        .filter(col("rn").equalTo(1))
        .select(col("cluster"), col("node").as("node_name"), lit(true).as("node_known"),
            col("gpu_base").as("n_gpu_base"), col("mig_single_g").as("n_mig_single_g"),
            col("replicas").as("n_replicas"), col("region_label").as("n_region_label"),
            col("zone_label").as("n_zone_label"));
    Dataset<Row> df = pods.join(latest, new String[] {"cluster", "node_name"}, "left");

    List<FootprintConf.NodeDefault> defaults = k.nodeDefaults;
    Column defIndex = lit(null).cast("int");
    for (int i = defaults.size() - 1; i >= 0; i--) {
      defIndex = when(coalesce(col("node_name").rlike(defaults.get(i).pattern), lit(false)), lit(i + 1))
          .otherwise(defIndex);
    }
    Column defPattern = pick(defIndex, defaults.stream().map(d -> d.pattern).toList(), "string");
    Column defModel = pick(defIndex, defaults.stream().map(d -> d.gpuModel).toList(), "string");
    Column defRegion = pick(defIndex, defaults.stream().map(d -> d.region).toList(), "string");
    Column defReplicas = pick(defIndex, defaults.stream().map(d -> d.gpuReplicas).toList(), "int");

    Map<String, Double> migSlices = new LinkedHashMap<>();
    profiles.byModel().forEach((m, p) -> migSlices.put(m, (double) p.migSlices()));
    Column zones = Literals.stringMap(k.regionZones);

    Column known = coalesce(col("node_known"), lit(false));
    Column gpuTypeAny = coalesce(col("n_gpu_base"), lower(defModel), col("mig_profile"));
    Column replicas = coalesce(col("n_replicas"), defReplicas, lit(1)).cast("double");
    Column board = try_element_at(Literals.stringMap(profiles.aliasToModel()), gpuTypeAny);
    Column boardSlicesKnown = try_element_at(Literals.doubleMap(migSlices), board);
    Column boardSlices = when(boardSlicesKnown.gt(0), boardSlicesKnown).otherwise(lit(DEFAULT_MIG_SLICES));
    Column singleMig = col("n_mig_single_g").isNotNull();
    Column perNvidia = when(singleMig, col("n_mig_single_g").divide(boardSlices)).otherwise(lit(1.0));
    Column gpuCount = col("gpu_nvidia").multiply(perNvidia).divide(replicas)
        .plus(col("gpu_shared").divide(replicas))
        .plus(col("mig_slices").divide(boardSlices))
        .plus(col("gpu_amd"));
    Column isMig = col("mig_slices").gt(0).or(singleMig.and(col("gpu_nvidia").gt(0)));
    Column timeSliced = replicas.gt(1).and(col("gpu_nvidia").plus(col("gpu_shared")).gt(0));
    Column region = coalesce(try_element_at(zones, col("n_region_label")), try_element_at(zones, col("n_zone_label")),
        try_element_at(zones, defRegion), defRegion);

    Column nodeNote = when(col("node_name").isNotNull().and(not(known)), when(defIndex.isNotNull(),
            concat(lit("node "), col("node_name"), lit(" not in the nodes dump: node_defaults pattern "), defPattern,
                lit(" used")))
        .otherwise(concat(lit("node "), col("node_name"),
            lit(" not in the nodes dump and no node_defaults pattern matches: cluster defaults used"))));
    Column regionNote = when(region.isNull().and(col("n_region_label").isNotNull()),
        concat(lit("node region "), col("n_region_label"), lit(" not in kubernetes.region_zones: cluster region used")));
    Column migNote = when(isMig.and(boardSlicesKnown.isNull().or(boardSlicesKnown.leq(0))),
        lit("MIG slices on a board without MIG profile: 7 slices per board assumed"));
    Column shareNote = when(timeSliced, concat(lit("time-sliced GPU: 1/"), format_number(replicas, 0),
        lit(" of a board per replica")));

    return df
        .withColumn("gpu_count", gpuCount)
        .withColumn("gpu_type", when(gpuCount.gt(0), gpuTypeAny))
        .withColumn("gpu_mig", isMig)
        .withColumn("region", region)
        .withColumn("node_note", Notes.join(nodeNote, regionNote, migNote, shareNote))
        .drop("node_known", "n_gpu_base", "n_mig_single_g", "n_replicas", "n_region_label", "n_zone_label");
  }

  /** The i-th (1-based) conf value, null for no match: a literal array, so no per-row lookup code. */
  private static Column pick(Column index, List<?> values, String type) {
    if (values.isEmpty()) {
      return lit(null).cast(type);
    }
    Column[] lits = values.stream().map(v -> lit(v).cast(type)).toArray(Column[]::new);
    return when(index.isNotNull(), try_element_at(array(lits), index));
  }
}
