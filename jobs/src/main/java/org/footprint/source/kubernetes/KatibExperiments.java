package org.footprint.source.kubernetes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.model.Literals;
import org.footprint.model.Schemas;

/**
 * The Katib Experiments of the inputs, one per experiment, and what their specs plan: the rows of
 * schemas/sweep_specs.ddl that by_sweep joins to the trials that ran, so that an experiment without a trial pod
 * yet still has its row.
 */
final class KatibExperiments {
  private static final Pattern MIG_PROFILE = Pattern.compile("\\d+g\\.\\d+gb");

  private KatibExperiments() {}

  /**
   * One row per experiment (cluster, namespace, name). The same experiment as a live dump (with status) and as a
   * spec from git: the one with a result wins, then the newest.
   */
  static Dataset<Row> latest(Dataset<Row> katib) {
    return katib.filter(col("kind").equalTo(KatibRecord.EXPERIMENT))
        .withColumn("rn", row_number().over(Window.partitionBy(col("cluster"), col("namespace"), col("name"))
            .orderBy(col("best_trial").isNotNull().desc(), col("creation_utc").desc_nulls_last(),
                col("file").desc(), col("line").desc())))
        .filter(col("rn").equalTo(1))
        .drop("rn");
  }

  /**
   * The plan of each experiment: planned, parallel and failed-trial limits as the spec sets them (null when it
   * does not), GPUs per trial from the trial template (whole boards plus MIG slices as a share of the board their
   * profile is cut from), user and project by the namespace rules pods are attributed by (an experiment has no
   * pod labels).
   */
  static Dataset<Row> specs(Dataset<Row> katib, FootprintConf.KubernetesConf k, OwnerMap owners,
      GpuProfiles profiles) {
    Column slices = try_element_at(Literals.doubleMap(boardSlices(profiles)), col("trial_mig_profile"));
    Column migBoards = when(col("trial_mig_slices").equalTo(0), lit(0.0))
        .otherwise(col("trial_mig_slices").divide(slices));
    Dataset<Row> experiments = latest(katib)
        .withColumn("labels", map().cast("map<string,string>"))
        .withColumn("annotations", map().cast("map<string,string>"));
    return Schemas.conform(Attribution.apply(experiments, k, owners)
        .withColumn("sweep_id", concat(lit("katib:"), col("namespace"), lit("/"), col("name")))
        .withColumn("planned_trials", col("max_trial_count"))
        .withColumn("parallel_trials", col("parallel_trial_count"))
        .withColumn("max_failed_trials", col("max_failed_trial_count"))
        .withColumn("gpus_per_trial", col("trial_gpus").plus(migBoards)), "sweep_specs");
  }

  /** MIG profile name (1g.10gb …) → compute slices of the board it is cut from, from the profiles' aliases. */
  static Map<String, Double> boardSlices(GpuProfiles profiles) {
    Map<String, Double> out = new LinkedHashMap<>();
    profiles.aliasToModel().forEach((alias, model) -> {
      GpuProfiles.Profile p = profiles.byModel().get(model);
      if (MIG_PROFILE.matcher(alias).matches() && p != null && p.migSlices() > 0) {
        out.put(alias, (double) p.migSlices());
      }
    });
    return out;
  }
}
