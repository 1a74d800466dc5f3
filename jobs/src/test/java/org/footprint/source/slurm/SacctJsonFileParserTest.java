package org.footprint.source.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.Test;

/** The JSON stream reader without Spark: shapes of every Slurm version, and what it does with broken files. */
class SacctJsonFileParserTest {
  private static final SacctInput IN = new SacctInput("conf-name", "UTC", null, null);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static List<SacctRecord> parse(String text) {
    return SacctJsonReader.parseAll("f.json", new StringReader(text), IN);
  }

  private static JsonNode node(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A minimal job in the given shape; {@code extra} is spliced into the job object. */
  private static String job(long id, String state, String extra) {
    return "{\"job_id\": " + id + ", \"cluster\": \"theirs\", \"state\": {\"current\": " + state + "},"
        + " \"time\": {\"start\": 1700000000, \"end\": 1700000600, \"elapsed\": 600, \"submission\": 1699999990},"
        + " \"tres\": {\"allocated\": [{\"type\": \"cpu\", \"name\": null, \"count\": 2}]}" + extra + "}";
  }

  @Test
  void plainAndWrappedNumbersAndSentinels() {
    assertThat(JsonNumbers.longValue(node("5"), "f")).isEqualTo(5L);
    assertThat(JsonNumbers.longValue(node("{\"set\":true,\"infinite\":false,\"number\":7}"), "f")).isEqualTo(7L);
    assertThat(JsonNumbers.longValue(node("{\"set\":false,\"infinite\":false,\"number\":0}"), "f")).isNull();
    assertThat(JsonNumbers.longValue(node("{\"set\":true,\"infinite\":true,\"number\":0}"), "f")).isNull();
    assertThat(JsonNumbers.longValue(node("18446744073709551614"), "f")).isNull(); // NO_VAL64 unsigned
    assertThat(JsonNumbers.longValue(node("\"23\""), "f")).isEqualTo(23L);
    assertThat(JsonNumbers.longValue(node("null"), "f")).isNull();
    assertThat(JsonNumbers.uint32(node("4294967294"), "f")).isNull(); // NO_VAL written plain
    assertThat(JsonNumbers.epoch(node("0"), "f")).isNull(); // 0 = unknown
    assertThat(JsonNumbers.cpuSeconds(node("{\"seconds\":630,\"microseconds\":553000}"), "f")).isEqualTo(630.553);
  }

  @Test
  void tresListBecomesTheSacctMapAndNegativeCountsAreSentinels() {
    var m = JsonTres.map(node("[{\"type\":\"gres\",\"name\":\"gpu:v100\",\"count\":1},"
        + "{\"type\":\"energy\",\"name\":\"\",\"count\":-2},{\"type\":\"gres\",\"name\":\"gpu\",\"count\":1},"
        + "{\"type\":\"mem\",\"name\":null,\"count\":4096}]"), "t");
    assertThat(m).containsExactly(java.util.Map.entry("energy", "18446744073709551614"),
        java.util.Map.entry("gres/gpu:v100", "1"), java.util.Map.entry("gres/gpu", "1"),
        java.util.Map.entry("mem", "4096"));
    assertThat(Tres.energyJoules(m)).isNull();
    assertThat(Tres.gpus(m).boards()).isEqualTo(1.0);
    assertThat(Tres.memGiB(m)).isEqualTo(4.0);
  }

  @Test
  void stepIdsInEveryShape() {
    assertThat(SacctJsonIds.stepId(node("{\"step\":{\"id\":\"41001.batch\"}}"), 1)).containsExactly("41001", "batch");
    assertThat(SacctJsonIds.stepId(node("{\"step\":{\"job_id\":12,\"id\":\"extern\"}}"), 1))
        .containsExactly("12", "extern");
    assertThat(SacctJsonIds.stepId(node("{\"step\":{\"id\":{\"job_id\":12,\"step_id\":4294967291}}}"), 1))
        .containsExactly("12", "batch");
    assertThat(SacctJsonIds.stepId(node("{\"step\":{\"id\":\"3\",\"het\":{\"component\":1}}}"), 99))
        .containsExactly("99", "3+1");
    assertThat(SacctJsonIds.ranges("0x3F8")).isEqualTo("3-9");
    assertThat(SacctJsonIds.ranges("0x15")).isEqualTo("0,2,4");
  }

  @Test
  void exitCodesAsSacctPrintsThem() {
    assertThat(SacctJsonFields.exitCode(node("{\"status\":\"SUCCESS\",\"return_code\":0}"), "e")).isEqualTo("0:0");
    assertThat(SacctJsonFields.exitCode(node("{\"status\":[\"ERROR\"],\"return_code\":{\"set\":true,"
        + "\"infinite\":false,\"number\":137},\"signal\":{\"id\":{\"set\":false,\"infinite\":false,\"number\":0}}}"),
        "e")).isEqualTo("9:0"); // sacct subtracts 128
    assertThat(SacctJsonFields.exitCode(node("{\"status\":[\"SIGNALED\"],\"signal\":{\"id\":9,\"name\":\"KILL\"}}"),
        "e")).isEqualTo("0:9");
    assertThat(SacctJsonFields.exitCode(node("3"), "e")).isEqualTo("3:0");
  }

  @Test
  void confClusterWinsAndEachRecordKnowsItsLine() {
    List<SacctRecord> r = parse("{\"jobs\": [\n" + job(1, "\"COMPLETED\"", "") + ",\n"
        + job(2, "[\"FAILED\"]", "") + "\n]}");
    assertThat(r).extracting(x -> x.jobId).containsExactly("1", "2");
    assertThat(r).extracting(x -> x.line).containsExactly(2L, 3L);
    assertThat(r).allSatisfy(x -> assertThat(x.cluster).isEqualTo("conf-name"));
    assertThat(r.get(1).end).isEqualTo(Instant.ofEpochSecond(1700000600));
    List<SacctRecord> own = SacctJsonReader.parseAll("f.json",
        new StringReader("{\"jobs\": [" + job(1, "\"COMPLETED\"", "") + "]}"), new SacctInput(null, "UTC", null, null));
    assertThat(own.get(0).cluster).isEqualTo("theirs");
  }

  @Test
  void truncatedFileKeepsWhatWasReadAndRejectsWithLineAndColumn() throws IOException {
    String full = Files.readString(TestPaths.fixture("slurm-json/equivalence_sacct.json"), StandardCharsets.UTF_8);
    int cut = full.indexOf("\"job_id\": 7000");
    List<SacctRecord> r = SacctJsonReader.parseAll("cut.json", new StringReader(full.substring(0, cut + 9)), IN);
    SacctRecord last = r.get(r.size() - 1);
    assertThat(last.kind).isEqualTo("reject");
    assertThat(last.file).isEqualTo("cut.json");
    assertThat(last.reason).startsWith("invalid JSON at line ").contains(", column ").contains("3 jobs before it");
    assertThat(last.line).isGreaterThan(1000);
    // the three whole jobs before the cut (5000_3, 6000+0, 6000+1) with their steps survive
    assertThat(r.subList(0, r.size() - 1)).extracting(x -> x.kind).doesNotContain("reject");
    assertThat(r.stream().filter(x -> x.kind.equals("alloc"))).extracting(x -> x.jobId)
        .containsExactly("5000_3", "6000+0", "6000+1");
  }

  @Test
  void notJsonEmptyAndWrongDocumentsAreOneRejectEach() {
    assertThat(parse("JobID|State\n1|COMPLETED\n")).singleElement().satisfies(x -> {
      assertThat(x.kind).isEqualTo("reject");
      assertThat(x.line).isEqualTo(1);
      assertThat(x.reason).startsWith("invalid JSON at line 1, column ");
    });
    assertThat(parse("")).singleElement().satisfies(x -> {
      assertThat(x.line).isZero();
      assertThat(x.reason).contains("no \"jobs\" array");
    });
    assertThat(parse("{\"meta\": {}, \"errors\": []}")).singleElement()
        .satisfies(x -> assertThat(x.reason).contains("no \"jobs\" array"));
  }

  @Test
  void sacctErrorsAreRejectedAndJobsStillRead() {
    List<SacctRecord> r = parse("{\"errors\": [{\"description\": \"Unable to query jobs\", \"error_number\": 1,"
        + " \"source\": \"slurmdb_jobs_get\"}],\n \"jobs\": [" + job(5, "\"COMPLETED\"", "") + "]}");
    assertThat(r).extracting(x -> x.kind).containsExactly("reject", "alloc");
    assertThat(r.get(0).reason).contains("Unable to query jobs").contains("slurmdb_jobs_get")
        .contains("may be incomplete");
  }

  @Test
  void oneBadJobOrStepDoesNotCostTheOthers() {
    String badStep = ", \"steps\": [{\"step\": {\"id\": \"3.batch\"}, \"state\": \"COMPLETED\","
        + " \"time\": {\"start\": 1700000000, \"end\": 1700000600, \"elapsed\": -5}},"
        + " {\"step\": {\"id\": \"3.extern\"}, \"state\": \"COMPLETED\","
        + " \"time\": {\"start\": 1700000000, \"end\": 1700000600, \"elapsed\": 600}}]";
    List<SacctRecord> r = parse("{\"jobs\": [" + job(1, "\"NOT_A_STATE\"", "") + ", "
        + job(2, "\"COMPLETED\"", "") + ", " + job(3, "\"COMPLETED\"", badStep) + ", 42]}");
    assertThat(r).extracting(x -> x.kind)
        .containsExactly("reject", "alloc", "alloc", "reject", "step", "reject");
    assertThat(r.get(0).reason).contains("unknown state.current [NOT_A_STATE]");
    assertThat(r.get(0).raw).contains("\"job_id\":1");
    assertThat(r.get(3).reason).contains("step 1 of job 3").contains("negative duration");
    assertThat(r.get(5).reason).isEqualTo("jobs[] entry is not an object");
  }

  @Test
  void byteOrderMarkBareArrayAndConcatenatedDocuments() {
    assertThat(parse("\uFEFF{\"jobs\": [" + job(1, "\"COMPLETED\"", "") + "]}")).hasSize(1);
    assertThat(parse("[" + job(1, "\"COMPLETED\"", "") + "]")).extracting(x -> x.kind).containsExactly("alloc");
    assertThat(parse("{\"jobs\": [" + job(1, "\"COMPLETED\"", "") + "]}\n{\"jobs\": ["
        + job(2, "\"COMPLETED\"", "") + "]}")).extracting(x -> x.jobId).containsExactly("1", "2");
  }

  @Test
  void pendingArrayRangeIsOneArrayPendingRecord() {
    List<SacctRecord> r = parse("{\"jobs\": [{\"job_id\": 40, \"state\": {\"current\": [\"PENDING\"]},"
        + " \"array\": {\"job_id\": 40, \"task_id\": {\"set\": false, \"infinite\": false, \"number\": 0},"
        + " \"task\": \"8-100\", \"limits\": {\"max\": {\"running\": {\"tasks\": 4}}}}}]}");
    assertThat(r).singleElement().satisfies(x -> {
      assertThat(x.kind).isEqualTo("array_pending");
      assertThat(x.jobId).isEqualTo("40_[8-100%4]");
      assertThat(x.arrayParent).isEqualTo("40");
      assertThat(x.state).isEqualTo("PENDING");
    });
  }
}
