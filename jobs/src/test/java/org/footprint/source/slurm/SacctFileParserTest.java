package org.footprint.source.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sacct line reader without Spark: headers, delimiters, repairs, DST, reject reasons. */
class SacctFileParserTest {
  private static final SacctInput BERLIN = new SacctInput("c", "Europe/Berlin", null, null);

  private static List<SacctRecord> parse(String text, SacctInput input) {
    return SacctFileParser.parseAll("f.txt", new BufferedReader(new StringReader(text)), input);
  }

  @Test
  void anyColumnOrderAndSubsetFromTheHeader() {
    List<SacctRecord> r = parse("""
        AllocTRES|State|ElapsedRaw|Start|JobID|Account
        cpu=4,gres/gpu:a100=2,gres/gpu=2,mem=8G,node=1|COMPLETED|60|2026-01-10T10:00:00|77|p
        """, BERLIN);
    assertThat(r).singleElement().satisfies(x -> {
      assertThat(x.kind).isEqualTo("alloc");
      assertThat(x.jobId).isEqualTo("77");
      assertThat(x.gpuCount).isEqualTo(2.0);
      assertThat(x.gpuType).isEqualTo("a100");
      assertThat(x.memGb).isEqualTo(8.0);
      assertThat(x.start).isEqualTo(Instant.parse("2026-01-10T09:00:00Z"));
      assertThat(x.end).isEqualTo(Instant.parse("2026-01-10T09:01:00Z"));
      assertThat(x.line).isEqualTo(2);
    });
  }

  @Test
  void theQosIsKeptWhenTheExportHasIt() {
    List<SacctRecord> r = parse("""
        JobID|Partition|QOS|State|Start|ElapsedRaw
        77|gpu|debug|COMPLETED|2026-01-10T10:00:00|60
        78|gpu||COMPLETED|2026-01-10T10:00:00|60
        """, BERLIN);
    assertThat(r).extracting(x -> x.qos).containsExactly("debug", null);
    assertThat(parse("JobID|State|Start|ElapsedRaw\n79|COMPLETED|2026-01-10T10:00:00|60\n", BERLIN))
        .singleElement().satisfies(x -> assertThat(x.qos).isNull());
  }

  @Test
  void headerlessExportUsesTheConfiguredFields() {
    SacctInput in = new SacctInput("c", "UTC", List.of("JobID", "State", "Start", "ElapsedRaw"), null);
    List<SacctRecord> r = parse("5|FAILED|2026-01-10T10:00:00|30\n5.batch|FAILED|2026-01-10T10:00:00|30\n", in);
    assertThat(r).extracting(x -> x.kind).containsExactly("alloc", "step");
    assertThat(r.get(0).line).isEqualTo(1);
    assertThat(r.get(0).durationS).isEqualTo(30L);
  }

  @Test
  void headerlessExportWithoutFieldsRejectsEveryLineWithTheReason() {
    List<SacctRecord> r = parse("5|FAILED\n6|COMPLETED\n", BERLIN);
    assertThat(r).hasSize(2).allSatisfy(x -> {
      assertThat(x.kind).isEqualTo("reject");
      assertThat(x.reason).startsWith("no header line and no field list");
    });
  }

  @Test
  void aHeaderWrittenWithAnotherDelimiterIsNamedNotCalledMissing() {
    List<SacctRecord> semicolons = parse("JobID;State;Start;ElapsedRaw\n5;FAILED;2026-01-10T10:00:00;30\n", BERLIN);
    assertThat(semicolons).hasSize(2).allSatisfy(x -> {
      assertThat(x.kind).isEqualTo("reject");
      assertThat(x.reason).isEqualTo("wrong delimiter: the first line is a sacct header when split on ';', not on"
          + " '|': pass --delimiter ';' (or set the input's delimiter in conf)");
    });
    assertThat(semicolons).extracting(x -> x.line).containsExactly(1L, 2L);
    // a tab-separated export, even when a field list for headerless exports is configured
    SacctInput withFields = new SacctInput("c", "UTC", List.of("JobID", "State"), null);
    assertThat(parse("JobID\tState\n5\tFAILED\n", withFields)).allSatisfy(x ->
        assertThat(x.reason).startsWith("wrong delimiter: the first line is a sacct header when split on tab ($'\\t')"));
    // told ';' for a '|' export
    assertThat(parse("JobID|State\n5|FAILED\n", new SacctInput("c", "UTC", null, ";")).get(0).reason)
        .contains("split on '|', not on ';': pass --delimiter '|'");
    // a headerless line with commas in its values is still a headerless export, not a delimiter problem
    assertThat(parse("5|FAILED|a,b\n", BERLIN).get(0).reason).startsWith("no header line");
  }

