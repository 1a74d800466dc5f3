package org.footprint.source.intensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import org.footprint.model.Reject;
import org.junit.jupiter.api.Test;

class PlainIntensityCsvTest {

  private final PlainIntensityCsv format = new PlainIntensityCsv();

  @Test
  void readsAnyColumnOrderWithUnknownSignal() throws IOException {
    String text = "GCO2_PER_KWH,Zone,datetime_utc\r\n412.5,DE,2024-05-01 13:00:00\r\n380,DE,2024-05-01T14:00:00Z\r\n";

    Collected c = Collected.read(format, "de.csv", text, "lifecycle");

    assertThat(c.rejects()).isEmpty();
    assertThat(c.points()).containsExactly(
        new IntensityPoint("DE", Instant.parse("2024-05-01T13:00:00Z"), 60, 412.5, "unknown", "de.csv", false),
        new IntensityPoint("DE", Instant.parse("2024-05-01T14:00:00Z"), 60, 380.0, "unknown", "de.csv", false));
  }

  @Test
  void signalColumnLabelsPointsAndOtherSignalIsSkipped() throws IOException {
    String text = "\uFEFFzone,datetime_utc,gco2_per_kwh,signal\n"
        + "FR,2024-05-01 13:00:00,20,direct\n"
        + "FR,2024-05-01 13:00:00,55,LCA\n"
        + "FR,2024-05-01 14:00:00,56,\n";

    Collected lifecycle = Collected.read(format, "fr.csv", text, "lifecycle");
    Collected direct = Collected.read(format, "fr.csv", text, "direct");

    assertThat(lifecycle.points()).extracting(IntensityPoint::gPerKwh, IntensityPoint::signal)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(55.0, "lifecycle"),
            org.assertj.core.groups.Tuple.tuple(56.0, "unknown"));
    assertThat(direct.points()).extracting(IntensityPoint::gPerKwh).containsExactly(20.0, 56.0);
    assertThat(lifecycle.rejects()).isEmpty();
  }

  @Test
  void badRowsAreRejected() throws IOException {
    String text = "zone,datetime_utc,gco2_per_kwh,signal\n"
        + "FR,2024-05-01 13:00:00,abc,\n"
        + "FR,2024-05-01 14:00:00,50,marginal\n"
        + "FR,2024-05-01,50,\n"
        + "FR,2024-05-01 15:00:00,NaN,\n";

    Collected c = Collected.read(format, "fr.csv", text, "lifecycle");

    assertThat(c.points()).isEmpty();
    assertThat(c.rejects()).extracting(Reject::line, Reject::reason).containsExactly(
        org.assertj.core.groups.Tuple.tuple(2L, "\"gco2_per_kwh\" is not a number: 'abc'"),
        org.assertj.core.groups.Tuple.tuple(3L, "\"signal\" must be lifecycle, direct or unknown, got 'marginal'"),
        org.assertj.core.groups.Tuple.tuple(4L, "\"datetime_utc\" is not a date-time: '2024-05-01'"),
        org.assertj.core.groups.Tuple.tuple(5L, "\"gco2_per_kwh\" is not a number: 'NaN'"));
  }

  @Test
  void missingColumnThrows() {
    assertThatThrownBy(() -> Collected.read(format, "p.csv", "zone,gco2_per_kwh\nDE,300\n", "direct"))
        .isInstanceOf(IntensityFormatException.class)
        .hasMessageContaining("p.csv")
        .hasMessageContaining("datetime_utc");
  }
}
