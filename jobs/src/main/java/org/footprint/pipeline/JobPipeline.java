package org.footprint.pipeline;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.carbon.EmbodiedEmissions;
import org.footprint.carbon.HourlyIntensityJoin;
import org.footprint.carbon.IntensitySteps;
import org.footprint.carbon.MarginalSignal;
import org.footprint.carbon.MarketBased;
import org.footprint.carbon.ShiftingCounterfactual;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.MarketConf;
import org.footprint.carbon.RegionResolver;
import org.footprint.conf.Site;
import org.footprint.conf.WhatifConf;
import org.footprint.energy.CostModel;
import org.footprint.energy.EnergyEstimate;
import org.footprint.energy.EnergyModel;
import org.footprint.energy.GpuModelResolver;
import org.footprint.energy.MeasuredEnergy;
import org.footprint.energy.SampledMethod;
import org.footprint.io.CacheScope;
import org.footprint.model.Columns;
import org.footprint.model.Schemas;
import org.footprint.sweep.SweepClassifier;

/**
 * Canonical usage rows (any source) → the jobs table (schemas/jobs.ddl), as the ordered list of steps {@link #of}
 * returns: GPU model, the energy methods and the estimate chosen from them, region, sweep, carbon, cost. Each step
 * is a plain function of the job rows in energy, carbon or sweep; this class only orders them and gives them what
 * they read.
 */
public final class JobPipeline {
  /** A step and its name (tests and profiles say which). */
  public record NamedStep(String name, JobStep step) {}

  private final List<NamedStep> steps;

  private JobPipeline(List<NamedStep> steps) {
    this.steps = List.copyOf(steps);
  }

  /**
   * @param occupancy every allocation holding nodes (cluster, occupant, nodes, start_utc, end_utc): measured energy
   *     is used only on nodes a job had to itself
   * @param samples GPU power samples (schemas/gpu_samples.ddl), or null when the run has none
   * @param intensity carbon intensity at each region's native grain (schemas/intensity_slots.ddl)
   * @param cache keeps what a step caches (the integrated power samples) until the run is done
   */
  public static JobPipeline of(Site site, Dataset<Row> occupancy, Dataset<Row> samples, Dataset<Row> intensity,
      CacheScope cache) {
    return of(site, occupancy, samples, intensity, CarbonSignals.NONE, cache);
  }

  /**
   * Location-based carbon's companions: market-based factors per cluster, the marginal series (null: none),
   * the counterfactual settings and the clusters' embodied factors.
   */
  public record CarbonSignals(Map<String, MarketConf> market, Dataset<Row> marginal, FootprintConf.CarbonConf carbon,
      Map<String, FootprintConf.ClusterConf> clusters, WhatifConf whatif) {
    public static final CarbonSignals NONE = new CarbonSignals(Map.of(), null, noCounterfactuals(), Map.of(),
        new WhatifConf());

    /** Without whatif settings: the defaults (the average series, the default interactive names). */
    public CarbonSignals(Map<String, MarketConf> market, Dataset<Row> marginal, FootprintConf.CarbonConf carbon,
        Map<String, FootprintConf.ClusterConf> clusters) {
      this(market, marginal, carbon, clusters, new WhatifConf());
    }

    /** The conf's: its clusters' market factors and embodied blocks, the carbon and whatif settings. */
    public static CarbonSignals of(Dataset<Row> marginal, FootprintConf conf) {
      return new CarbonSignals(MarketBased.of(conf), marginal, conf.carbon, conf.clusters, conf.whatif);
    }

    private static FootprintConf.CarbonConf noCounterfactuals() {
      FootprintConf.CarbonConf c = new FootprintConf.CarbonConf();
      c.counterfactuals = false;
      return c;
    }
  }