  @Test
  void aFieldListWithoutItsDelimiterNamesTheDelimiterThatFits() {
    // sacct -n -P --delimiter=, with --fields but no --delimiter: every line is one field on '|'
    SacctInput in = new SacctInput("c", "UTC", List.of("JobID", "State", "Start", "ElapsedRaw"), null);
    List<SacctRecord> r = parse("5,FAILED,2026-01-10T10:00:00,30\n6,COMPLETED,2026-01-10T11:00:00,60\n", in);
    assertThat(r).hasSize(2).allSatisfy(x -> {
      assertThat(x.kind).isEqualTo("reject");
      assertThat(x.reason).isEqualTo("wrong delimiter: the line has 4 fields when split on ',', as many as the field"
          + " list names, and 1 when split on '|': pass --delimiter ',' (or set the input's delimiter in conf)");
    });
    // a line that no delimiter fits keeps the truncation reason
    assertThat(parse("5|FAILED\n", in).get(0).reason)
        .isEqualTo("line has 2 fields where the header has 4 (truncated line?)");
  }

  @Test
  void aPendingArrayRowWithTheDelimiterInItsNameIsSkippedNotAmbiguous() {
    // JobName and Comment are both free text: the '|' could belong to either, but a pending row is skipped anyway
    List<SacctRecord> r = parse("""
        JobID|JobName|Comment|State|Start|ElapsedRaw
        1234_[6-9%2]|sweep|lr|hpo|PENDING|Unknown|0
        1235|a|b|c|COMPLETED|2026-01-10T10:00:00|5
        """, BERLIN);
    assertThat(r).extracting(x -> x.kind).containsExactly("array_pending", "reject");
    assertThat(r.get(1).reason).contains("ambiguous, not guessed");
  }

  @Test
  void trailingDelimiterOfSacctDashP() {
    List<SacctRecord> r = parse("JobID|State|ElapsedRaw|Start|\n9|COMPLETED|10|2026-01-10T10:00:00|\n", BERLIN);
    assertThat(r).singleElement().satisfies(x -> assertThat(x.kind).isEqualTo("alloc"));
  }

  @Test
  void nonAsciiDelimiter() {
    SacctInput in = new SacctInput("c", "UTC", null, "¦");
    List<SacctRecord> r = parse("JobID¦JobName¦State¦ElapsedRaw¦Start\n9¦a|b¦COMPLETED¦10¦2026-01-10T10:00:00\n", in);
    assertThat(r).singleElement().satisfies(x -> {
      assertThat(x.kind).isEqualTo("alloc");
      assertThat(x.name).isEqualTo("a|b"); // a | is plain text under another delimiter
    });
  }

  @Test
  void delimiterInsideTheCommentIsRejoined() {
    List<SacctRecord> r = parse("""
        JobID|User|Comment|State|ElapsedRaw|Start|JobName
        9|ann|note: a|b|COMPLETED|10|2026-01-10T10:00:00|train
        """, BERLIN);
    assertThat(r).singleElement().satisfies(x -> {
      assertThat(x.comment).isEqualTo("note: a|b");
      assertThat(x.name).isEqualTo("train");
      assertThat(x.notes).endsWith("rejoined '|' inside Comment");
    });
  }

  @Test
  void adjacentFreeTextColumnsAreAmbiguousAndRejected() {
    List<SacctRecord> r = parse("""
        JobID|State|ElapsedRaw|Start|Comment|JobName
        9|COMPLETED|10|2026-01-10T10:00:00|x|y|z
        """, BERLIN);
    assertThat(r).singleElement().satisfies(x -> {
      assertThat(x.kind).isEqualTo("reject");
      assertThat(x.reason).isEqualTo("line has 1 extra '|' that could belong to any of [Comment, JobName]:"
          + " ambiguous, not guessed");
      assertThat(x.raw).isEqualTo("9|COMPLETED|10|2026-01-10T10:00:00|x|y|z");
    });
  }

  @Test
  void springForwardDurationComesFromElapsedRawNotWallClock() {
    // Europe/Berlin 2025-03-30: 02:00 → 03:00. Wall clock says 1 h 30 min; the job ran 30 min.
    List<SacctRecord> r = parse("""
        JobID|State|Start|End|ElapsedRaw
        1|COMPLETED|2025-03-30T01:40:12|2025-03-30T03:10:12|1800
        """, BERLIN);
    SacctRecord x = r.get(0);
    assertThat(x.start).isEqualTo(Instant.parse("2025-03-30T00:40:12Z"));
    assertThat(x.end).isEqualTo(Instant.parse("2025-03-30T01:10:12Z"));
    assertThat(x.durationS).isEqualTo(1800L);
  }

