package org.footprint.source.kubernetes;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.conf.InputSpec;
import org.footprint.io.CacheScope;
import org.footprint.model.RejectCodes;
import org.footprint.model.Schemas;
import org.footprint.source.Counts;
import org.footprint.source.SourceResult;

/**
 * kubectl dumps of one or more clusters → canonical usage rows (source {@code kubernetes}), one per pod run.
 * What it caches for the several outputs goes to the caller's {@link CacheScope}.
 * Every pod object read ends in exactly one place:
 * <ul>
 *   <li>usage: the most final snapshot of a pod uid that ran and ended (or, with include_running, still runs);</li>
 *   <li>merged: the uid's other snapshots ({@link PodDedup});</li>
 *   <li>skipped: never started, still running at its last snapshot, or not a Pod at all ({@link PodInterval});</li>
 *   <li>rejected: unreadable objects and files, and pods whose end cannot be known.</li>
 * </ul>
 * Nodes and Katib objects describe the pods and are not records themselves; an unreadable nodes or katib file is
 * still one record read and one reject, so {@code records_read = usage + merged + skipped + rejected} holds.
 */
public final class KubernetesUsage {
  public static final String SOURCE = InputSpec.Source.KUBERNETES.label();

  /** One cluster's kubectl dumps. */
  public record Inputs(String cluster, List<String> podFiles, List<String> nodeFiles, List<String> katibFiles)
      implements Serializable {
    /** Every file once, pods then nodes then Katib (a file named in two roles counts once). */
    public Set<String> files() {
      Set<String> all = new LinkedHashSet<>(podFiles);
      all.addAll(nodeFiles);
      all.addAll(katibFiles);
      return all;
    }
  }

  private KubernetesUsage() {}

  /** What each cluster's reading caches goes to {@code cache}. */
  public static SourceResult build(SparkSession spark, List<Inputs> inputs, FootprintConf conf, GpuProfiles profiles,
      CacheScope cache) {
    SourceResult all = null;
    for (Inputs in : byCluster(inputs)) {
      FootprintConf.ClusterConf cc = conf.clusters.get(in.cluster());
      FootprintConf.KubernetesConf k = cc == null || cc.kubernetes == null
          ? new FootprintConf.KubernetesConf() : cc.kubernetes;
      SourceResult one = buildCluster(spark, in, k, conf, profiles, cache);
      all = all == null ? one : all.union(one);
    }
    return all != null ? all : SourceResult.empty(spark);
  }

