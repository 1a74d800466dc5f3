package org.footprint.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The per-job search on hand-built step tables, without Spark. Times are seconds from the epoch's first slot, so
 * that the arithmetic below is small. The shift windows are 6, 12, 24 h; the pause slacks 25, 50, 100 %.
 */
class WindowSearchTest {
  private static final long H = 3600;

  /** A series from slot 0 with these values (NaN: a slot without a value, at the fallback 400 g/kWh). */
  private static WindowSearch.Series series(long grain, double... values) {
    int n = values.length + 1;
    double[] ci = new double[n];
    double[] has = new double[n];
    double[] cum = new double[n];
    double[] cumHas = new double[n];
    double c = 0;
    double ch = 0;
    for (int i = 0; i < values.length; i++) {
      boolean value = !Double.isNaN(values[i]);
      ci[i] = value ? values[i] : 400.0;
      has[i] = value ? 1.0 : 0.0;
      cum[i] = c;
      cumHas[i] = ch;
      c += ci[i] * grain;
      ch += has[i] * grain;
    }
    cum[n - 1] = c; // the sentinel slot: ci 0, has 0, the totals
    cumHas[n - 1] = ch;
    return new WindowSearch.Series(grain, 0, ci, has, cum, cumHas);
  }

  /** Hourly, 500 g/kWh but 100 at 03:00 and 04:00, for this many hours. */
  private static double[] cleanAtThree(int hours) {
    double[] v = new double[hours];
    for (int h = 0; h < hours; h++) {
      v[h] = h == 3 || h == 4 ? 100.0 : 500.0;
    }
    return v;
  }

  @Test
  void twoHoursShiftToTheCleanHoursAndPauseIntoThemWhenTheWindowReachesThem() {
    // 2 kWh from 00:00 to 02:00 at 500: 1 kg now; 03:00-05:00 at 100: 0.2 kg, within every window
    WindowSearch.Result r = WindowSearch.search(series(H, cleanAtThree(48)), 0, 2 * H, 2.0);
    assertThat(r.nowCo2eKg()).isCloseTo(1.0, within(1e-12));
    for (int w = 0; w < 3; w++) {
      assertThat(r.shiftCo2eKg()[w]).isCloseTo(0.2, within(1e-12));
      assertThat(r.shiftBestStartS()[w]).isEqualTo(3 * H);
    }
    // 25 %: [0, 2.5 h], 50 %: [0, 3 h]: only 500s; 100 %: [0, 4 h]: 03:00 at 100 for an hour, then an hour at 500
    assertThat(r.pauseCo2eKg()[0]).isCloseTo(1.0, within(1e-12));
    assertThat(r.pauseCo2eKg()[1]).isCloseTo(1.0, within(1e-12));
    assertThat(r.pauseCo2eKg()[2]).isCloseTo(2.0 * 300 / 1000, within(1e-12));
    assertThat(r.notCovered()).isNull();
  }

  @Test
  void aWindowPastTheSeriesIsNotCoveredButAJobEndingAtItsEndIs() {
    // ten hours of values: the 6 h window's last start (06:00, to 08:00) is covered, and so would be 08:00-10:00
    // (the series' end); the 12 h window's 12:00 start is not
    WindowSearch.Result r = WindowSearch.search(series(H, cleanAtThree(10)), 0, 2 * H, 2.0);
    assertThat(r.shiftCo2eKg()[0]).isCloseTo(0.2, within(1e-12));
    assertThat(r.shiftCo2eKg()[1]).isNull();
    assertThat(r.shiftBestStartS()[1]).isNull();
    assertThat(r.shiftCo2eKg()[2]).isNull();
    assertThat(r.notCovered()).isEqualTo("series_does_not_cover_12h_window");
    assertThat(r.pauseCo2eKg()[2]).isCloseTo(0.6, within(1e-12));

    WindowSearch.Result end = WindowSearch.search(series(H, cleanAtThree(10)), 8 * H, 2 * H, 2.0);
    assertThat(end.nowCo2eKg()).isCloseTo(1.0, within(1e-12));
    assertThat(end.shiftCo2eKg()[0]).isNull();
    assertThat(end.notCovered()).isEqualTo("series_does_not_cover_6h_window");
    // the pause windows reach past 10:00 too
    assertThat(end.pauseCo2eKg()).containsOnlyNulls();
  }

