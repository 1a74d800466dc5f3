package org.footprint.source.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.footprint.source.SourceResult;

/**
 * Field-by-field comparison of the records two readers made of the same jobs. Every public field of
 * {@link SacctRecord} is compared (found by reflection, so a field added later is compared too) except where the
 * record came from ({@code file}, {@code line}, {@code raw}) and the readers' free-text {@code notes}.
 */
final class SacctRecordComparison {
  static final Set<String> IGNORED = Set.of("file", "line", "raw", "notes");
  private static final Pattern CANCELLED_BY_UID = Pattern.compile("^CANCELLED by ([0-9]+)$");

  private SacctRecordComparison() {}

  /**
   * sacct's parsable2 prints who cancelled a job as a uid, its JSON as a user name: map the uid through the
   * cluster's passwd (given by the test) so the states can be compared exactly.
   */
  static UnaryOperator<String> uidsToNames(Map<Integer, String> passwd) {
    return s -> {
      if (s == null) {
        return null;
      }
      Matcher m = CANCELLED_BY_UID.matcher(s);
      if (!m.matches()) {
        return s;
      }
      String name = passwd.get(Integer.valueOf(m.group(1)));
      assertThat(name).as("uid %s in %s is in the test's passwd", m.group(1), s).isNotNull();
      return "CANCELLED by " + name;
    };
  }

  /** Asserts both lists hold the same records (any order), listing every differing field on failure. */
  static void assertSameRecords(List<SacctRecord> parsable2, List<SacctRecord> json,
      UnaryOperator<String> parsable2StateRaw) {
    Map<String, Map<String, Object>> a = byKey(parsable2, parsable2StateRaw);
    Map<String, Map<String, Object>> b = byKey(json, UnaryOperator.identity());
    assertThat(b.keySet()).as("records (kind job.step raw)").containsExactlyElementsOf(a.keySet());
    List<String> diffs = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> e : a.entrySet()) {
      Map<String, Object> other = b.get(e.getKey());
      e.getValue().forEach((field, v) -> {
        if (field.equals("qos") && v == null) {
          return; // the text exports compared here are printed without QOS; the JSON always carries it
        }
        if (!Objects.equals(v, other.get(field))) {
          diffs.add(e.getKey() + " " + field + ": parsable2=" + v + " json=" + other.get(field));
        }
      });
    }
    assertThat(diffs).as("fields that differ").isEmpty();
  }

  private static Map<String, Map<String, Object>> byKey(List<SacctRecord> records, UnaryOperator<String> stateRaw) {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    for (SacctRecord r : records) {
      assertThat(r.kind).as("reject in %s line %s: %s", r.file, r.line, r.reason).isNotEqualTo(SacctRecord.REJECT);
      String key = r.kind + " " + r.jobId + (r.step == null ? "" : "." + r.step) + " " + r.jobIdRaw;
      Map<String, Object> fields = fields(r);
      fields.put("stateRaw", stateRaw.apply(r.stateRaw));
      assertThat(out.put(key, fields)).as("duplicate record %s", key).isNull();
    }
    return out;
  }

  /**
   * The canonical rows {@link SlurmUsage} makes of both exports are the same: usage without file/line/notes (and
   * state_raw compared after the uid → name mapping), skipped without file/line, rejects, and the counts.
   */
  static void assertSameUsage(SourceResult parsable2, SourceResult json,
      UnaryOperator<String> parsable2StateRaw) {
    // qos: the text exports compared here are printed without QOS, the JSON always has it
    List<String> usage = rows(parsable2.usage().drop("file", "line", "notes", "state_raw", "qos"));
    assertThat(rows(json.usage().drop("file", "line", "notes", "state_raw", "qos"))).as("usage").isEqualTo(usage);
    List<String> states = parsable2.usage().select("job_id", "state_raw").collectAsList().stream()
        .map(r -> r.getString(0) + " " + parsable2StateRaw.apply(r.getString(1))).sorted().toList();
    assertThat(json.usage().select("job_id", "state_raw").collectAsList().stream()
        .map(r -> r.getString(0) + " " + r.getString(1)).sorted().toList()).as("state_raw").isEqualTo(states);
    assertThat(rows(json.skipped().drop("file", "line"))).as("skipped")
        .isEqualTo(rows(parsable2.skipped().drop("file", "line")));
    assertThat(rows(json.rejects().drop("file", "line", "raw"))).as("rejects")
        .isEqualTo(rows(parsable2.rejects().drop("file", "line", "raw")));
    assertThat(rows(json.counts())).as("counts").isEqualTo(rows(parsable2.counts()));
  }

  static List<String> rows(org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> df) {
    return df.collectAsList().stream().map(Object::toString).sorted().toList();
  }

  static Map<String, Object> fields(SacctRecord r) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Field f : SacctRecord.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) || IGNORED.contains(f.getName())) {
        continue;
      }
      try {
        out.put(f.getName(), f.get(r));
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
    }
    return out;
  }
}