  private static SourceResult buildCluster(SparkSession spark, Inputs in, FootprintConf.KubernetesConf k,
      FootprintConf conf, GpuProfiles profiles, CacheScope cache) {
    String cluster = in.cluster();
    // read once, used by every branch below (dedup, counts, rejects): without this each would re-read the dumps
    Dataset<Row> records = cache.cut(PodJsonReader.read(spark, cluster, in.podFiles()));
    // small reference data, each used for the joins and for its rejects
    Dataset<Row> nodes = cache.cut(NodeJsonReader.read(spark, cluster, in.nodeFiles()));
    Dataset<Row> katib = cache.cut(KatibReader.read(spark, cluster, in.katibFiles()));

    Dataset<Row> pods = PodDedup.withSnapshotTime(records.filter(col("kind").equalTo(PodRecord.POD)));
    PodDedup.Folded folded = PodDedup.fold(pods);
    // one row per pod run, feeding usage, skipped, rejects and counts: computed once
    Dataset<Row> decided = PodInterval.apply(folded.kept(), k.includeRunning)
        .withColumn("job_id", concat(col("namespace"), lit("/"), col("name")));
    decided = cache.cut(decided);

    Dataset<Row> used = decided.filter(col("outcome").equalTo(PodInterval.USAGE));
    used = NodeFacts.attach(used, nodes, k, profiles);
    OwnerMap owners = OwnerMap.load(conf, k);
    used = Attribution.apply(used, k, owners);
    used = OwnerResolution.apply(used, katib, k.sweepLabels);
    Dataset<Row> usage = Schemas.conform(used
        .withColumn("source", lit(SOURCE))
        .withColumn("job_id_raw", col("uid"))
        .withColumn("array_parent", lit(null).cast("string"))
        .withColumn("het_parent", lit(null).cast("string"))
        // the job's name: its controller (Job, PyTorchJob, Trial …) when it has one, else the pod's own
        .withColumn("name", coalesce(col("owner_name"), col("name")))
        .withColumn("partition", col("namespace"))
        .withColumn("submit_utc", col("creation_utc"))
        .withColumn("nodes", when(col("node_name").isNotNull(), array(col("node_name"))))
        .withColumn("node_count", when(col("node_name").isNotNull(), lit(1)))
        .withColumn("cpu_seconds", lit(null).cast("double"))
        .withColumn("gpu_util", lit(null).cast("double"))
        .withColumn("energy_measured_j", lit(null).cast("double"))
        .withColumn("comment", lit(null).cast("string"))
        .withColumn("wckey", lit(null).cast("string"))
        .withColumn("start_estimated", lit(false))
        // a pod's qosClass (Guaranteed, Burstable, BestEffort) is about eviction, not a scheduler's QoS
        .withColumn("qos", lit(null).cast("string"))
        .withColumn("notes", Notes.join(col("interval_note"), col("node_note"), col("sweep_note"))), "usage");

    Dataset<Row> others = records.filter(col("kind").equalTo(PodRecord.OTHER));
    Dataset<Row> skippedPods = decided.filter(col("outcome").equalTo(PodInterval.SKIPPED));
    Dataset<Row> skipped = Schemas.conform(skippedPods.unionByName(others
            .withColumn("job_id", concat_ws("/", col("namespace"), col("name")))
            .withColumn("state", lit(null).cast("string"))
            .withColumn("reason", concat(lit("not a Pod (kind "), col("object_kind"), lit("): a pods input holds pods"))),
            true)
        .withColumn("source", lit(SOURCE)), "skipped");

    Dataset<Row> rejectedPods = decided.filter(col("outcome").equalTo(PodInterval.REJECTED))
        .withColumn("raw", concat(col("job_id"), lit(" uid="), col("uid"), lit(" phase="),
            coalesce(col("phase"), lit("(none)"))));
    Dataset<Row> fileRejects = records.filter(col("kind").equalTo(PodRecord.REJECT)).select(rejectCols())
        .unionByName(nodes.filter(col("kind").equalTo(NodeRecord.REJECT)).select(rejectCols()))
        .unionByName(katib.filter(col("kind").equalTo(KatibRecord.REJECT)).select(rejectCols()));
    Dataset<Row> rejects = Schemas.conform(fileRejects.unionByName(rejectedPods.select(rejectCols()))
        .withColumn("source", lit(SOURCE))
        .withColumn("reason_code", RejectCodes.of(col("reason"))), "rejects");

    // where every record went, added up in one aggregation; nodes and Katib objects are not records, but an
    // unreadable nodes or katib file is one record read and rejected
    Column kind = col("kind");
    Dataset<Row> referenceRejects = nodes.filter(kind.equalTo(NodeRecord.REJECT)).select("cluster")
        .unionByName(katib.filter(kind.equalTo(KatibRecord.REJECT)).select("cluster"));
    Dataset<Row> counts = Counts.of(SOURCE,
        Counts.files(spark, Map.of(cluster, (long) in.files().size())),
        records.select(col("cluster"), lit(1L).as(Counts.RECORDS_READ),
            Counts.oneIf(kind.equalTo(PodRecord.OTHER), Counts.SKIPPED),
            Counts.oneIf(kind.equalTo(PodRecord.REJECT), Counts.REJECTED)),
        Counts.each(folded.merged(), Counts.MERGED),
        // the outcomes "skipped" and "rejected" of PodInterval
        decided.select(col("cluster"), Counts.oneIf(col("outcome").equalTo(PodInterval.SKIPPED), Counts.SKIPPED),
            Counts.oneIf(col("outcome").equalTo(PodInterval.REJECTED), Counts.REJECTED)),
        referenceRejects.select(col("cluster"), lit(1L).as(Counts.RECORDS_READ), lit(1L).as(Counts.REJECTED)));
    SourceResult result = new SourceResult(usage, rejects, skipped, counts)
        .with(SourceResult.SWEEP_SPECS, KatibExperiments.specs(katib, k, owners, profiles));
    // the nodes are capacity too (by_cluster_day)
    return in.nodeFiles().isEmpty() ? result : result.with(SourceResult.NODE_INVENTORY, NodeInventory.of(nodes));
  }

  private static Column[] rejectCols() {
    return new Column[] {col("cluster"), col("file"), col("line"), col("raw"), col("reason")};
  }

  /** Several entries for one cluster (one per conf input line) are one cluster's dumps. */
  static List<Inputs> byCluster(List<Inputs> inputs) {
    Map<String, List<List<String>>> merged = new LinkedHashMap<>();
    for (Inputs in : inputs) {
      List<List<String>> lists = merged.computeIfAbsent(in.cluster(),
          c -> List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
      lists.get(0).addAll(orEmpty(in.podFiles()));
      lists.get(1).addAll(orEmpty(in.nodeFiles()));
      lists.get(2).addAll(orEmpty(in.katibFiles()));
    }
    List<Inputs> out = new ArrayList<>();
    merged.forEach((c, l) -> out.add(new Inputs(c, l.get(0), l.get(1), l.get(2))));
    return out;
  }

  private static List<String> orEmpty(List<String> l) {
    return l == null ? Collections.emptyList() : l;
  }
}
