package org.footprint.source.intensity;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.footprint.conf.InputSpec;
import org.footprint.conf.MarginalConf;
import org.footprint.conf.Paths;
import org.footprint.source.Source;
import org.footprint.source.SourceResult;

/**
 * Carbon-intensity files → the {@link SourceResult#INTENSITY_HOURLY} and {@link SourceResult#INTENSITY_SLOTS}
 * tables, read on the driver ({@link IntensityLoader}). Its run_summary row (cluster null) is there even without
 * inputs: every job is then priced with the annual fallback. With {@code carbon.marginal}, the marginal series too
 * ({@link SourceResult#INTENSITY_MARGINAL}), its rejects and counts in the same intensity rows.
 */
public final class IntensitySource implements Source {
  @Override
  public InputSpec.Source kind() {
    return InputSpec.Source.INTENSITY;
  }

  @Override
  public SourceResult read(SparkSession spark, Context ctx, List<InputSpec> inputs) {
    List<IntensityLoader.Input> in = inputs.stream()
        .map(s -> new IntensityLoader.Input(s.options().format().toString(), s.files())).toList();
    IntensityLoader.Loaded loaded = IntensityLoader.load(spark, in, ctx.conf().carbon.signal);
    SourceResult average = SourceResult.ofRecords(spark, loaded.rejects(), loaded.counts())
        .with(SourceResult.INTENSITY_HOURLY, loaded.hourly())
        .with(SourceResult.INTENSITY_SLOTS, loaded.slots());
    MarginalConf marginal = ctx.conf().carbon.marginal;
    if (marginal == null) {
      return average;
    }
    // the optional marginal series: its rejects and counts join the average series' (run_summary, quality gate)
    MarginalIntensityCsv.Loaded m = MarginalIntensityCsv.load(spark, Paths.expand(ctx.conf(), marginal.path));
    return average.union(SourceResult.ofRecords(spark, m.rejects(), m.counts()))
        .with(SourceResult.INTENSITY_MARGINAL, m.slots());
  }
}
