package org.footprint.source.inventory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.footprint.conf.InputSpec;
import org.footprint.source.Source;
import org.footprint.source.SourceResult;

/**
 * Slurm node inventories (scontrol -o show node, sinfo -N dumps, one per night) → the
 * {@link SourceResult#NODE_INVENTORY} table the capacity of by_cluster_day and by_partition_day is counted from;
 * the nodes are not jobs.
 */
public final class InventorySource implements Source {
  @Override
  public InputSpec.Source kind() {
    return InputSpec.Source.INVENTORY;
  }

  @Override
  public boolean yieldsJobs() {
    return false;
  }

  @Override
  public SourceResult read(SparkSession spark, Context ctx, List<InputSpec> inputs) {
    if (inputs.isEmpty()) {
      return SourceResult.empty(spark); // and no inventory: capacity from the conf
    }
    Map<String, InventoryReader.How> files = new LinkedHashMap<>();
    for (InputSpec in : inputs) {
      String format = in.type() == InputSpec.Type.SINFO_NODES ? SinfoNodeReader.FORMAT : ScontrolNodeReader.FORMAT;
      in.files().forEach(f -> files.put(f, new InventoryReader.How(in.cluster(), format)));
    }
    InventoryReader.Result r = InventoryReader.read(spark, files);
    ctx.cache().adopt(r.persisted());
    SourceResult empty = SourceResult.empty(spark);
    return new SourceResult(empty.usage(), r.rejects(), empty.skipped(), r.counts())
        .with(SourceResult.NODE_INVENTORY, r.nodes());
  }
}
