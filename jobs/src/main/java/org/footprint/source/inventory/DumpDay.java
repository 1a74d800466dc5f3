package org.footprint.source.inventory;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The night a dump stands for, from its file name: neither scontrol nor sinfo prints when it ran, so a nightly
 * dump is named with its date ({@code nodes-2026-03-01.txt}, {@code sinfo_20260301.txt}). A name without a date
 * is an undated inventory: it stands for every day that has no dated dump.
 */
final class DumpDay {
  private static final Pattern DATE = Pattern.compile("(?<![0-9])(20[0-9]{2})-?([01][0-9])-?([0-3][0-9])(?![0-9])");

  private DumpDay() {}

  /** The date in the file's name (its last path segment), or null. */
  static LocalDate of(String file) {
    String name = file.substring(file.lastIndexOf('/') + 1);
    Matcher m = DATE.matcher(name);
    while (m.find()) {
      try {
        return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)));
      } catch (DateTimeException e) {
        // digits that are no date: look further
      }
    }
    return null;
  }
}
