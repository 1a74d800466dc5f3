package org.footprint.source.kubernetes;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Kubernetes resource quantities ({@code 500m}, {@code 2}, {@code 1.5}, {@code 16Gi}, {@code 1e3}, {@code 512M})
 * as plain numbers in base units (cores, bytes, devices). kubectl prints them as strings, but hand-written and
 * exported objects also carry JSON numbers, so both are accepted.
 */
final class Quantity {
  private static final Map<String, BigDecimal> SUFFIX = Map.ofEntries(
      Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
      Map.entry("m", new BigDecimal("1e-3")), Map.entry("", BigDecimal.ONE),
      Map.entry("k", new BigDecimal("1e3")), Map.entry("M", new BigDecimal("1e6")),
      Map.entry("G", new BigDecimal("1e9")), Map.entry("T", new BigDecimal("1e12")),
      Map.entry("P", new BigDecimal("1e15")), Map.entry("E", new BigDecimal("1e18")),
      Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
      Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
      Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

  private Quantity() {}

  /** @throws IllegalArgumentException with the offending text when it is not a quantity */
  static double parse(String text) {
    String s = text == null ? "" : text.trim();
    int i = 0;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
      i++;
    }
    String number = s.substring(0, i);
    String suffix = s.substring(i);
    // a decimal exponent (1e3, 2E-2) is part of the number, not the E (exa) suffix
    if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')
        && suffix.substring(1).matches("[+-]?\\d+")) {
      number = s;
      suffix = "";
    }
    BigDecimal mult = SUFFIX.get(suffix);
    if (number.isEmpty() || number.equals("+") || number.equals("-") || mult == null) {
      throw new IllegalArgumentException("not a Kubernetes quantity: '" + text + "'");
    }
    try {
      return new BigDecimal(number).multiply(mult).doubleValue();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a Kubernetes quantity: '" + text + "'");
    }
  }
}
