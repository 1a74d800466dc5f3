package org.footprint.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
import org.footprint.model.Schemas;
import org.footprint.report.Views.Daily;
import org.footprint.report.Views.Page;
import org.footprint.report.Views.Trend;
import org.junit.jupiter.api.Test;

/** Pages from collected rows, without Spark: charts per week or month over long outputs, and the trend window. */
class ReportPagesTest {

  /** by_day of one project on cluster c1: day {@code i} (from 1) has one job, 2·i kWh and i kg CO2e. */
  private static List<Row> days(LocalDate first, int n) {
    StructType schema = Schemas.of("by_day");
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      Object[] v = new Object[schema.size()];
      for (int f = 0; f < v.length; f++) {
        v[f] = switch (schema.fields()[f].name()) {
          case "cluster" -> "c1";
          case "project" -> "p";
          case "jobs" -> 1L;
          case "failed_jobs" -> 0L;
          case "energy_kwh" -> 2.0 * i;
          case "co2e_kg", "gpu_hours" -> (double) i;
          case "co2e_low_kg" -> 0.9 * i;
          case "co2e_high_kg" -> 1.1 * i;
          case "day" -> Date.valueOf(first.plusDays(i - 1));
          default -> null;
        };
      }
      rows.add(new GenericRowWithSchema(v, schema));
    }
    return rows;
  }

  private static Pages pages(List<Row> byDay) {
    List<Row> none = List.of();
    return new Pages(new ReportData(none, none, none, none, byDay, none, none, none, none, none, none, none, none,
        none, none), ReportOptions.plain("t"));
  }

  @Test
  void overTwoMonthsTheChartHasABarPerWeek() {
    // 90 days from Thursday 1 January 2026: 14 weeks from Monday 29 December
    Page index = pages(days(LocalDate.of(2026, 1, 1), 90)).index();
    Daily daily = index.daily();
    assertThat(daily.heading()).isEqualTo("Week by week");
    assertThat(daily.unit()).isEqualTo("Week (from Monday, UTC)");
    assertThat(daily.rows()).hasSize(14);
    // the first week holds 1-4 January: 4 jobs, 1+2+3+4 = 10 kg
    assertThat(daily.rows().get(0)).satisfies(r -> {
      assertThat(r.day()).isEqualTo("week of 2025-12-29");
      assertThat(r.jobs()).isEqualTo("4");
      assertThat(r.co2e()).isEqualTo("10.0");
    });
    assertThat(daily.rows().get(13).day()).isEqualTo("week of 2026-03-30");
    assertThat(daily.svg()).contains("kg CO2e per week", "kWh per week");
    assertThat(daily.caption()).contains("summed per week", "90 days with jobs");
  }

  @Test
  void overTwoYearsTheChartHasABarPerMonth() {
    Daily daily = pages(days(LocalDate.of(2024, 1, 1), 800)).index().daily();
    assertThat(daily.heading()).isEqualTo("Month by month");
    assertThat(daily.rows()).hasSize(27);
    assertThat(daily.rows().get(0).day()).isEqualTo("2024-01");
    assertThat(daily.rows().get(0).jobs()).isEqualTo("31");
    assertThat(daily.svg()).contains("kg CO2e per month");
  }

  @Test
  void upToTwoMonthsABarPerDay() {
    Daily daily = pages(days(LocalDate.of(2026, 10, 20), 21)).index().daily();
    assertThat(daily.heading()).isEqualTo("Day by day");
    assertThat(daily.rows()).hasSize(21);
    assertThat(daily.svg()).contains("kg CO2e per day");
    // numbers in the SVG carry at most one decimal: the chart stays a small part of the page
    assertThat(daily.svg()).doesNotContainPattern("\\d\\.\\d{4}");
    assertThat(daily.svg().length()).isLessThan(30_000);
    // no element clipped to the whole chart, no spelled-out full opacity
    assertThat(daily.svg()).doesNotContain("-clip-0)'", "opacity: 1.0", "opacity:1.0");
    assertThat(DailyChart.Bucket.forSpan(60)).isEqualTo(DailyChart.Bucket.DAY);
    assertThat(DailyChart.Bucket.forSpan(61)).isEqualTo(DailyChart.Bucket.WEEK);
    assertThat(DailyChart.Bucket.forSpan(731)).isEqualTo(DailyChart.Bucket.MONTH);
  }

  @Test
  void trendsCompareTheLast30DaysWithThe30BeforeOnLongOutputs() {
    Pages pages = pages(days(LocalDate.of(2026, 1, 1), 90));
    assertThat(pages.window).isEqualTo(new Trends.Window(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 31),
        LocalDate.of(2026, 1, 31), LocalDate.of(2026, 3, 1), 30));
    Trend t = Trends.project(pages, "p");
    // days 61-90: 30 jobs, (61+90)·15 = 2,265 kg; days 31-60: 1,365 kg: +65.9 %
    assertThat(t.caption()).startsWith("The last 30 days (2026-03-02 \u2013 2026-03-31) against the 30 days before"
        + " (2026-01-31 \u2013 2026-03-01)");
    assertThat(t.metrics()).extracting(Views.TrendRow::metric, Views.TrendRow::current, Views.TrendRow::previous,
            Views.TrendRow::change, Views.TrendRow::changeCls)
        .contains(org.assertj.core.groups.Tuple.tuple("Jobs", "30", "30", "0.0%", "same"),
            org.assertj.core.groups.Tuple.tuple("kg CO2e", "2,265.0", "1,365.0", "+65.9%", "up"),
            org.assertj.core.groups.Tuple.tuple("kWh", "4,530.0", "2,730.0", "+65.9%", "up"));
    assertThat(Trends.projects(pages).projects()).singleElement()
        .satisfies(r -> assertThat(r.change()).isEqualTo("+65.9%"));
  }

  @Test
  void trendWindowsOfShortOutputs() {
    // 21 days: a week against the week before; 10 days: 5 against 5; 1 day: none
    assertThat(pages(days(LocalDate.of(2026, 10, 20), 21)).window.days()).isEqualTo(7);
    assertThat(pages(days(LocalDate.of(2026, 10, 20), 10)).window.days()).isEqualTo(5);
    assertThat(pages(days(LocalDate.of(2026, 10, 20), 1)).window).isNull();
    assertThat(Trends.change(0, 5)).isEqualTo("\u2212100.0%");
    assertThat(Trends.change(5, 0)).isEqualTo("new");
  }

  @Test
  void weeksStartOnMonday() {
    SortedMap<LocalDate, Integer> seen = new TreeMap<>();
    for (int i = 0; i < 14; i++) {
      LocalDate d = LocalDate.of(2026, 11, 1).plusDays(i); // a Sunday
      seen.merge(DailyChart.Bucket.WEEK.of(d), 1, Integer::sum);
    }
    assertThat(seen).containsExactly(java.util.Map.entry(LocalDate.of(2026, 10, 26), 1),
        java.util.Map.entry(LocalDate.of(2026, 11, 2), 7), java.util.Map.entry(LocalDate.of(2026, 11, 9), 6));
  }
}
