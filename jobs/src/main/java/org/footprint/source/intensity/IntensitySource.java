package org.footprint.source.intensity;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.footprint.conf.InputSpec;
import org.footprint.source.Source;
import org.footprint.source.SourceResult;

/**
 * Carbon-intensity files → the {@link SourceResult#INTENSITY_HOURLY} and {@link SourceResult#INTENSITY_SLOTS}
 * tables, read on the driver ({@link IntensityLoader}). Its run_summary row (cluster null) is there even without
 * inputs: every job is then priced with the annual fallback.
 */
public final class IntensitySource implements Source {
  @Override
  public InputSpec.Source kind() {
    return InputSpec.Source.INTENSITY;
  }

  @Override
  public boolean yieldsJobs() {
    return false;
  }

  @Override
  public SourceResult read(SparkSession spark, Context ctx, List<InputSpec> inputs) {
    List<IntensityLoader.Input> in = inputs.stream()
        .map(s -> new IntensityLoader.Input(s.options().format().toString(), s.files())).toList();
    IntensityLoader.Loaded loaded = IntensityLoader.load(spark, in, ctx.conf().carbon.signal);
    SourceResult none = SourceResult.empty(spark);
    return new SourceResult(none.usage(), loaded.rejects(), none.skipped(), loaded.counts())
        .with(SourceResult.INTENSITY_HOURLY, loaded.hourly())
        .with(SourceResult.INTENSITY_SLOTS, loaded.slots());
  }
}
