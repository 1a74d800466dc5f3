package org.footprint.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Number formats of the report: English grouping, fixed decimals chosen by size, an en dash for no value. */
final class Fmt {
  static final String NONE = "\u2013";
  private static final DecimalFormatSymbols EN = DecimalFormatSymbols.getInstance(Locale.ENGLISH);

  private Fmt() {}

  private static String pattern(String p, double x) {
    DecimalFormat f = new DecimalFormat(p, EN);
    f.setRoundingMode(RoundingMode.HALF_UP);
    return f.format(x);
  }

  /** kWh, kg, GPU-hours: one decimal from 10 up ({@code 2,575.1}), two below ({@code 3.50}), {@code <0.01}. */
  static String qty(Double x) {
    if (x == null || x.isNaN()) {
      return NONE;
    }
    double a = Math.abs(x);
    if (a == 0) {
      return "0";
    }
    if (a < 0.005) {
      return x < 0 ? "> \u22120.01" : "< 0.01";
    }
    return pattern(a >= 10 ? "#,##0.0" : "0.00", x);
  }

  /** A low–high band, e.g. {@code 90.0 – 110.0}. */
  static String band(Double low, Double high) {
    return qty(low) + " \u2013 " + qty(high);
  }

  static String count(long n) {
    return pattern("#,##0", n);
  }

  /** A 0–1 share as a percentage with one decimal: {@code 92.0%}. */
  static String pct(Double share) {
    if (share == null || share.isNaN() || share.isInfinite()) {
      return NONE;
    }
    return pattern("0.0", share * 100) + "%";
  }

  /** A 0–1 share as a CSS width in percent, clamped to 0–100, always with a dot. */
  static String width(Double share) {
    if (share == null || share.isNaN() || share.isInfinite()) {
      return "0";
    }
    return pattern("0.##", Math.max(0, Math.min(100, share * 100)));
  }

  /** US dollars: whole dollars from 100 up, cents below. */
  static String usd(Double x) {
    if (x == null || x.isNaN()) {
      return NONE;
    }
    return "$" + pattern(Math.abs(x) >= 100 ? "#,##0" : "0.00", x);
  }

  static String usdRange(Double low, Double high) {
    return usd(low) + " \u2013 " + usd(high);
  }

  /** Three significant digits, grouped: {@code 0.111}, {@code 0.00610}, {@code 12.4}, {@code 1,230}. */
  static String sig3(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return NONE;
    }
    if (x == 0) {
      return "0";
    }
    BigDecimal b = new BigDecimal(x).round(new MathContext(3, RoundingMode.HALF_UP));
    if (b.scale() <= 0) {
      return pattern("#,##0", b.doubleValue());
    }
    return pattern("#,##0." + "0".repeat(b.scale()), b.doubleValue());
  }

  /**
   * Longest free text (job names, users, projects, sweep ids) the report shows. Names are user input: a 1 MiB job
   * name made a page take minutes to render. The tables keep the whole value.
   */
  static final int MAX_TEXT = 200;

  /** Free text as the report shows it: whole up to {@link #MAX_TEXT} characters, cut and marked with … beyond. */
  static String clip(String text) {
    if (text == null || text.length() <= MAX_TEXT) {
      return text;
    }
    int end = text.offsetByCodePoints(0, Math.min(MAX_TEXT, text.codePointCount(0, text.length())));
    return end >= text.length() ? text : text.substring(0, end) + "\u2026";
  }

  /** Free text shown in a table cell: whole up to {@link #BRIEF} characters, else cut (the cell's title has more). */
  static final int BRIEF = 40;

  /** The visible part of free text in a table: its first {@link #BRIEF} characters, and … when cut. */
  static String brief(String text) {
    return brief(text, BRIEF);
  }

  /** The first {@code limit} characters of free text, and … when cut. */
  static String brief(String text, int limit) {
    if (text == null || text.codePointCount(0, text.length()) <= limit) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, limit)) + "\u2026";
  }

  /**
   * The title (tooltip) of free text cut by {@link #brief}: the value as {@link #clip} keeps it; null when nothing
   * was cut.
   */
  static String briefTitle(String text) {
    return briefTitle(text, BRIEF);
  }

  static String briefTitle(String text, int limit) {
    return text == null || text.codePointCount(0, text.length()) <= limit ? null : clip(text);
  }

  /** A PUE: two decimals ({@code 1.20}). */
  static String pue(double x) {
    return pattern("0.00", x);
  }

  /** A plain number as configured: up to three decimals, no grouping ({@code 0.3725}, {@code 12}, {@code 381}). */
  static String plain(double x) {
    return pattern("0.####", x);
  }

  /** A multiplier such as the search overhead factor: {@code ×12.3}. */
  static String factor(Double x) {
    if (x == null || x.isNaN() || x.isInfinite()) {
      return NONE;
    }
    return "\u00d7" + pattern(x >= 100 ? "#,##0" : "0.0", x);
  }
}
