package org.footprint.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.footprint.testing.Frames.row;
import static org.footprint.testing.Frames.utc;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.Site;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The measured candidate of ConsumedEnergyRaw alone (the run-level test is pipeline.MeasuredEnergyTest). Cluster
 * ipmi meters whole nodes (at most 2 kW each), rapl CPU and DRAM, plain not at all; measured_band 5 %. Every job
 * runs 10:00-11:00 on 2025-01-01 unless said otherwise.
 */
class MeasuredEnergyStepTest extends SparkTestBase {
  private static final String JOBS = "job_key STRING, cluster STRING, job_id STRING, job_id_raw STRING,"
      + " nodes ARRAY<STRING>, node_count INT, start_utc TIMESTAMP, end_utc TIMESTAMP, duration_s BIGINT,"
      + " energy_measured_j DOUBLE, gpu_power_w DOUBLE, gpu_power_low_w DOUBLE, gpu_power_high_w DOUBLE";
  private static final String OCCUPANCY = "cluster STRING, occupant STRING, nodes ARRAY<STRING>,"
      + " start_utc TIMESTAMP, end_utc TIMESTAMP";
  private static final double EPS = 1e-12;
  private static Map<String, Row> jobs;

  @BeforeAll
  static void measure() {
    Site site = Site.builder()
        .cluster("ipmi", "R", 1.5, c -> {
          c.energyScope = "node";
          c.maxNodePowerW = 2000;
        })
        .cluster("rapl", "R", 1.0, c -> c.energyScope = "cpu")
        .cluster("plain", "R", 1.0)
        .power(p -> p.measuredBand = 0.05)
        .build();
    Dataset<Row> in = Frames.of(spark, JOBS,
        job("alone", "ipmi", "1", "n1", "10:00", "11:00", 3.6e6),
        job("shared-a", "ipmi", "2", "n2", "10:00", "11:00", 1.8e6),
        job("shared-b", "ipmi", "3", "n2", "10:30", "11:30", 1.8e6),
        job("zero", "ipmi", "4", "n3", "10:00", "11:00", 0.0),
        job("over-limit", "ipmi", "5", "n4", "10:00", "11:00", 9e6),
        job("back-to-back", "ipmi", "6", "n6", "10:00", "10:30", 1.8e6),
        job("rapl", "rapl", "7", "r1", "10:00", "11:00", 1.8e6),
        job("unmetered", "plain", "8", "p1", "10:00", "11:00", 3.6e6));
    Dataset<Row> occupancy = Frames.of(spark, OCCUPANCY,
        occupant("ipmi", "1", "n1", "10:00", "11:00"),
        occupant("ipmi", "2", "n2", "10:00", "11:00"),
        occupant("ipmi", "3", "n2", "10:30", "11:30"),
        occupant("ipmi", "4", "n3", "10:00", "11:00"),
        occupant("ipmi", "5", "n4", "10:00", "11:00"),
        occupant("ipmi", "6", "n6", "10:00", "10:30"),
        occupant("ipmi", "99", "n6", "10:30", "11:00"), // starts as 6 ends, in the same hour: not shared
        occupant("rapl", "7", "r1", "10:00", "11:00"));
    jobs = Frames.byKey(MeasuredEnergy.apply(in, occupancy, site), "job_key");
  }

  @Test
  void aNodeReadingOfAJobAloneOnItsNodeIsTheCandidate() {
    // 3.6 MJ = 1 kWh, band ± 5 %
    expect("alone", 1.0, 0.95, 1.05, "ConsumedEnergyRaw (node)");
    expect("back-to-back", 0.5, 0.475, 0.525, "ConsumedEnergyRaw (node)");
    assertThat(jobs.get("alone").<String>getAs(MeasuredEnergy.UNUSED_REASON)).isNull();
  }

  @Test
  void raplReadingsAddTheModelledGpus() {
    // 1.8 MJ = 0.5 kWh of CPU and DRAM + 250 W of GPU for 1 h; band 0.5 ± 5 % + 175 W | 300 W
    expect("rapl", 0.75, 0.475 + 0.175, 0.525 + 0.300, "ConsumedEnergyRaw (rapl: CPU+DRAM) + modelled GPUs");
  }

  @Test
  void unusableReadingsHaveNoCandidateAndSayWhy() {
    for (String key : List.of("shared-a", "shared-b")) {
      notUsed(key, "ConsumedEnergyRaw not used: node shared with another job (node energy not attributable)");
    }
    notUsed("zero", "ConsumedEnergyRaw 0: not used");
    // 9 MJ in an hour on one node is 2.5 kW, over the 2 kW the node can draw
    notUsed("over-limit", "ConsumedEnergyRaw above max_node_power_w × nodes × duration: meter error, not used");
  }

  @Test
  void aClusterWhoseMeterIsNotReadHasNeitherCandidateNorReason() {
    notUsed("unmetered", null);
  }

  @Test
  void withoutMeteringClustersThereIsNoJoinAndNoCandidate() {
    Site none = Site.builder().cluster("plain", "R", 1.0).build();
    Dataset<Row> in = Frames.of(spark, JOBS, job("j", "plain", "1", "p1", "10:00", "11:00", 3.6e6));
    Row j = MeasuredEnergy.apply(in, null, none).first();
    assertThat(j.<Row>getAs(MeasuredEnergy.CANDIDATE_COLUMN)).isNull();
    assertThat(j.<String>getAs(MeasuredEnergy.UNUSED_REASON)).isNull();
  }

  private static void expect(String key, double it, double low, double high, String note) {
    Row c = jobs.get(key).getAs(MeasuredEnergy.CANDIDATE_COLUMN);
    assertThat(c).as(key).isNotNull();
    assertThat(c.<String>getAs("method")).isEqualTo("measured");
    assertThat((double) c.getAs("it_kwh")).as(key).isCloseTo(it, within(EPS));
    assertThat((double) c.getAs("it_low_kwh")).as(key).isCloseTo(low, within(EPS));
    assertThat((double) c.getAs("it_high_kwh")).as(key).isCloseTo(high, within(EPS));
    assertThat((double) c.getAs("coverage")).isEqualTo(1.0);
    assertThat(c.<String>getAs("note")).isEqualTo(note);
  }

  private static void notUsed(String key, String reason) {
    assertThat(jobs.get(key).<Row>getAs(MeasuredEnergy.CANDIDATE_COLUMN)).as(key).isNull();
    assertThat(jobs.get(key).<String>getAs(MeasuredEnergy.UNUSED_REASON)).as(key).isEqualTo(reason);
  }

  private static Row job(String key, String cluster, String id, String node, String start, String end, double joules) {
    long seconds = (utc(day(end)).getTime() - utc(day(start)).getTime()) / 1000;
    return row(key, cluster, id, id, List.of(node), 1, utc(day(start)), utc(day(end)), seconds, joules, 250.0,
        175.0, 300.0);
  }

  private static Row occupant(String cluster, String id, String node, String start, String end) {
    return row(cluster, id, List.of(node), utc(day(start)), utc(day(end)));
  }

  private static String day(String hhmm) {
    return "2025-01-01T" + hhmm + ":00Z";
  }
}
