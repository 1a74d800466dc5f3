package org.footprint.source.kubernetes;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.FootprintConf;

/**
 * The sweep a pod belongs to. Katib's webhook labels trial pods {@code katib.kubeflow.org/experiment} and
 * {@code katib.kubeflow.org/trial}; its suggestion pods carry only the experiment label (search overhead of the
 * sweep). Without labels (namespaces without the webhook) the owner chain Pod → Job/PyTorchJob/… → Trial →
 * Experiment is followed, as three equi-joins on (cluster, namespace, kind/name):
 * <ol>
 *   <li>the pod's owner, when the Katib inputs hold that object and it is owned by a Trial → that Trial;</li>
 *   <li>else the owner's own name: Katib names a trial's workload after the trial, and the candidate only counts
 *       when a Trial of that name exists;</li>
 *   <li>the Trial's Experiment (its ownerReference or label) → search kind and best trial.</li>
 * </ol>
 * Pods outside Katib may match a configured {@code kubernetes.sweep_labels} key instead (role trial, or suggestion
 * when the entry names a trial label key and the pod lacks it).
 * Adds sweep_id ({@code katib:<namespace>/<experiment>}, or {@code <label key>:<namespace>/<value>}),
 * sweep_kind, sweep_role (trial | suggestion), sweep_best, sweep_note.
 */
final class OwnerResolution {
  static final String EXPERIMENT_LABEL = "katib.kubeflow.org/experiment";
  static final String TRIAL_LABEL = "katib.kubeflow.org/trial";

  private OwnerResolution() {}

  static Dataset<Row> apply(Dataset<Row> pods, Dataset<Row> katib, List<FootprintConf.SweepLabels> sweepLabels) {
    Column expLabel = label(EXPERIMENT_LABEL);
    Column trialLabel = label(TRIAL_LABEL);

    Dataset<Row> owned = katib.filter(col("kind").equalTo(KatibRecord.OWNED))
        .filter(col("owner_kind").equalTo("Trial"))
        .select(col("cluster"), col("namespace"), col("object_kind").as("owner_kind"), col("name").as("owner_name"),
            col("owner_name").as("owned_by_trial"))
        .dropDuplicates("cluster", "namespace", "owner_kind", "owner_name");
    Dataset<Row> trials = katib.filter(col("kind").equalTo(KatibRecord.TRIAL))
        .select(col("cluster"), col("namespace"), col("name").as("trial_key"),
            col("experiment").as("trial_experiment"), lit(true).as("trial_known"))
        .dropDuplicates("cluster", "namespace", "trial_key");
    Dataset<Row> experiments = KatibExperiments.latest(katib)
        .select(col("cluster"), col("namespace"), col("name").as("experiment_name"),
            col("sweep_kind").as("exp_kind"), col("best_trial"), lit(true).as("exp_known"));

    Dataset<Row> df = pods
        .join(owned, new String[] {"cluster", "namespace", "owner_kind", "owner_name"}, "left")
        .withColumn("trial_key", coalesce(trialLabel, col("owned_by_trial"), col("owner_name")))
        .join(trials, new String[] {"cluster", "namespace", "trial_key"}, "left");
    Column trial = when(trialLabel.isNotNull(), trialLabel).when(col("trial_known"), col("trial_key"));
    df = df.withColumn("trial_name", trial)
        .withColumn("experiment_name", coalesce(expLabel, col("trial_experiment")))
        .join(experiments, new String[] {"cluster", "namespace", "experiment_name"}, "left");

    Column katibSweep = col("experiment_name").isNotNull();
    Column labelId = lit(null).cast("string");
    Column labelKind = lit(null).cast("string");
    Column labelRole = lit(null).cast("string");
    for (int i = sweepLabels.size() - 1; i >= 0; i--) {
      FootprintConf.SweepLabels s = sweepLabels.get(i);
      Column v = label(s.experiment);
      // as with Katib: when the tool names its trials, a pod of the sweep without a trial label is its overhead
      Column role = s.trial == null || s.trial.isBlank() ? lit("trial")
          : when(label(s.trial).isNotNull(), lit("trial")).otherwise(lit("suggestion"));
      labelId = when(v.isNotNull(), concat(lit(s.experiment + ":"), col("namespace"), lit("/"), v)).otherwise(labelId);
      labelKind = when(v.isNotNull(), lit(s.kind)).otherwise(labelKind);
      labelRole = when(v.isNotNull(), role).otherwise(labelRole);
    }
    Column viaOwners = katibSweep.and(trialLabel.isNull()).and(col("trial_name").isNotNull());
    return df
        .withColumn("sweep_id", when(katibSweep,
            concat(lit("katib:"), col("namespace"), lit("/"), col("experiment_name"))).otherwise(labelId))
        .withColumn("sweep_kind", when(katibSweep, col("exp_kind")).otherwise(labelKind))
        .withColumn("sweep_role", when(katibSweep, when(col("trial_name").isNotNull(), lit("trial"))
                .otherwise(lit("suggestion")))
            .otherwise(labelRole))
        .withColumn("sweep_best", when(katibSweep.and(col("best_trial").isNotNull()),
            coalesce(col("trial_name").equalTo(col("best_trial")), lit(false))))
        .withColumn("sweep_note", when(katibSweep.and(not(coalesce(col("exp_known"), lit(false)))),
                concat(lit("Katib experiment "), col("namespace"), lit("/"), col("experiment_name"),
                    lit(" not in the katib inputs: sweep kind unknown")))
            .when(viaOwners, lit("trial found through ownerReferences (pod has no Katib labels)")))
        .drop("owned_by_trial", "trial_key", "trial_experiment", "trial_known", "exp_kind", "best_trial",
            "exp_known");
  }

  /** a label's value, null when absent or blank. */
  private static Column label(String key) {
    Column v = try_element_at(col("labels"), lit(key));
    return when(trim(v).notEqual(""), v);
  }
}
