package org.footprint.energy;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.footprint.conf.Site;
import org.footprint.model.Columns;

/**
 * The job's energy columns, from what the methods propose. Each method ({@link EnergyModel}, {@link MeasuredEnergy},
 * {@link SampledMethod}) puts one candidate on the row, built by {@link #candidate}: its IT energy (before PUE) with
 * its low/high band, the share of the run it measured and a note — or null where it does not apply to the job. The
 * first candidate in the order measured > sampled > modelled is the job's estimate; its energy × the cluster's PUE
 * is the facility energy, here and nowhere else. A new method is one more candidate column in {@link #apply}'s chain.
 */
public final class EnergyEstimate {
  /** A candidate's fields: the method, IT kWh, its band, the share of the run measured, note, measured utilisation. */
  public static final DataType CANDIDATE = DataType.fromDDL("struct<method: string, it_kwh: double,"
      + " it_low_kwh: double, it_high_kwh: double, coverage: double, note: string, gpu_util: double>");

  /** The candidate chosen, while the energy columns are written from it. */
  private static final String ESTIMATE = "energy_estimate";

  private EnergyEstimate() {}

  /**
   * One method's proposal for a job, its energy before PUE.
   *
   * @param coverage share of the run the method measured (0 for the model, 1 for a meter)
   * @param note what was used, for energy_note (null: nothing to say)
   * @param gpuUtil the GPU utilisation the method measured where the model had only the default, else null
   */
  public static Column candidate(String method, Column itKwh, Column itLowKwh, Column itHighKwh, Column coverage,
      Column note, Column gpuUtil) {
    return struct(lit(method).as("method"), itKwh.as("it_kwh"), itLowKwh.as("it_low_kwh"),
        itHighKwh.as("it_high_kwh"), coverage.as("coverage"), note.as("note"), gpuUtil.as("gpu_util"))
        .cast(CANDIDATE);
  }

  /** The candidate of a method that applies to no job of the run. */
  public static Column noCandidate() {
    return lit(null).cast(CANDIDATE);
  }

  /**
   * @param jobs with the candidates of {@link MeasuredEnergy}, {@link SampledMethod} and {@link EnergyModel} (and
   *     MeasuredEnergy's reason for a reading it did not use), cluster, gpu_util, gpu_util_method
   * @return the jobs with pue, energy_it_kwh, energy_kwh, energy_low_kwh, energy_high_kwh, energy_method,
   *     energy_coverage, energy_note, method, and gpu_util / gpu_util_method from the samples where they measured it;
   *     without the candidates and the methods' scratch columns
   */
  public static Dataset<Row> apply(Dataset<Row> jobs, Site site) {
    // the precedence: the meter's reading, else the job's own GPU power samples, else the model; with
    // method.energy_source modelled (Green Algorithms reads no meter) the model for every job
    Column chosen = site.method().modelOnly() ? col(EnergyModel.CANDIDATE_COLUMN)
        : coalesce(col(MeasuredEnergy.CANDIDATE_COLUMN), col(SampledMethod.CANDIDATE_COLUMN),
            col(EnergyModel.CANDIDATE_COLUMN));
    Column estimateUtil = col(ESTIMATE + ".gpu_util");
    return jobs
        .withColumn(ESTIMATE, chosen)
        .withColumn(Columns.PUE, site.pue(col("cluster")))
        .withColumn(Columns.ENERGY_IT_KWH, col(ESTIMATE + ".it_kwh"))
        .withColumn(Columns.ENERGY_KWH, facility(ESTIMATE + ".it_kwh"))
        .withColumn(Columns.ENERGY_LOW_KWH, facility(ESTIMATE + ".it_low_kwh"))
        .withColumn(Columns.ENERGY_HIGH_KWH, facility(ESTIMATE + ".it_high_kwh"))
        .withColumn(Columns.ENERGY_METHOD, col(ESTIMATE + ".method"))
        // which method conf made the numbers: the preset and any key set apart from it
        .withColumn(Columns.METHOD, lit(site.method().description()))
        .withColumn(Columns.ENERGY_COVERAGE, col(ESTIMATE + ".coverage"))
        // a job whose meter reading was not used says why, unless the method used says what it used
        .withColumn(Columns.ENERGY_NOTE, coalesce(col(ESTIMATE + ".note"), notUsedByMethod(site),
            col(MeasuredEnergy.UNUSED_REASON)))
        .withColumn(Columns.GPU_UTIL_METHOD, when(estimateUtil.isNotNull(), col(ESTIMATE + ".method"))
            .otherwise(col(Columns.GPU_UTIL_METHOD)))
        .withColumn(Columns.GPU_UTIL, coalesce(estimateUtil, col(Columns.GPU_UTIL)))
        .drop(ESTIMATE, MeasuredEnergy.CANDIDATE_COLUMN, SampledMethod.CANDIDATE_COLUMN, EnergyModel.CANDIDATE_COLUMN,
            MeasuredEnergy.UNUSED_REASON)
        .drop(EnergyModel.SCRATCH.toArray(new String[0]));
  }

  /** With method.energy_source modelled, a job whose meter or power samples were set aside says so. */
  private static Column notUsedByMethod(Site site) {
    if (!site.method().modelOnly()) {
      return lit(null).cast("string");
    }
    return when(col(MeasuredEnergy.CANDIDATE_COLUMN).isNotNull(),
        lit("ConsumedEnergyRaw not used: method.energy_source modelled"))
        .when(col(SampledMethod.CANDIDATE_COLUMN).isNotNull(),
            lit("GPU power samples not used: method.energy_source modelled"));
  }

  /** Facility energy: IT energy × the cluster's PUE. */
  private static Column facility(String itKwh) {
    return facilityKwh(col(itKwh), col(Columns.PUE));
  }

  /** The one place facility energy is derived: IT energy × PUE (jobs here, idle capacity in by_cluster_day). */
  public static Column facilityKwh(Column itKwh, Column pue) {
    return itKwh.multiply(pue);
  }
}
