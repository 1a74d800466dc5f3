package org.footprint.sink;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;

/**
 * What a CSV cell holds, in one place for both writers (Spark's for big tables, {@link LocalCsv} for rows already on
 * the driver): doubles rounded to {@link #DECIMALS} for people, and text a spreadsheet would run as a formula
 * (starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return, and not a number) with a leading
 * {@code '} (OWASP CSV injection): job names, users and raw reject lines come from users.
 */
final class CsvRules {
  /** CSV doubles are rounded for people; Parquet keeps full precision. */
  static final int DECIMALS = 6;

  /** Text that starts like a formula. */
  static final String FORMULA_LEADING = "^[=+\\-@\t\r]";
  /** A number as text ("-12.5", "+3e8"): starts like a formula but is not one, so it is left alone. */
  static final String NUMBER = "^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$";

  // Spark's rlike is Java's Matcher.find(): the same patterns, searched the same way
  private static final Pattern FORMULA_LEADING_RE = Pattern.compile(FORMULA_LEADING);
  private static final Pattern NUMBER_RE = Pattern.compile(NUMBER);

  private CsvRules() {}

  /** Formula-leading text with a ' in front; other text as it is. */
  static Column neutralised(Column text) {
    return when(text.rlike(FORMULA_LEADING).and(not(text.rlike(NUMBER))), concat(lit("'"), text))
        .otherwise(text);
  }

  /** {@link #neutralised(Column)} on the driver. */
  static String neutralised(String text) {
    if (text != null && FORMULA_LEADING_RE.matcher(text).find() && !NUMBER_RE.matcher(text).find()) {
      return "'" + text;
    }
    return text;
  }

  /**
   * Spark's {@code round(x, DECIMALS)} on the driver: HALF_UP on the double's decimal representation (its
   * {@code toString}, as {@code BigDecimal.valueOf}), NaN and the infinities as they are.
   */
  static double rounded(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    return BigDecimal.valueOf(x).setScale(DECIMALS, RoundingMode.HALF_UP).doubleValue();
  }
}