  public static JobPipeline of(Site site, Dataset<Row> occupancy, Dataset<Row> samples, Dataset<Row> intensity,
      CarbonSignals signals, CacheScope cache) {
    boolean hasSamples = samples != null;
    // the per-job side results (shared nodes, sampled energy, the sampled hours' intensity) are joined back on
    // job_key: partitioned by it once, the wide job rows stay in place and only the narrow sides are shuffled
    // (each join shuffled every job row again: two to three exchanges of the widest rows in the pipeline)
    boolean joinsBack = hasSamples || MeasuredEnergy.anyMeasuring(site);
    // method.intensity annual / method.g_per_kwh: no hourly values price the jobs (nor their counterfactuals)
    Dataset<Row> priced = site.method().hourlyIntensity() ? intensity : intensity.limit(0);
    // each series' step table is built once (a Spark job that reads the series) and handed to every step that
    // reads it: the carbon join, the marginal join, the counterfactuals; built when a step first asks for it
    Supplier<IntensitySteps> average = once(() -> IntensitySteps.of(priced, site.annualIntensity()));
    Map<String, Double> cfFallback = signals.carbon().fallbackGPerKwh;
    Supplier<IntensitySteps> cfAverage = cfFallback.equals(site.annualIntensity()) ? average
        : once(() -> IntensitySteps.of(priced, cfFallback));
    Supplier<IntensitySteps> marginal = signals.marginal() == null ? null
        : once(() -> IntensitySteps.of(signals.marginal(), MarginalSignal.FALLBACK));
    return new JobPipeline(List.of(
        new NamedStep("job_key", JobPipeline::withJobKey),
        new NamedStep("partition_by_job_key", jobs -> joinsBack ? jobs.repartition(col(Columns.JOB_KEY)) : jobs),
        new NamedStep("gpu_model", jobs -> GpuModelResolver.apply(jobs, site)),
        new NamedStep("modelled_energy", jobs -> EnergyModel.apply(jobs, site)),
        new NamedStep("measured_energy", jobs -> MeasuredEnergy.apply(jobs, occupancy, site)),
        new NamedStep("sampled_energy", jobs -> SampledMethod.apply(jobs, samples, site, cache)),
        new NamedStep("energy_estimate", jobs -> EnergyEstimate.apply(jobs, site)),
        // the carbon steps read the jobs twice (their own interval and the sampled hours): below this, each would
        // carry — and plan again for every column — a copy of everything that made the energy
        new NamedStep("energy_checkpoint", cache::cut),
        new NamedStep("region", jobs -> RegionResolver.apply(jobs, site)),
        new NamedStep("sweep", jobs -> SweepClassifier.apply(jobs, site.sweeps())),
        new NamedStep("carbon",
            jobs -> HourlyIntensityJoin.apply(jobs, average.get(), site.annualIntensity(), hasSamples)),
        new NamedStep("embodied", jobs -> EmbodiedEmissions.apply(jobs, signals.clusters())), // scope 3
        new NamedStep("market_based", jobs -> MarketBased.apply(jobs, signals.market())),
        new NamedStep("marginal", jobs -> MarginalSignal.apply(jobs, marginal == null ? null : marginal.get())),
        new NamedStep("counterfactuals", jobs -> ShiftingCounterfactual.apply(jobs, cfAverage, marginal,
            signals.carbon(), signals.whatif())),
        new NamedStep("cost", jobs -> CostModel.apply(jobs, site)),
        new NamedStep("jobs_table", jobs -> jobsTable(jobs, site.dayZone()))));
  }

  /** The supplier's value, computed on the first get() and kept (the steps stay functions of their input). */
  private static <T> Supplier<T> once(Supplier<T> compute) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = compute.get();
        }
        return value;
      }
    };
  }

  public List<NamedStep> steps() {
    return steps;
  }

  /** The usage rows through every step: the jobs table (a plan; nothing is executed but the intensity steps). */
  public Dataset<Row> apply(Dataset<Row> usage) {
    Dataset<Row> jobs = usage;
    for (NamedStep s : steps) {
      jobs = s.step().apply(jobs);
    }
    return jobs;
  }

  private static Dataset<Row> withJobKey(Dataset<Row> usage) {
    return usage.withColumn(Columns.JOB_KEY, concat_ws("|", col("source"), col("cluster"), col("job_id"),
        coalesce(col("job_id_raw"), lit("")), col("start_utc").cast("string")));
  }

  private static Dataset<Row> jobsTable(Dataset<Row> jobs, String dayZone) {
    return Schemas.conform(jobs.withColumn("failed", col("state").notEqual("COMPLETED"))
        .withColumn("nodes", concat_ws(",", col("nodes")))
        .withColumn("day", Days.day(col("end_utc"), dayZone)), "jobs");
  }
}
