package org.footprint.source.power;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.footprint.io.CacheScope;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled synthetic nvidia-smi logs against the counts their generator wrote (sample-logs/power/EXPECTED.json). */
class PowerSampleLogsTest extends SparkTestBase {
  static final Path POWER = TestPaths.repo().resolve("sample-logs/power");

  private static JsonNode expected;
  private static PowerSampleReader.Result result;

  /** Every log of the sample set, read as conf would: one input, fields for the headerless one. */
  static Map<String, PowerInput> inputs(JsonNode expected) {
    List<String> fields = new ArrayList<>();
    expected.get("noheader_fields").forEach(f -> fields.add(f.asText()));
    Map<String, PowerInput> files = new LinkedHashMap<>();
    expected.get("files").fieldNames().forEachRemaining(f -> files.put(POWER.resolve(f).toString(),
        new PowerInput("alpine", "nvidia-smi", expected.get("time_zone").asText(), fields, null)));
    return files;
  }

  @BeforeAll
  static void read() throws IOException {
    expected = new ObjectMapper().readTree(POWER.resolve("EXPECTED.json").toFile());
    result = PowerSampleReader.read(spark, inputs(expected), new CacheScope());
  }

  @Test
  void countsMatchTheGenerator() {
    Map<String, Long> c = Frames.values(result.counts(), "category", "n");
    JsonNode t = expected.get("totals");
    assertThat(c).containsOnly(Map.entry("files", t.get("files").asLong()),
        Map.entry("records_read", t.get("records_read").asLong()), Map.entry("merged", 0L),
        Map.entry("skipped", 0L), Map.entry("rejected", t.get("rejected").asLong()), Map.entry("warned", 0L));
    assertThat(result.samples().count()).isEqualTo(t.get("samples").asLong());
    assertThat(result.samples().filter(col("power_w").isNull()).count()).isEqualTo(t.get("na_power").asLong());
  }

  @Test
  void perFileSamplesNodesAndRejects() {
    Map<String, Long> perFile = Frames.countBy(result.samples()
        .withColumn("file", regexp_replace(col("file"), ".*/power/", "")), "file");
    expected.get("files").fields().forEachRemaining(e -> {
      assertThat(perFile.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue().get("samples").asLong());
      long nodes = result.samples().filter(col("file").endsWith(e.getKey())).select("node").distinct().count();
      assertThat(nodes).as(e.getKey()).isEqualTo(1);
    });
    List<Row> rejects = result.rejects().collectAsList();
    JsonNode restart = expected.get("restart");
    assertThat(rejects).singleElement().satisfies(r -> {
      assertThat(r.<String>getAs("file")).endsWith(restart.get("file").asText());
      assertThat(r.<Long>getAs("line")).isEqualTo(restart.get("truncated_line").asLong());
      assertThat(r.<String>getAs("reason")).isEqualTo("line has 4 fields where the header has 5 (truncated line?)");
    });
  }
}
