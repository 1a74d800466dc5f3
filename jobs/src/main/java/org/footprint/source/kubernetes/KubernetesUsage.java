package org.footprint.source.kubernetes;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
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
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.source.slurm.SlurmUsage;
import org.footprint.model.Schemas;

/**
 * kubectl dumps of one or more clusters → canonical usage rows (source {@code kubernetes}), one per pod run.
 * The result's {@code persisted} lists what was cached for the several outputs; the caller unpersists it.
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
  public static final String SOURCE = "kubernetes";

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

  static final StructType COUNTS = StructType.fromDDL("cluster STRING, category STRING, n BIGINT");

  private KubernetesUsage() {}

  public static SlurmUsage.Result build(SparkSession spark, List<Inputs> inputs, FootprintConf conf,
      GpuProfiles profiles) {
    SlurmUsage.Result all = null;
    for (Inputs in : byCluster(inputs)) {
      FootprintConf.ClusterConf cc = conf.clusters.get(in.cluster());
      FootprintConf.KubernetesConf k = cc == null || cc.kubernetes == null
          ? new FootprintConf.KubernetesConf() : cc.kubernetes;
      SlurmUsage.Result one = buildCluster(spark, in, k, conf, profiles);
      if (all == null) {
        all = one;
      } else {
        List<Dataset<Row>> persisted = new ArrayList<>(all.persisted());
        persisted.addAll(one.persisted());
        all = new SlurmUsage.Result(all.usage().unionByName(one.usage()), all.rejects().unionByName(one.rejects()),
            all.skipped().unionByName(one.skipped()), all.counts().unionByName(one.counts()), persisted);
      }
    }
    return all != null ? all : new SlurmUsage.Result(empty(spark, Schemas.of("usage")),
        empty(spark, Schemas.of("rejects")), empty(spark, Schemas.of("skipped")), empty(spark, COUNTS));
  }

  private static SlurmUsage.Result buildCluster(SparkSession spark, Inputs in, FootprintConf.KubernetesConf k,
      FootprintConf conf, GpuProfiles profiles) {
    String cluster = in.cluster();
    // read once, used by every branch below (dedup, counts, rejects): without this each would re-read the dumps
    Dataset<Row> records = PodJsonReader.read(spark, cluster, in.podFiles()).persist(StorageLevel.MEMORY_AND_DISK());
    // small reference data, each used for the joins and for its rejects
    Dataset<Row> nodes = NodeJsonReader.read(spark, cluster, in.nodeFiles()).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> katib = KatibReader.read(spark, cluster, in.katibFiles()).persist(StorageLevel.MEMORY_AND_DISK());

    Dataset<Row> pods = PodDedup.withSnapshotTime(records.filter(col("kind").equalTo(PodRecord.POD)));
    PodDedup.Folded folded = PodDedup.fold(pods);
    // one row per pod run, feeding usage, skipped, rejects and counts: computed once
    Dataset<Row> decided = PodInterval.apply(folded.kept(), k.includeRunning)
        .withColumn("job_id", concat(col("namespace"), lit("/"), col("name")))
        .persist(StorageLevel.MEMORY_AND_DISK());

    Dataset<Row> used = decided.filter(col("outcome").equalTo(PodInterval.USAGE));
    used = NodeFacts.attach(used, nodes, k, profiles);
    used = Attribution.apply(used, k, OwnerMap.load(conf, k));
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
        .withColumn("reason_code", org.footprint.model.RejectCodes.of(col("reason"))), "rejects");

    // where every record went, as one (cluster, category) row each, counted in a single aggregation; the
    // outcomes "skipped" and "rejected" of PodInterval are the category names themselves
    Column podFate = when(col("kind").equalTo(PodRecord.OTHER), lit("skipped"))
        .when(col("kind").equalTo(PodRecord.REJECT), lit("rejected"));
    Dataset<Row> referenceRejects = nodes.filter(col("kind").equalTo(NodeRecord.REJECT)).select("cluster")
        .unionByName(katib.filter(col("kind").equalTo(KatibRecord.REJECT)).select("cluster"));
    Dataset<Row> fates = records.select(col("cluster"), lit("records_read").as("category"))
        .union(records.filter(podFate.isNotNull()).select(col("cluster"), podFate))
        .union(folded.merged().select(col("cluster"), lit("merged")))
        .union(decided.filter(col("outcome").notEqual(PodInterval.USAGE)).select(col("cluster"), col("outcome")))
        .union(referenceRejects.select(col("cluster"), lit("records_read")))
        .union(referenceRejects.select(col("cluster"), lit("rejected")));
    long fileCount = in.files().size();
    Dataset<Row> counts = spark.createDataFrame(List.of(RowFactory.create(cluster, "files", fileCount)),
            COUNTS)
        .union(fates.groupBy("cluster", "category").agg(count(lit(1)).as("n")));
    return new SlurmUsage.Result(usage, rejects, skipped, counts, List.of(records, nodes, katib, decided));
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

  private static Dataset<Row> empty(SparkSession spark, StructType schema) {
    return spark.createDataFrame(Collections.<Row>emptyList(), schema);
  }
}
