package org.footprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.footprint.source.Counts;
import org.footprint.model.Schemas;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.Test;

/** run_summary rows from hand-made reader counts and jobs. */
class RunSummaryTest extends SparkTestBase {
  private static Dataset<Row> counts(String source, String cluster, Object... categoryAndN) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < categoryAndN.length; i += 2) {
      rows.add(RowFactory.create(source, cluster, categoryAndN[i], categoryAndN[i + 1]));
    }
    return spark.createDataFrame(rows, Counts.SCHEMA);
  }

  private static Map<String, Row> summary(Dataset<Row> counts, Dataset<Row> jobs) {
    Dataset<Row> outside = spark.createDataFrame(List.of(), Schemas.of("skipped"));
    return Frames.byKey(RunSummary.build(spark, counts, Set.of("slurm", "kubernetes"), outside, jobs).table(),
        r -> r.getString(0) + "/" + r.getString(1));
  }

  /** A jobs row with these values, every other column null. */
  private static Row job(Map<String, Object> values) {
    org.apache.spark.sql.types.StructType schema = Schemas.of("jobs");
    Object[] v = new Object[schema.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = values.get(schema.fields()[i].name());
    }
    return RowFactory.create(v);
  }

  @Test
  void theShareOfEnergyPricedWithForecastIntensityIsReported() {
    // 3 kWh half priced with forecast values, 1 kWh with actuals: 1.5 of 4 kWh
    Dataset<Row> jobs = spark.createDataFrame(List.of(
        job(Map.of("source", "slurm", "cluster", "c", "energy_kwh", 3.0, "co2e_kg", 0.2,
            "intensity_hourly_share", 1.0, "intensity_forecast_share", 0.5, "energy_method", "modelled")),
        job(Map.of("source", "slurm", "cluster", "c", "energy_kwh", 1.0, "co2e_kg", 0.1,
            "intensity_hourly_share", 1.0, "intensity_forecast_share", 0.0, "energy_method", "modelled"))),
        Schemas.of("jobs"));
    Row slurm = summary(counts("slurm", "c", "files", 1L, "records_read", 2L), jobs).get("slurm/c");
    assertThat(slurm.<Double>getAs("intensity_share_forecast")).isEqualTo(0.375);
    assertThat(slurm.<Double>getAs("intensity_share_hourly")).isEqualTo(1.0);
  }

  @Test
  void powerSamplesWhoseBoardIsUnknownAreSkippedAndWarned() {
    // the three InterleavedBoardsEnergyTest logs: 25 lines, 12 samples, 13 skipped of which all 13 warned
    Map<String, Row> s = summary(counts("power", "c", "files", 3L, "records_read", 25L,
            "merged", 0L, "skipped", 13L, "rejected", 0L, "warned", 13L),
        spark.createDataFrame(List.of(), Schemas.of("jobs")));
    Row power = s.get("power/c");
    assertThat(power.<Long>getAs("jobs")).isEqualTo(12);
    assertThat(power.<Long>getAs("skipped")).isEqualTo(13);
    assertThat(power.<Long>getAs("warnings")).isEqualTo(13);
  }

  @Test
  void nullCounterfactualsAreCountedByReasonAndTheSignalsNamed() {
    Dataset<Row> jobs = spark.createDataFrame(List.of(
        job(Map.of("source", "slurm", "cluster", "c", "energy_kwh", 1.0, "co2e_kg", 0.1, "energy_method", "modelled", "market_method", "supplier",
            "whatif_signal", "average")),
        job(Map.of("source", "slurm", "cluster", "c", "energy_kwh", 1.0, "co2e_kg", 0.1, "energy_method", "modelled", "market_method", "supplier",
            "whatif_signal", "average", "shift_note", "series_does_not_cover_24h_window")),
        job(Map.of("source", "slurm", "cluster", "c", "energy_kwh", 1.0, "co2e_kg", 0.1, "energy_method", "modelled", "market_method", "supplier",
            "shift_note", "interactive", "co2e_marginal_kg", 0.2)),
        job(Map.of("source", "slurm", "cluster", "c", "energy_kwh", 1.0, "co2e_kg", 0.1, "energy_method", "modelled", "market_method", "supplier",
            "shift_note", "interactive")),
        job(Map.of("source", "slurm", "cluster", "c", "energy_kwh", 1.0, "co2e_kg", 0.1, "energy_method", "modelled", "market_method", "supplier",
            "shift_note", "non_deferrable_qos")),
        job(Map.of("source", "slurm", "cluster", "d", "energy_kwh", 1.0, "co2e_kg", 0.1, "energy_method", "modelled",
            "market_method", "location"))),
        Schemas.of("jobs"));
    Map<String, Row> s = summary(counts("slurm", "c", "files", 1L, "records_read", 5L)
        .unionByName(counts("slurm", "d", "files", 1L, "records_read", 1L)), jobs);
    Row c = s.get("slurm/c");
    assertThat(c.<Long>getAs("whatif_jobs")).isEqualTo(2);
    assertThat(c.<String>getAs("whatif_null_reasons"))
        .isEqualTo("series_does_not_cover_24h_window: 1; interactive: 2; non_deferrable_qos: 1");
    assertThat(c.<String>getAs("signals"))
        .isEqualTo("location: average; market: supplier; marginal: carbon.marginal; whatif: average");
    Row d = s.get("slurm/d"); // counterfactuals off: no count, no reasons
    assertThat(d.<Long>getAs("whatif_jobs")).isZero();
    assertThat(d.<String>getAs("whatif_null_reasons")).isNull();
    assertThat(d.<String>getAs("signals")).isEqualTo("location: average; market: location; marginal: none; whatif: off");
  }
}
