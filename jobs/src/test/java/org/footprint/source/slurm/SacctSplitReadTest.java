package org.footprint.source.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.footprint.io.TextSplit;
import org.footprint.io.TextSplits;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large export is read in byte ranges by several tasks: every record, line number and reject must be exactly
 * what one task reading the whole file gives, wherever the cuts fall (inside a multi-byte character, a CRLF, a
 * header, a line longer than a range).
 */
class SacctSplitReadTest extends SparkTestBase {
  private static final SacctInput INPUT = new SacctInput("alpine", "Europe/Berlin", null, null);
  private static final String HEADER = "JobID|JobIDRaw|JobName|User|Account|Partition|State|Submit|Start|End|"
      + "ElapsedRaw|NNodes|NodeList|AllocCPUS|AllocTRES";
  private static final String ALLOC = "|sweep-ø-%d|ana|nlp|gpu|COMPLETED|2026-11-05T19:56:33|2026-11-05T19:56:53|"
      + "2026-11-05T20:56:53|3600|1|gpu004|8|billing=8,cpu=8,gres/gpu:a100=1,gres/gpu=1,mem=96G,node=1";

  private static final int KIND = SacctRecord.SCHEMA.fieldIndex("kind");
  private static final int LINE = SacctRecord.SCHEMA.fieldIndex("line");

  @TempDir
  static Path dir;

  /** An export with the awkward things a cut can fall into; returns its bytes. */
  private static byte[] export() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder sb = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
    for (int i = 0; i < 12; i++) {
      String id = String.valueOf(60500 + i);
      sb.append(id).append('|').append(id).append(String.format(ALLOC, i)).append(i % 3 == 0 ? "\r\n" : "\n");
      sb.append(id).append(".batch|").append(id).append(".batch").append(String.format(ALLOC, i)
          .replace("sweep-ø-" + i, "batch")).append('\n');
      if (i == 5) {
        sb.append('\n'); // a blank line: not a record
        sb.append(HEADER).append('\n'); // a second export appended with cat
        sb.append("60999|60999|bad|ana|nlp|gpu|COMPLETED|not-a-time\n"); // truncated: a reject
        sb.append("x".repeat(300)).append('\n'); // longer than most ranges: one reject
      }
    }
    out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(new byte[] {'6', '1', '0', '0', '0', '|', (byte) 0xff, '\n'}); // undecodable byte: a reject
    out.writeBytes("61001|61001|last-line-without-break".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static List<Row> whole(Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
      SacctFileParser.parseAll(file.toString(), in, INPUT).forEach(r -> rows.add(r.toRow()));
    }
    return rows;
  }

  /** What the reader's tasks do, without Spark: cut, scan, number, parse each range. */
  private static List<Row> inRanges(Path file, long rangeBytes) throws IOException {
    String path = file.toString();
    SacctReader.Header header = new SacctReader.Header(Map.of(path, INPUT));
    List<TextSplit> ranges = TextSplits.ranges(path, Files.size(file), rangeBytes);
    List<TextSplits.Scan> scans = new ArrayList<>();
    for (TextSplit r : ranges) {
      scans.add(TextSplits.scan(r, header));
    }
    List<Row> rows = new ArrayList<>();
    for (TextSplit s : TextSplits.number(ranges, scans)) {
      SacctReader.parse(s, INPUT).forEachRemaining(rows::add);
    }
    return rows;
  }

  @Test
  void everyCutGivesTheWholeFileRecords() throws IOException {
    Path file = dir.resolve("cuts.txt");
    Files.write(file, export());
    List<Row> expected = whole(file);
    // the fixture's own content: 24 records, 4 rejects, line numbers past the blank line and second header
    assertThat(expected).hasSize(28);
    assertThat(expected.stream().filter(r -> "reject".equals(r.get(KIND))).map(r -> r.getLong(LINE)))
        .containsExactly(16L, 17L, 30L, 31L);
    long size = Files.size(file);
    for (long bytes : new long[] {1, 2, 3, 5, 17, 64, 101, 250, 400, size - 1, size, size + 10}) {
      assertThat(inRanges(file, bytes)).as("ranges of %d bytes", bytes).isEqualTo(expected);
    }
  }

  @Test
  void sparkReadsALargeFileInRangesWithTheSameRecords() throws IOException {
    Path file = dir.resolve("spark.txt");
    Files.write(file, export());
    List<Row> expected = sorted(whole(file));
    String key = "spark.sql.files.maxPartitionBytes";
    try {
      spark.conf().set(key, "97");
      List<TextSplit> plan = TextSplits.plan(spark, List.of(file.toString()), 97,
          new SacctReader.Header(Map.of(file.toString(), INPUT)));
      assertThat(plan).hasSizeGreaterThan(20);
      assertThat(sorted(SacctReader.read(spark, Map.of(file.toString(), INPUT)).collectAsList()))
          .isEqualTo(expected);
    } finally {
      spark.conf().unset(key);
    }
  }

  @Test
  void realCorpusExportsReadInTinyRangesAsWhole() throws IOException {
    if (!TestPaths.hasCorpus()) {
      return;
    }
    Map<String, List<String>> files = Map.of("sacct-output.txt", SlurmCorpusConformanceTest.SONAR_FIELDS,
        "sacct_output.txt", SlurmCorpusConformanceTest.SONAR_FIELDS, "sacct.txt", List.of(),
        "test-data1.csv", List.of());
    for (Map.Entry<String, List<String>> e : files.entrySet()) {
      Path file = TestPaths.corpus().resolve("slurm").resolve(e.getKey());
      SacctInput input = new SacctInput("corpus", "Europe/Oslo", e.getValue().isEmpty() ? null : e.getValue(), null);
      List<Row> whole = new ArrayList<>();
      try (BufferedReader in = Files.newBufferedReader(file)) {
        SacctFileParser.parseAll(file.toString(), in, input).forEach(r -> whole.add(r.toRow()));
      }
      String path = file.toString();
      List<TextSplit> ranges = TextSplits.ranges(path, Files.size(file), 512);
      List<TextSplits.Scan> scans = new ArrayList<>();
      for (TextSplit r : ranges) {
        scans.add(TextSplits.scan(r, new SacctReader.Header(Map.of(path, input))));
      }
      List<Row> split = new ArrayList<>();
      for (TextSplit s : TextSplits.number(ranges, scans)) {
        SacctReader.parse(s, input).forEachRemaining(split::add);
      }
      assertThat(split).as(e.getKey()).isNotEmpty().isEqualTo(whole);
    }
  }

  private static List<Row> sorted(List<Row> rows) {
    List<Row> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing((Row r) -> r.getLong(LINE)));
    return out;
  }
}
