package org.footprint.source.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON fields whose shape changed across Slurm versions (state, exit code, wckey, comment), read into the text
 * sacct's parsable2 output prints for them (print.c), so both readers fill {@link SacctRecord} alike.
 */
final class SacctJsonFields {
  private SacctJsonFields() {}

  /**
   * A job or step state: a string ({@code "REQUEUED"}, dbv0.0.37 and v0.0.39) or an array of a base state and
   * flags ({@code ["RUNNING"]}, {@code ["CANCELLED","REQUEUED"]}, v0.0.40+).
   *
   * @param base  the first element that is a Slurm state (null when none is)
   * @param raw   as sacct prints it: the base, plus {@code " by <user>"} for CANCELLED when the JSON names who
   *              cancelled (sacct prints the uid there; the JSON only has the user name)
   * @param other the remaining elements (state flags), for a note; null when none
   */
  record State(String base, String raw, String other) {}

  static State state(JsonNode n, JsonNode killRequestUser, String field) {
    List<String> words = new ArrayList<>();
    if (n != null && n.isArray()) {
      n.forEach(e -> words.add(e.asText()));
    } else if (JsonNumbers.text(n) != null) {
      words.add(JsonNumbers.text(n));
    }
    if (words.isEmpty()) {
      return null;
    }
    String base = null;
    List<String> rest = new ArrayList<>();
    for (String w : words) {
      if (base == null && SlurmState.base(w) != null) {
        base = SlurmState.base(w);
      } else {
        rest.add(w);
      }
    }
    if (base == null) {
      throw new SlurmFieldException("unknown " + field + " " + words);
    }
    String by = JsonNumbers.text(killRequestUser);
    String raw = base.equals("CANCELLED") && by != null ? base + " by " + by : base;
    return new State(base, raw, rest.isEmpty() ? null : String.join(",", rest));
  }

  /**
   * {@code "rc:signal"} as sacct prints ExitCode: the signal when the process was killed by one ({@code 0:15}),
   * else the return code, minus 128 when the shell reported a signal that way (sacct does the same). Accepts the
   * object ({@code {status, return_code, signal:{id}}}, wrapped or plain) and a bare return code. Running jobs
   * (return code unset) print {@code 0:0}, as sacct does.
   */
  static String exitCode(JsonNode n, String field) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isTextual()) {
      return JsonNumbers.text(n);
    }
    if (!n.isObject()) {
      Long rc = JsonNumbers.longValue(n, field);
      return rc == null ? null : rc + ":0";
    }
    Long rc = JsonNumbers.longValue(n.get("return_code"), field + ".return_code");
    JsonNode sig = n.get("signal");
    Long signal = sig != null && sig.isObject()
        ? JsonNumbers.longValue(sig.has("id") ? sig.get("id") : sig.get("signal_id"), field + ".signal.id")
        : JsonNumbers.longValue(sig, field + ".signal");
    if (signal != null && signal > 0) {
      return "0:" + signal;
    }
    long code = rc == null ? 0 : rc;
    return (code >= 128 ? code - 128 : code) + ":0";
  }

  /** {@code wckey: {"wckey": "x", "flags": []}} (every version seen) or a plain string. */
  static String wckey(JsonNode n) {
    return n != null && n.isObject() ? JsonNumbers.text(n.get("wckey")) : JsonNumbers.text(n);
  }

  /**
   * sacct's Comment column prints the job's {@code derived_es}, which the JSON calls {@code comment.job}; a plain
   * string is accepted too.
   */
  static String comment(JsonNode n) {
    return n != null && n.isObject() ? JsonNumbers.text(n.get("job")) : JsonNumbers.text(n);
  }
}
