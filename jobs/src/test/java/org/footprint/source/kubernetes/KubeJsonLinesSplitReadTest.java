package org.footprint.source.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.footprint.io.TextSplit;
import org.footprint.io.TextSplits;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large kubectl JSON-lines stream is read in byte ranges by several tasks: every pod, line number and reject must
 * be what one task reading the whole file gives, wherever the cuts fall; a JSON document is never cut.
 */
class KubeJsonLinesSplitReadTest extends SparkTestBase {
  private static final int KIND = PodRecord.SCHEMA.fieldIndex("kind");
  private static final int LINE = PodRecord.SCHEMA.fieldIndex("line");

  @TempDir
  static Path dir;

  /** The fixture's watch stream (pods, a truncated line, a watch event) with the awkward things a cut can fall into. */
  private static byte[] stream() throws IOException {
    List<String> lines = Files.readAllLines(Path.of(K8sFixtures.file("pods-watch.jsonl")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder sb = new StringBuilder("\uFEFF");
    for (int i = 0; i < lines.size(); i++) {
      sb.append(lines.get(i)).append(i % 2 == 0 ? "\r\n" : "\n");
    }
    sb.append('\n'); // a blank line: nothing
    sb.append("{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"resourceVersion\":\"12\"}}}\n");
    sb.append("[").append(lines.get(0)).append(",").append(lines.get(1)).append("]\n"); // two objects on one line
    sb.append("42\n"); // not an object: a reject
    sb.append("{\"kind\":\"Service\",\"metadata\":{\"name\":\"svc-ø\"}}\n"); // another kind
    out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(new byte[] {'{', '"', 'k', (byte) 0xff, '"', ':', '1', '}', '\n'}); // undecodable: a reject
    out.writeBytes(lines.get(3).getBytes(StandardCharsets.UTF_8)); // the last line without a line break
    return out.toByteArray();
  }

  private static List<Row> whole(Path file) throws IOException {
    return rows(List.of(TextSplit.whole(file.toString(), Files.size(file))), false);
  }

  private static List<Row> rows(List<TextSplit> splits, boolean ranges) throws IOException {
    List<Row> out = new ArrayList<>();
    for (TextSplit s : splits) {
      try (KubeObjects objects = PerFileReader.open(s, ranges)) {
        objects.forEachRemaining(o -> out.add(PodJsonReader.row("fx", s.path(), o)));
      }
    }
    return out;
  }

  private static List<TextSplit> plan(Path file, long rangeBytes) throws IOException {
    String path = file.toString();
    List<TextSplit> ranges = TextSplits.ranges(path, Files.size(file), rangeBytes);
    List<TextSplits.Scan> scans = new ArrayList<>();
    for (TextSplit r : ranges) {
      scans.add(TextSplits.scan(r, PerFileReader.NO_HEADER));
    }
    return TextSplits.number(ranges, scans, PerFileReader.NO_HEADER);
  }

  @Test
  void everyCutGivesTheWholeFileRecords() throws IOException {
    Path file = dir.resolve("pods.jsonl");
    Files.write(file, stream());
    assertThat(KubeObjects.isJsonLines(file.toString())).isTrue();
    List<Row> expected = whole(file);
    // the fixture's own content: 6 pods (a watch event's, two from one line), the other kind, 3 rejects
    assertThat(expected.stream().filter(r -> PodRecord.REJECT.equals(r.get(KIND))).map(r -> r.getLong(LINE)))
        .containsExactly(3L, 8L, 10L);
    assertThat(expected).hasSize(10);
    assertThat(expected.get(expected.size() - 1).getLong(LINE)).isEqualTo(11L);
    long size = Files.size(file);
    for (long bytes = 1; bytes <= size + 1; bytes += bytes < 300 ? 1 : 53) {
      assertThat(rows(plan(file, bytes), true)).as("ranges of %d bytes", bytes).isEqualTo(expected);
    }
  }

  @Test
  void sparkReadsALargeStreamInRangesAndAJsonDocumentWhole() throws IOException {
    Path file = dir.resolve("spark.jsonl");
    Files.write(file, stream());
    String document = K8sFixtures.file("pods-truncated.json");
    assertThat(KubeObjects.isJsonLines(document)).isFalse();
    List<Row> expected = new ArrayList<>(whole(file));
    expected.addAll(rows(List.of(TextSplit.whole(document, Files.size(Path.of(document)))), false));
    String key = "spark.sql.files.maxPartitionBytes";
    try {
      spark.conf().set(key, "97");
      List<TextSplit> planned = TextSplits.plan(spark, List.of(file.toString(), document), 97,
          PerFileReader.NO_HEADER, KubeObjects::isJsonLines);
      assertThat(planned.stream().filter(s -> s.path().equals(document))).hasSize(1);
      assertThat(planned).hasSizeGreaterThan(20);
      assertThat(sorted(PodJsonReader.read(spark, "fx", List.of(file.toString(), document)).collectAsList()))
          .isEqualTo(sorted(expected));
    } finally {
      spark.conf().unset(key);
    }
  }

  private static List<Row> sorted(List<Row> rows) {
    List<Row> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing((Row r) -> String.valueOf(r.get(PodRecord.SCHEMA.fieldIndex("file"))))
        .thenComparing(r -> r.getLong(LINE)).thenComparing(Row::toString));
    return out;
  }
}