  @Test
  void fallBackStartInTheRepeatedHourIsDisambiguatedByElapsed() {
    // Europe/Berlin 2026-10-25: 03:00 CEST → 02:00 CET; 02:30 happens twice.
    List<SacctRecord> r = parse("""
        JobID|State|Start|End|ElapsedRaw
        1|COMPLETED|2026-10-25T02:30:00|2026-10-25T02:20:00|3000
        2|COMPLETED|2026-10-25T01:30:00|2026-10-25T03:30:00|10800
        """, BERLIN);
    assertThat(r.get(0).start).isEqualTo(Instant.parse("2026-10-25T00:30:00Z")); // first 02:30, CEST
    assertThat(r.get(0).end).isEqualTo(Instant.parse("2026-10-25T01:20:00Z"));
    // wall clock 2 h, ElapsedRaw 3 h: the extra hour is the repeated one
    assertThat(r.get(1).start).isEqualTo(Instant.parse("2026-10-24T23:30:00Z"));
    assertThat(r.get(1).end).isEqualTo(Instant.parse("2026-10-25T02:30:00Z"));
    assertThat(r.get(1).durationS).isEqualTo(10800L);
  }

  @Test
  void explicitOffsetsAreHonoured() {
    List<SacctRecord> r = parse("JobID|State|Start|ElapsedRaw\n1|COMPLETED|2026-01-10T10:00:00+0500|60\n", BERLIN);
    assertThat(r.get(0).start).isEqualTo(Instant.parse("2026-01-10T05:00:00Z"));
  }

  @Test
  void everyRejectReason() {
    List<SacctRecord> r = new java.util.ArrayList<>(parse("""
        JobID|State|Start|ElapsedRaw|NodeList|AllocTRES|JobName
        1|COMPLETED|2026-01-10T10:00:00|60
        |COMPLETED|2026-01-10T10:00:00|60|n1|cpu=1|a
        x-y|COMPLETED|2026-01-10T10:00:00|60|n1|cpu=1|a
        2|DONEISH|2026-01-10T10:00:00|60|n1|cpu=1|a
        3|COMPLETED|2026-13-10T10:00:00|60|n1|cpu=1|a
        4|COMPLETED|2026-01-10T10:00:00|12x4|n1|cpu=1|a
        5|COMPLETED|2026-01-10T10:00:00|60|n[3-1]|cpu=1|a
        6|COMPLETED|2026-01-10T10:00:00|60|n1|gres/gpu=two|a
        7|COMPLETED|2026-01-10T10:00:00|60|n1|cpu=1|a|b|c|d
        8|COMPLETED|2026-01-10T10:00:00|60|n1|n2|cpu=1|a
        """, BERLIN));
    assertThat(r).hasSize(10);
    // JobName is the last column: every extra | belongs to it
    assertThat(r.remove(8).name).isEqualTo("a|b|c|d");
    assertThat(r).allSatisfy(x -> assertThat(x.kind).isEqualTo("reject"));
    assertThat(r.get(0).reason).isEqualTo("line has 4 fields where the header has 7 (truncated line?)");
    assertThat(r.get(1).reason).isEqualTo("empty JobID");
    assertThat(r.get(2).reason).contains("JobID");
    assertThat(r.get(3).reason).isEqualTo("unknown State 'DONEISH'");
    assertThat(r.get(4).reason).startsWith("bad Start '2026-13-10T10:00:00'");
    assertThat(r.get(5).reason).isEqualTo("bad ElapsedRaw '12x4': not a whole number");
    assertThat(r.get(6).reason).contains("n[3-1]");
    assertThat(r.get(7).reason).contains("gres/gpu=two");
    assertThat(r.get(8).reason).contains("extra '|'").doesNotContain("ambiguous");
    assertThat(r).extracting(x -> x.line).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 11L);
  }

  @Test
  void blankLinesAreNotRecordsAndCrlfIsAccepted() {
    List<SacctRecord> r = parse("JobID|State|Start|ElapsedRaw\r\n\r\n1|COMPLETED|2026-01-10T10:00:00|60\r\n", BERLIN);
    assertThat(r).singleElement().satisfies(x -> {
      assertThat(x.kind).isEqualTo("alloc");
      assertThat(x.line).isEqualTo(3);
    });
  }

  @Test
  void pendingArrayRangeAndHetComponents() {
    List<SacctRecord> r = parse("""
        JobID|JobIDRaw|State|Start|ElapsedRaw|NodeList
        1234_[8-100%4]|1234|PENDING|Unknown|0|None assigned
        61000+1|61001|COMPLETED|2026-01-10T10:00:00|60|gpu[001-002,010]
        """, BERLIN);
    assertThat(r.get(0).kind).isEqualTo("array_pending");
    assertThat(r.get(1).hetParent).isEqualTo("61000");
    assertThat(r.get(1).nodes).containsExactly("gpu001", "gpu002", "gpu010");
    assertThat(r.get(1).nodeCount).isEqualTo(3);
  }
}
