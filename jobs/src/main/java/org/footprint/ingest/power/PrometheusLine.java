package org.footprint.ingest.power;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sample line of the Prometheus text exposition format:
 * {@code name{label="value",...} value [timestamp_ms]}. Hand-parsed (a scrape has thousands of lines per node
 * and label values may hold {@code , } {@code }} and escaped quotes, which a regex or a split gets wrong).
 */
record PrometheusLine(String name, Map<String, String> labels, double value, Long timestampMs) {

  static PrometheusLine parse(String line) throws PowerValueException {
    int i = 0;
    int n = line.length();
    while (i < n && isNameChar(line.charAt(i))) {
      i++;
    }
    if (i == 0) {
      throw new PowerValueException("not a Prometheus sample line (no metric name)");
    }
    String name = line.substring(0, i);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < n && line.charAt(i) == '{') {
      i = labels(line, i + 1, labels);
    }
    String[] rest = line.substring(i).trim().split("\\s+");
    if (rest.length == 0 || rest[0].isEmpty() || rest.length > 2) {
      throw new PowerValueException("metric " + name + ": expected 'value [timestamp]' after the labels");
    }
    double value = value(name, rest[0]);
    Long ts = null;
    if (rest.length == 2) {
      try {
        ts = Long.parseLong(rest[1]);
      } catch (NumberFormatException e) {
        throw new PowerValueException("metric " + name + ": timestamp '" + rest[1] + "' is not milliseconds");
      }
    }
    return new PrometheusLine(name, labels, value, ts);
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