  @Test
  void aSlotWithoutAValueIsNotCoveredEvenAtItsFallback() {
    double[] v = cleanAtThree(48);
    v[1] = Double.NaN;
    WindowSearch.Result r = WindowSearch.search(series(H, v), 0, 2 * H, 2.0);
    assertThat(r.nowCo2eKg()).isNull();
    assertThat(r.shiftCo2eKg()).containsOnlyNulls();
    assertThat(r.pauseCo2eKg()).containsOnlyNulls();
    assertThat(r.notCovered()).isEqualTo("series_does_not_cover_6h_window");

    // from 02:00 the gap is behind: every window and pause is covered
    WindowSearch.Result later = WindowSearch.search(series(H, v), 2 * H, 2 * H, 2.0);
    assertThat(later.notCovered()).isNull();
    assertThat(later.shiftCo2eKg()[0]).isCloseTo(0.2, within(1e-12));
    assertThat(later.shiftBestStartS()[0]).isEqualTo(3 * H);
  }

  @Test
  void halfHoursWithAnUnalignedStartTakePartsOfSlots() {
    // half hours: 100, 300, 200, then 500, but 50 at slots 5 and 6; 1 kWh from 00:15 for 30 min
    double[] v = new double[60];
    for (int i = 0; i < v.length; i++) {
      v[i] = i == 0 ? 100 : i == 1 ? 300 : i == 2 ? 200 : i == 5 || i == 6 ? 50 : 500;
    }
    WindowSearch.Result r = WindowSearch.search(series(1800, v), 900, 1800, 1.0);
    // now: 900 s at 100 and 900 s at 300: 200 g/kWh
    assertThat(r.nowCo2eKg()).isCloseTo(0.2, within(1e-12));
    // best start 02:45 (900 + 5 × 1800): 900 s of slot 5 and 900 s of slot 6, both 50
    for (int w = 0; w < 3; w++) {
      assertThat(r.shiftCo2eKg()[w]).isCloseTo(0.05, within(1e-12));
      assertThat(r.shiftBestStartS()[w]).isEqualTo(900 + 5 * 1800);
    }
    // 25 %, [900, 3150]: slot 0 (100) 900 s, then slot 1 (300) 900 s: (90,000 + 270,000) / 1800 = 200
    assertThat(r.pauseCo2eKg()[0]).isCloseTo(0.2, within(1e-12));
    // 50 %, [900, 3600]: slot 2 is still outside: the same
    assertThat(r.pauseCo2eKg()[1]).isCloseTo(0.2, within(1e-12));
    // 100 %, [900, 4500]: slot 0 (100) 900 s, slot 2 (200) 900 s: 150
    assertThat(r.pauseCo2eKg()[2]).isCloseTo(0.15, within(1e-12));
  }

  @Test
  void onATieTheEarliestStartWinsAndWithoutEnergyThereIsNoNumber() {
    WindowSearch.Result flat = WindowSearch.search(series(H, new double[40]), 2 * H, H, 1.0);
    assertThat(flat.shiftCo2eKg()[2]).isEqualTo(0.0);
    assertThat(flat.shiftBestStartS()[2]).isEqualTo(2 * H);

    WindowSearch.Result noEnergy = WindowSearch.search(series(H, cleanAtThree(48)), 0, 2 * H, null);
    assertThat(noEnergy.nowCo2eKg()).isNull();
    assertThat(noEnergy.shiftCo2eKg()).containsOnlyNulls();
    assertThat(noEnergy.shiftBestStartS()).containsExactly(0L, 0L, 0L);
    assertThat(noEnergy.pauseCo2eKg()).containsOnlyNulls();
    assertThat(noEnergy.notCovered()).isNull();
  }

  @Test
  void doublesOrderAsInSpark() {
    assertThat(WindowSearch.compareNullsFirst(null, 1.0)).isNegative();
    assertThat(WindowSearch.compareNullsFirst(-0.0, 0.0)).isZero();
    assertThat(WindowSearch.compareNullsFirst(Double.NaN, 1e300)).isPositive();
    assertThat(WindowSearch.compareNullsFirst(Double.NaN, Double.NaN)).isZero();
  }
}
