package org.footprint.source.power;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.footprint.conf.InputSpec;
import org.footprint.source.InputPlan;
import org.footprint.source.Source;
import org.footprint.source.SourceResult;

/**
 * GPU power logs (nvidia-smi CSV, dcgm-exporter scrapes) → the {@link SourceResult#GPU_SAMPLES} table that sampled
 * energy integrates per job; the samples are not jobs.
 */
public final class PowerSource implements Source {
  @Override
  public InputSpec.Source kind() {
    return InputSpec.Source.POWER;
  }

  @Override
  public SourceResult read(SparkSession spark, Context ctx, List<InputSpec> inputs) {
    if (inputs.isEmpty()) {
      return SourceResult.empty(spark); // and no samples table: energy is modelled
    }
    PowerSampleReader.Result power = PowerSampleReader.read(spark, InputPlan.byFile(inputs,
        in -> new PowerInput(in.cluster(), in.type().toString(), ctx.timeZone(in.cluster()), in.options().fields(),
            in.options().nodeFromFile())), ctx.cache());
    return new SourceResult(SourceResult.empty(spark).usage(), power.rejects(), power.skipped(), power.counts())
        .with(SourceResult.GPU_SAMPLES, power.samples());
  }
}
