package org.footprint.model;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.footprint.source.slurm.SacctFileParser;
import org.footprint.source.slurm.SacctInput;
import org.footprint.source.slurm.SacctRecord;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.Test;

/** Reject reasons as the readers write them map to their codes, on the driver and in Spark alike. */
class RejectCodesTest extends SparkTestBase {

  /** Reasons produced by the real sacct reader, so a change of wording there shows up here. */
  private static Map<String, String> sacctReasons() {
    List<SacctRecord> r = SacctFileParser.parseAll("f.txt", new BufferedReader(new StringReader("""
        JobID|State|Start|ElapsedRaw|NodeList|AllocTRES|JobName|Comment
        1|COMPLETED|2026-01-10T10:00:00|60
        |COMPLETED|2026-01-10T10:00:00|60|n1|cpu=1|a|c
        2|DONEISH|2026-01-10T10:00:00|60|n1|cpu=1|a|c
        3|COMPLETED|2026-13-10T10:00:00|60|n1|cpu=1|a|c
        4|COMPLETED|2026-01-10T10:00:00|12x4|n1|cpu=1|a|c
        5|COMPLETED|2026-01-10T10:00:00|60|n[3-1]|cpu=1|a|c
        6|COMPLETED|2026-01-10T10:00:00|60|n1|cpu=1,gres/gpu=two|a|c
        7|COMPLETED|2026-01-10T10:00:00|60|n1|cpu=1|a|b|c
        """)), new SacctInput("c", "UTC", null, null));
    Map<String, String> m = new LinkedHashMap<>();
    String[] codes = {"field_count", "missing_value", "bad_value", "bad_time", "bad_number", "bad_value",
        "bad_number", "field_count"};
    assertThat(r).hasSize(codes.length);
    for (int i = 0; i < codes.length; i++) {
      m.put(r.get(i).reason, codes[i]);
    }
    List<SacctRecord> headerless = SacctFileParser.parseAll("g.txt",
        new BufferedReader(new StringReader("5|FAILED\n")), new SacctInput("c", "UTC", null, null));
    m.put(headerless.get(0).reason, "no_header");
    List<SacctRecord> semicolons = SacctFileParser.parseAll("h.txt",
        new BufferedReader(new StringReader("JobID;State\n5;FAILED\n")), new SacctInput("c", "UTC", null, null));
    m.put(semicolons.get(0).reason, "wrong_delimiter");
    return m;
  }

  /** Reasons other readers write (copied from their code: each is asserted in that reader's own test). */
  private static Map<String, String> otherReasons() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("cannot open: File /x/y.json does not exist", "unreadable_file");
    m.put("cannot read file: Permission denied", "unreadable_file");
    m.put("file not read: /x/intensity.csv (Is a directory)", "unreadable_file");
    m.put("invalid JSON at line 3, column 7: Unexpected end-of-input; the rest of the file is not read", "bad_syntax");
    m.put("not a Prometheus sample line (no metric name)", "bad_syntax");
    m.put("no \"jobs\" array: not a sacct --json export (empty file, or another format)", "wrong_format");
    m.put("expected a Kubernetes object, found a string", "not_an_object");
    m.put("no metadata.name: not a Pod object", "not_an_object");
    m.put("jobs[] entry is not an object", "not_an_object");
    m.put("step row without its allocation row (job 12 is missing from the exports or was rejected)", "orphan_step");
    m.put("duplicate series: DCGM_FI_DEV_POWER_USAGE for this GPU and time was read at line 4", "duplicate");
    m.put("sacct reported an error in this export: Unable to connect (slurmdbd); the export may be incomplete",
        "sacct_error");
    m.put("phase Failed with no container finishedAt and no metadata.deletionTimestamp: end unknown", "end_unknown");
    m.put("power.draw '12,3 W' is not a number", "bad_number");
    m.put("utilization.gpu 130 is not a percentage (0-100)", "bad_number");
    m.put("\"carbon_intensity\" is not a number: 'abc'", "bad_number");
    m.put("timestamp '2026-13-01' is not yyyy/MM/dd HH:mm:ss.SSS", "bad_time");
    m.put("\"datetime\" is not a date-time: 'yesterday'", "bad_time");
    m.put("missing \"zone\"", "missing_value");
    m.put("no node: the log has no hostname column and node_from_file '(.*)' does not match", "missing_value");
    m.put("something no reader says", RejectCodes.OTHER);
    return m;
  }

  @Test
  void everyReasonMapsToItsCode() {
    Map<String, String> all = new LinkedHashMap<>(sacctReasons());
    all.putAll(otherReasons());
    all.forEach((reason, code) -> assertThat(RejectCodes.of(reason)).as(reason).isEqualTo(code));
    assertThat(RejectCodes.of((String) null)).isEqualTo(RejectCodes.OTHER);
  }

  @Test
  void theSparkColumnAgreesWithTheDriverRules() {
    Map<String, String> all = new LinkedHashMap<>(sacctReasons());
    all.putAll(otherReasons());
    Dataset<Row> coded = spark.createDataset(List.copyOf(all.keySet()), Encoders.STRING()).toDF("reason")
        .withColumn("reason_code", RejectCodes.of(col("reason")));
    Map<String, String> got = new LinkedHashMap<>();
    for (Row r : coded.collectAsList()) {
      got.put(r.getString(0), r.getString(1));
    }
    assertThat(got).isEqualTo(all);
  }

  @Test
  void codesAreAClosedSetOfShortIdentifiers() {
    assertThat(RejectCodes.RULES).extracting(RejectCodes.Rule::code).doesNotHaveDuplicates()
        .allSatisfy(c -> assertThat(c).matches("[a-z_]{3,20}"));
    String ddl = Schemas.ddl("rejects");
    RejectCodes.RULES.forEach(r -> assertThat(ddl).contains(r.code()));
    assertThat(ddl).contains(RejectCodes.OTHER);
  }
}
