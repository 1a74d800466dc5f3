package org.footprint.source.power;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.footprint.io.TextSplits;

/**
 * How a large nvidia-smi log may be cut into ranges read by separate tasks ({@link TextSplits}). Its header lines
 * are those {@link NvidiaSmiCsvReader} takes for headers. Two kinds of line depend on lines before them beyond the
 * header, and bind their range to the file's start (the ranges up to the last such one are read by one task, as
 * the whole file would be):
 * <ul>
 *   <li>a line whose board no column names ({@link InterleavedBoards} places it by its position in its sampling
 *       round, learns a node's number of boards from its first rounds, and tallies skips per file): under a header
 *       without index, uuid, pci.bus_id or serial, or with all of them [N/A] on the line;</li>
 *   <li>a line dated on a day with a DST fall-back in the cluster's zone ({@link LocalClock} reads a repeated hour
 *       from the times before it).</li>
 * </ul>
 * A log of the default query ({@code timestamp,index,uuid,...}) in a zone without such a day in it is cut anywhere.
 *
 * <p>A line's signature: bit {@code i < 62} set when field {@code i} is a placeholder ([N/A], empty), bit 62 when a
 * later field is, the sign bit when it holds a fall-back date.
 */
record NvidiaSmiSplits(Map<String, PowerInput> specs) implements TextSplits.HeaderTest {
  private static final int LATER_FIELD = 62;
  private static final long FALL_BACK_DATE = Long.MIN_VALUE;
  /** Local dates with a repeated hour, per zone (1970-2100): built once per zone and executor. */
  private static final Map<String, Set<String>> FALL_BACK_DATES = new ConcurrentHashMap<>();

  @Override
  public String marker() {
    return "timestamp";
  }

  @Override
  public List<String> markers() {
    return List.of("timestamp", "power.draw");
  }

  @Override
  public boolean isHeader(String path, String line) {
    return !line.isBlank() && !line.startsWith("#") && NvidiaSmiHeader.mayBeHeader(line)
        && NvidiaSmiHeader.looksLikeHeader(NvidiaSmiCsvReader.split(line));
  }

  @Override
  public boolean statefulLines() {
    return true;
  }

  @Override
  public Long signature(String path, String line) {
    if (line.isBlank() || line.startsWith("#")) {
      return null; // not records
    }
    List<String> fields = NvidiaSmiCsvReader.split(line);
    long s = 0;
    for (int i = 0; i < fields.size(); i++) {
      if (NvidiaSmiValues.missing(fields.get(i))) {
        s |= 1L << Math.min(i, LATER_FIELD);
      }
    }
    if (holdsDate(line, fallBackDates(specs.get(path).timeZone()))) {
      s |= FALL_BACK_DATE;
    }
    return s;
  }

  @Override
  public boolean binds(String path, String header, long signature) {
    if ((signature & FALL_BACK_DATE) != 0) {
      return true;
    }
    PowerInput input = specs.get(path);
    NvidiaSmiHeader h;
    if (header != null) {
      h = new NvidiaSmiHeader(NvidiaSmiCsvReader.split(header));
    } else if (input.fields() != null && !input.fields().isEmpty()) {
      h = new NvidiaSmiHeader(input.fields());
    } else {
      return false; // no header and no field list: every line is rejected for it
    }
    if (h.problem() != null) {
      return false; // likewise
    }
    return missing(signature, h.index) && missing(signature, h.uuid) && missing(signature, h.boardId);
  }

  /** Whether a column is absent from the header or a placeholder on the line. */
  private static boolean missing(long signature, int column) {
    return column < 0 || (signature & (1L << Math.min(column, LATER_FIELD))) != 0;
  }

  /** Whether the line holds one of the dates, as yyyy/MM/dd or yyyy-MM-dd. */
  static boolean holdsDate(String line, Set<String> dates) {
    if (dates.isEmpty()) {
      return false;
    }
    for (int i = 0; i + 10 <= line.length(); i++) {
      char a = line.charAt(i + 4);
      if ((a == '/' || a == '-') && line.charAt(i + 7) == a && digits(line, i, 4) && digits(line, i + 5, 2)
          && digits(line, i + 8, 2)
          && dates.contains(line.substring(i, i + 10).replace('/', '-'))) {
        return true;
      }
    }
    return false;
  }

  private static boolean digits(String s, int from, int n) {
    for (int i = from; i < from + n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The local dates (yyyy-MM-dd) that a repeated hour of the zone touches, 1970-2100. */
  static Set<String> fallBackDates(String zone) {
    return FALL_BACK_DATES.computeIfAbsent(zone, z -> {
      ZoneRules rules = ZoneId.of(z).getRules();
      Set<String> out = new HashSet<>();
      LocalDateTime end = LocalDateTime.of(2100, 1, 1, 0, 0);
      ZoneOffsetTransition t = rules.nextTransition(LocalDateTime.of(1970, 1, 1, 0, 0).toInstant(ZoneOffset.UTC));
      while (t != null && t.getDateTimeBefore().isBefore(end)) {
        if (t.isOverlap()) {
          for (LocalDate d = t.getDateTimeAfter().toLocalDate(); !d.isAfter(t.getDateTimeBefore().toLocalDate());
              d = d.plusDays(1)) {
            out.add(d.toString());
          }
        }
        t = rules.nextTransition(t.getInstant());
      }
      return Set.copyOf(out);
    });
  }
}
