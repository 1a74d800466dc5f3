package org.footprint.model;

/**
 * Names of the job columns one package writes and another reads (schemas/jobs.ddl says what they hold). The
 * canonical usage columns the sources write (cluster, start_utc, gpu_count...) are named in schemas/usage.ddl.
 */
public final class Columns {
  /** source|cluster|job_id|job_id_raw|start: one allocation, the key the per-job side results join back on. */
  public static final String JOB_KEY = "job_key";

  // energy (energy.EnergyEstimate)
  public static final String PUE = "pue";
  public static final String ENERGY_IT_KWH = "energy_it_kwh";
  public static final String ENERGY_KWH = "energy_kwh";
  public static final String ENERGY_LOW_KWH = "energy_low_kwh";
  public static final String ENERGY_HIGH_KWH = "energy_high_kwh";
  public static final String ENERGY_METHOD = "energy_method";
  public static final String ENERGY_COVERAGE = "energy_coverage";
  public static final String ENERGY_NOTE = "energy_note";
  /** The method conf that made the job's numbers: its preset and any method key set apart from it. */
  public static final String METHOD = "method";
  /** The sampled GPU energy by UTC hour, array&lt;struct&lt;hour_utc, kwh&gt;&gt;: carbon follows it. */
  public static final String SAMPLED_HOURS = "sampled_hours";

  // the board and the model (energy.GpuModelResolver, energy.EnergyModel)
  public static final String GPU_MODEL = "gpu_model";
  public static final String GPU_HOURS = "gpu_hours";
  public static final String GPU_UTIL = "gpu_util";
  public static final String GPU_UTIL_METHOD = "gpu_util_method";
  public static final String WARNINGS = "warnings";

  // carbon (carbon.RegionResolver, carbon.HourlyIntensityJoin)
  public static final String REGION = "region";
  public static final String INTENSITY_G_PER_KWH = "intensity_g_per_kwh";
  public static final String CO2E_KG = "co2e_kg";
  public static final String CO2E_LOW_KG = "co2e_low_kg";
  public static final String CO2E_HIGH_KG = "co2e_high_kg";

  private Columns() {}
}
