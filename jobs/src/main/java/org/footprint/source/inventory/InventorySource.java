package org.footprint.source.inventory;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.footprint.conf.InputSpec;
import org.footprint.source.InputPlan;
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
  public SourceResult read(SparkSession spark, Context ctx, List<InputSpec> inputs) {
    if (inputs.isEmpty()) {
      return SourceResult.empty(spark); // and no inventory: capacity from the conf
    }
    InventoryReader.Result r = InventoryReader.read(spark, InputPlan.byFile(inputs, in -> new InventoryReader.How(
        in.cluster(), in.type() == InputSpec.Type.SINFO_NODES ? SinfoNodeReader.FORMAT : ScontrolNodeReader.FORMAT)),
        ctx.cache());
    return SourceResult.ofRecords(spark, r.rejects(), r.counts()).with(SourceResult.NODE_INVENTORY, r.nodes());
  }
}
