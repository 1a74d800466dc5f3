package org.footprint.sweep;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.Site;

/**
 * Puts jobs into sweeps. A sweep named by the source (Katib experiment labels) comes first, then conf rules
 * (regex on comment, wckey or name; group 1 names the sweep, so
 * {@code nas:evo-cell-v2} groups every job whose comment says so), then Slurm job arrays (one array = one
 * sweep, kind sweeps.array_kind). Everything else is a single run.
 */
public final class SweepClassifier {
  public static final String SINGLE = "single";

  private SweepClassifier() {}

  /** @param jobs cluster, array_parent, sweep_id / sweep_kind (the source's, may be null), the rules' fields */
  public static Dataset<Row> apply(Dataset<Row> jobs, Site.Sweeps sweeps) {
    Column id = null;
    Column kind = null;
    List<Site.SweepRule> rules = sweeps.rules();
    for (int i = rules.size() - 1; i >= 0; i--) {
      Site.SweepRule r = rules.get(i);
      Column field = col(r.field());
      Column matches = coalesce(field.rlike(r.pattern()), lit(false));
      Column key = Pattern.compile(r.pattern()).matcher("").groupCount() >= 1
          ? concat(lit(r.name() + ":"), regexp_extract(field, r.pattern(), 1))
          : lit(r.name());
      id = id == null ? when(matches, key) : when(matches, key).otherwise(id);
      kind = kind == null ? when(matches, lit(r.kind())) : when(matches, lit(r.kind())).otherwise(kind);
    }
    Column isArray = col("array_parent").isNotNull().and(lit(!SINGLE.equals(sweeps.arrayKind())));
    Column arrayId = concat(col("cluster"), lit("/"), col("array_parent"));
    Column sweepId = id == null ? when(isArray, arrayId) : coalesce(id, when(isArray, arrayId));
    Column arrayOrSingle = coalesce(when(isArray, lit(sweeps.arrayKind())), lit(SINGLE));
    Column sweepKind = kind == null ? arrayOrSingle : coalesce(kind, arrayOrSingle);
    // a sweep the source itself names (a Katib experiment) wins over rules and arrays
    Column named = col("sweep_id").isNotNull();
    return jobs.withColumns(Map.of(
        "sweep_id", when(named, col("sweep_id")).otherwise(sweepId),
        "sweep_kind", when(named, coalesce(col("sweep_kind"), lit("hpo"))).otherwise(sweepKind)));
  }
}
