package org.footprint.source.slurm;

import java.util.ArrayList;
import java.util.List;

/** Splits a sacct line on a literal delimiter (any character, non-ASCII too); sacct never escapes values. */
final class SacctLineSplitter {
  private SacctLineSplitter() {}

  static List<String> split(String line, String delimiter) {
    List<String> out = new ArrayList<>();
    int from = 0;
    int at;
    while ((at = line.indexOf(delimiter, from)) >= 0) {
      out.add(line.substring(from, at));
      from = at + delimiter.length();
    }
    out.add(line.substring(from));
    return out;
  }

  /** Joins fields [from, to] back with the delimiter: the value that contained the delimiter. */
  static String join(List<String> fields, int from, int to, String delimiter) {
    return String.join(delimiter, fields.subList(from, to + 1));
  }
}
