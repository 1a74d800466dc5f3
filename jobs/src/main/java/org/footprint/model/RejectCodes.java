package org.footprint.model;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;

/**
 * The {@code reason_code} of a reject: a short, stable code from a closed set, so rejects can be grouped and
 * counted (the {@code reason} stays the full sentence for people). Derived here, in one place, from the reason
 * text the readers write, rather than threaded through every reader's record type: the readers' wording is
 * stable (tests assert it) and a new wording falls into {@code other}, which {@code RejectCodesTest} and the
 * sample-logs run would show. Rules are tried in order; the first whose pattern is found in the reason wins.
 */
public final class RejectCodes {
  /** One code: its pattern (Java regex, searched anywhere in the reason) and what it means, for the docs. */
  public record Rule(String code, String pattern, String meaning) {}

  /** Rejects of a reason no rule matches. */
  public static final String OTHER = "other";

  /** The closed set, in matching order (more specific before more general). */
  public static final List<Rule> RULES = List.of(
      new Rule("unreadable_file", "^(cannot (read|open)|file not read)",
          "the file could not be opened or read (I/O error, permissions, not a file)"),
      new Rule("wrong_delimiter", "^wrong delimiter",
          "the header splits into sacct fields with another delimiter than the one given: pass --delimiter"),
      new Rule("no_header", "^no header line",
          "headerless export or log without a configured field list (--fields / the input's fields)"),
      new Rule("field_count", "fields where the header has|extra '.+' that could belong to",
          "the line has fewer or more fields than the header (truncated line, unescaped delimiter)"),
      new Rule("bad_syntax", "^invalid (JSON|YAML)|not a Prometheus sample line|malformed labels|unterminated label",
          "the text is not valid JSON, YAML or Prometheus exposition at that line"),
      new Rule("wrong_format", "not a sacct --json export|expected a sacct --json document",
          "the file is not in the format its input type says (e.g. not a sacct --json document)"),
      new Rule("not_an_object", "is not an object|expected a Kubernetes object|not a Pod|without metadata\\.name"
          + "|no metadata\\.name",
          "a JSON/YAML value that is not the object the input holds (not a Pod, no metadata.name, ...)"),
      new Rule("orphan_step", "^step row without its allocation row",
          "a Slurm step whose allocation row is missing from the exports or was rejected"),
      new Rule("duplicate", "^duplicate (series|location)",
          "the same measurement or key was already read (first occurrence kept)"),
      new Rule("sacct_error", "^sacct reported an error",
          "sacct listed an error in the export: it may be incomplete"),
      new Rule("end_unknown", "end unknown",
          "a pod that stopped without any end time (no finishedAt, no deletionTimestamp)"),
      new Rule("missing_value", "^(empty|no) (JobID|State)|^no (JobID|State) column|missing \"|empty \""
          + "|timestamp is missing|no state\\.current|^no node|^no (usable )?time|no gpu or UUID label",
          "a required value or column is empty or absent"),
      new Rule("bad_number", "not a (whole |finite |plausible )?(number|reading)|not a valid intensity"
          + "|non-negative (number|integer)|is negative|negative (epoch|CPU|TRES)|not a Kubernetes quantity"
          + "|count too large|not a percentage|not milliseconds|not a GPU index",
          "a numeric value that does not parse or is out of range"),
      new Rule("bad_time", "^bad (Submit|Start|End|Eligible|Elapsed|TotalCPU|UserCPU|SystemCPU|time)\\b"
          + "|[Tt]ime ?stamp|scrape_time|date-time|RFC 3339|\"to\" is not after|is before earlier",
          "a time, date or duration that does not parse or is impossible"),
      new Rule("bad_value", "^bad |^unknown |^job |^node |expected|must be",
          "any other value that does not parse (job id, TRES, node list, state, ...)"));

  private static final List<Pattern> COMPILED = RULES.stream().map(r -> Pattern.compile(r.pattern())).toList();

  private RejectCodes() {}

  /** The code of one reason (driver side: rejects built in code, tests). */
  public static String of(String reason) {
    if (reason != null) {
      for (int i = 0; i < RULES.size(); i++) {
        if (COMPILED.get(i).matcher(reason).find()) {
          return RULES.get(i).code();
        }
      }
    }
    return OTHER;
  }

  /** The same rules as a Spark column (rlike is Java regex find, as above): no UDF, one CASE per row. */
  public static Column of(Column reason) {
    Column code = null;
    for (Rule r : RULES) {
      code = code == null ? when(reason.rlike(r.pattern()), lit(r.code()))
          : code.when(reason.rlike(r.pattern()), lit(r.code()));
    }
    return code.otherwise(lit(OTHER));
  }
}
