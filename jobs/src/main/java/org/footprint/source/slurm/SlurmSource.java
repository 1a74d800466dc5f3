package org.footprint.source.slurm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.footprint.conf.InputSpec;
import org.footprint.conf.MethodConf;
import org.footprint.io.SetAside;
import org.footprint.source.JobSource;
import org.footprint.source.SourceResult;

/** sacct exports, {@code --parsable2} text ({@link SacctReader}) and {@code --json} ({@link SacctJsonReader}). */
public final class SlurmSource implements JobSource {
  @Override
  public InputSpec.Source kind() {
    return InputSpec.Source.SLURM;
  }

  @Override
  public SourceResult read(SparkSession spark, Context ctx, List<InputSpec> inputs) {
    Map<String, SacctInput> text = new LinkedHashMap<>();
    Map<String, SacctInput> json = new LinkedHashMap<>();
    Map<String, String> planned = new LinkedHashMap<>();
    // the method's reading of sizes and MIG slices (method.memory_units, method.mig_share), the same for every export
    MethodConf method = ctx.conf().method;
    int units = method.memoryUnits;
    boolean wholeBoards = method.migWholeBoards();
    for (InputSpec in : inputs) {
      String zone = ctx.timeZone(in.cluster());
      boolean isJson = in.type() == InputSpec.Type.SACCT_JSON;
      // JSON times are epoch seconds and its fields are named: only the cluster matters
      SacctInput how = isJson ? new SacctInput(in.cluster(), zone, null, null, units, wholeBoards)
          : new SacctInput(in.cluster(), zone, in.options().fields(), in.options().delimiter(), units, wholeBoards);
      for (String f : in.files()) {
        (isJson ? json : text).put(f, how);
        planned.put(f, in.cluster());
      }
    }
    SetAside aside = SlurmUsage.setAside(spark);
    return SlurmUsage.build(SacctReader.read(spark, text, aside).unionByName(SacctJsonReader.read(spark, json, aside)),
        aside, planned, ctx.cache());
  }
}
