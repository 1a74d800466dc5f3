package org.footprint.generate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Formats generated jobs as {@code sacct -a -P} prints them: local wall-clock times, [D-]HH:MM:SS, TRES strings. */
final class SacctExportWriter {
  static final String HEADER = "JobID|JobIDRaw|JobName|User|Account|Partition|State|Submit|Start|End|Elapsed|"
      + "ElapsedRaw|NNodes|NodeList|AllocCPUS|TotalCPU|ReqMem|AllocTRES|TRESUsageInTot|Comment|WCKey|ExitCode";
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private SacctExportWriter() {}

  static String time(long epochSeconds, ZoneId zone) {
    return LOCAL.format(LocalDateTime.ofInstant(Instant.ofEpochSecond(epochSeconds), zone));
  }

  static String elapsed(long s) {
    long d = s / 86400;
    long h = (s % 86400) / 3600;
    long m = (s % 3600) / 60;
    long sec = s % 60;
    StringBuilder sb = new StringBuilder(12);
    if (d > 0) {
      sb.append(d).append('-');
    }
    two(sb, h).append(':');
    two(sb, m).append(':');
    return two(sb, sec).toString();
  }

  private static StringBuilder two(StringBuilder sb, long v) {
    if (v < 10) {
      sb.append('0');
    }
    return sb.append(v);
  }

  static void appendRow(StringBuilder sb, String... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        sb.append('|');
      }
      sb.append(fields[i] == null ? "" : fields[i]);
    }
    sb.append('\n');
  }
}
