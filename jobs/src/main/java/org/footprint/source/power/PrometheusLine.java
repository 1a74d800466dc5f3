package org.footprint.source.power;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sample line of the Prometheus text exposition format:
 * {@code name{label="value",...} value [timestamp_ms]}. Hand-parsed (a scrape has thousands of lines per node
 * and label values may hold {@code , } {@code }} and escaped quotes, which a regex or a split gets wrong).
 */
record PrometheusLine(String name, Map<String, String> labels, double value, Long timestampMs) {

  static PrometheusLine parse(String line) throws PowerValueException {
    return parse(line, null);
  }

  /**
   * @param labelCache parsed label sets by their text, shared by the lines of one reader: every scrape repeats
   *     each series' labels verbatim, so they are parsed once per series instead of once per line (null: none)
   */
  static PrometheusLine parse(String line, Map<String, Map<String, String>> labelCache) throws PowerValueException {
    int i = 0;
    int n = line.length();
    while (i < n && isNameChar(line.charAt(i))) {
      i++;
    }
    if (i == 0) {
      throw new PowerValueException("not a Prometheus sample line (no metric name)");
    }
    String name = line.substring(0, i);
    Map<String, String> labels = Map.of();
    if (i < n && line.charAt(i) == '{') {
      int end = labelCache == null ? -1 : labelsEnd(line, i + 1);
      if (end < 0) {
        labels = new LinkedHashMap<>();
        i = labels(line, i + 1, labels);
      } else {
        String text = line.substring(i + 1, end);
        labels = labelCache.get(text);
        if (labels == null) {
          labels = new LinkedHashMap<>();
          labels(line, i + 1, labels);
          labels = Collections.unmodifiableMap(labels);
          if (labelCache.size() >= LABEL_CACHE_MAX) {
            labelCache.clear(); // a bound, not an LRU: a node logs a few dozen series, not thousands
          }
          labelCache.put(text, labels);
        }
        i = end;
      }
    }
    // 'value [timestamp]' separated by whitespace, read without a regex split (one per line was a hot spot)
    int v0 = skipSpace(line, i);
    int v1 = skipToken(line, v0);
    int t0 = skipSpace(line, v1);
    int t1 = skipToken(line, t0);
    if (v0 == v1 || skipSpace(line, t1) != n) {
      throw new PowerValueException("metric " + name + ": expected 'value [timestamp]' after the labels");
    }
    double value = value(name, line.substring(v0, v1));
    Long ts = null;
    if (t0 < t1) {
      String t = line.substring(t0, t1);
      try {
        ts = Long.parseLong(t);
      } catch (NumberFormatException e) {
        throw new PowerValueException("metric " + name + ": timestamp '" + t + "' is not milliseconds");
      }
    }
    return new PrometheusLine(name, labels, value, ts);
  }

  static final int LABEL_CACHE_MAX = 4096;

  /**
   * Index after the closing brace of the label block that starts at {@code i} (after the opening brace), scanning
   * quoted values with their escapes; -1 when it does not close, left to {@link #labels} to explain.
   */
  private static int labelsEnd(String line, int i) {
    int n = line.length();
    boolean quoted = false;
    for (; i < n; i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == '}') {
        return i + 1;
      }
    }
    return -1;
  }

  /** Java regex \\s: space, tab, newline, vertical tab, form feed, carriage return. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static int skipSpace(String line, int i) {
    while (i < line.length() && isSpace(line.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int skipToken(String line, int i) {
    while (i < line.length() && !isSpace(line.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Reads {@code a="x",b="y"}} from {@code i}; returns the index after the closing brace. */
  private static int labels(String line, int i, Map<String, String> out) throws PowerValueException {
    int n = line.length();
    while (true) {
      while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == ',')) {
        i++;
      }
      if (i < n && line.charAt(i) == '}') {
        return i + 1;
      }
      int start = i;
      while (i < n && isNameChar(line.charAt(i))) {
        i++;
      }
      if (i == start || i + 1 >= n || line.charAt(i) != '=' || line.charAt(i + 1) != '"') {
        throw new PowerValueException("malformed labels at character " + (i + 1) + ": expected name=\"value\" or }");
      }
      String key = line.substring(start, i);
      i += 2;
      StringBuilder v = new StringBuilder();
      while (i < n && line.charAt(i) != '"') {
        char c = line.charAt(i);
        if (c == '\\' && i + 1 < n) {
          char e = line.charAt(++i);
          v.append(e == 'n' ? '\n' : e);
        } else {
          v.append(c);
        }
        i++;
      }
      if (i >= n) {
        throw new PowerValueException("unterminated label value of " + key);
      }
      out.put(key, v.toString());
      i++;
    }
  }

  private static double value(String name, String v) throws PowerValueException {
    switch (v) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        try {
          return Double.parseDouble(v);
        } catch (NumberFormatException e) {
          throw new PowerValueException("metric " + name + ": value '" + v + "' is not a number");
        }
    }
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ':';
  }
}
