package org.footprint.source.intensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import org.footprint.model.Reject;
import org.junit.jupiter.api.Test;

class ElectricityMapsCsvTest {

  private static final String OLD_HEADER = "Datetime (UTC),Country,Zone Name,Zone Id,"
      + "Carbon Intensity gCO₂eq/kWh (direct),Carbon Intensity gCO₂eq/kWh (LCA),Low Carbon Percentage,"
      + "Renewable Percentage,Data Source,Data Estimated,Data Estimation Method\n";
  private static final String NEW_HEADER = "Datetime (UTC),Country,Zone name,Zone id,"
      + "Carbon intensity gCO₂eq/kWh (direct),Carbon intensity gCO₂eq/kWh (Life cycle),"
      + "Carbon-free energy percentage (CFE%),Renewable energy percentage (RE%),Data source,Data estimated,"
      + "Data estimation method\n";
  private static final String ROWS =
      "2021-01-01 00:00:00,Sweden,Sweden,SE,2.54,30.02,99.42,60.13,svk.se,true,ESTIMATED_FORECASTS_HIERARCHY\n"
      + "2021-01-01 01:00:00,Sweden,Sweden,SE,3.5,31.25,99.40,60.00,svk.se,false,\n";

  private final ElectricityMapsCsv format = new ElectricityMapsCsv();

  @Test
  void oldHeaderLifecycle() throws IOException {
    Collected c = Collected.read(format, "se.csv", OLD_HEADER + ROWS, "lifecycle");

    assertThat(c.rejects()).isEmpty();
    assertThat(c.points()).containsExactly(
        new IntensityPoint("SE", Instant.parse("2021-01-01T00:00:00Z"), 60, 30.02, "lifecycle",
            "electricitymaps:svk.se", true),
        new IntensityPoint("SE", Instant.parse("2021-01-01T01:00:00Z"), 60, 31.25, "lifecycle",
            "electricitymaps:svk.se", false));
  }

  @Test
  void oldHeaderDirect() throws IOException {
    Collected c = Collected.read(format, "se.csv", OLD_HEADER + ROWS, "direct");

    assertThat(c.points()).extracting(IntensityPoint::gPerKwh).containsExactly(2.54, 3.5);
    assertThat(c.points()).extracting(IntensityPoint::signal).containsOnly("direct");
  }

  @Test
  void newHeaderLifecycleAndDirect() throws IOException {
    assertThat(Collected.read(format, "se.csv", NEW_HEADER + ROWS, "lifecycle").points())
        .extracting(IntensityPoint::gPerKwh).containsExactly(30.02, 31.25);
    assertThat(Collected.read(format, "se.csv", NEW_HEADER + ROWS, "direct").points())
        .extracting(IntensityPoint::gPerKwh).containsExactly(2.54, 3.5);
  }

  @Test
  void toleratesBomCrlfAsciiTwoAndIsoTimes() throws IOException {
    String text = "\uFEFF" + "DATETIME (UTC),Zone ID,Carbon Intensity gCO2eq/kWh (direct),"
        + "carbon  intensity gco2eq/kwh (life cycle)\r\n"
        + "2021-01-01T00:00:00Z,SE,2.54,30.02\r\n"
        + "2021-01-01T01:00:00+00:00,SE,3.5,31.25\r\n"
        + "2021-01-01T03:00:00+01:00,SE,4,32\r\n";

    Collected c = Collected.read(format, "bom.csv", text, "lifecycle");

    assertThat(c.rejects()).isEmpty();
    assertThat(c.points()).extracting(IntensityPoint::start).containsExactly(
        Instant.parse("2021-01-01T00:00:00Z"), Instant.parse("2021-01-01T01:00:00Z"),
        Instant.parse("2021-01-01T02:00:00Z"));
    assertThat(c.points()).extracting(IntensityPoint::gPerKwh).containsExactly(30.02, 31.25, 32.0);
    // no Data Source / Data Estimated columns: still readable, provenance defaults
    assertThat(c.points().get(0).dataSource()).isEqualTo("electricitymaps");
    assertThat(c.points().get(0).estimated()).isFalse();
  }

  @Test
  void badValuesAreRejectedWithFileLineAndColumn() throws IOException {
    String text = OLD_HEADER
        + "2021-01-01 00:00:00,Sweden,Sweden,SE,2.54,,99.42,60.13,svk.se,true,\n"
        + "\n"
        + "2021-01-01 01:00:00,Sweden,Sweden,SE,3.5,n/a,99.40,60.00,svk.se,false,\n"
        + "2021-01-01 02:00:00,Sweden,Sweden,SE,3.5,-1,99.40,60.00,svk.se,false,\n"
        + "yesterday,Sweden,Sweden,SE,3.5,31,99.40,60.00,svk.se,false,\n"
        + "2021-01-01 04:00:00,Sweden,Sweden,,3.5,31,99.40,60.00,svk.se,false,\n"
        + "2021-01-01 05:00:00,Sweden,Sweden,SE,3.5,33.5,99.40,60.00,svk.se,false,\n";

    Collected c = Collected.read(format, "bad.csv", text, "lifecycle");

    assertThat(c.points()).singleElement().extracting(IntensityPoint::gPerKwh).isEqualTo(33.5);
    assertThat(c.rejects()).extracting(Reject::line).containsExactly(2L, 4L, 5L, 6L, 7L);
    assertThat(c.rejects()).allSatisfy(r -> {
      assertThat(r.source()).isEqualTo("intensity");
      assertThat(r.cluster()).isNull();
      assertThat(r.file()).isEqualTo("bad.csv");
    });
    assertThat(c.rejects().get(0).reason()).isEqualTo("empty \"Carbon Intensity gCO₂eq/kWh (LCA)\"");
    assertThat(c.rejects().get(0).raw()).startsWith("2021-01-01 00:00:00,Sweden,Sweden,SE,2.54,,");
    assertThat(c.rejects().get(1).reason())
        .isEqualTo("\"Carbon Intensity gCO₂eq/kWh (LCA)\" is not a number: 'n/a'");
    assertThat(c.rejects().get(2).reason()).contains("(LCA)").contains("'-1'");
    assertThat(c.rejects().get(3).reason()).isEqualTo("\"Datetime (UTC)\" is not a date-time: 'yesterday'");
    assertThat(c.rejects().get(4).reason()).isEqualTo("empty \"Zone Id\"");
  }

  @Test
  void shortRowIsRejected() throws IOException {
    Collected c = Collected.read(format, "short.csv", OLD_HEADER + "2021-01-01 00:00:00,Sweden,Sweden,SE,2.54\n",
        "lifecycle");

    assertThat(c.points()).isEmpty();
    assertThat(c.rejects()).singleElement().satisfies(r -> {
      assertThat(r.line()).isEqualTo(2);
      assertThat(r.reason()).isEqualTo("missing \"Carbon Intensity gCO₂eq/kWh (LCA)\"");
    });
  }

  @Test
  void lineNumbersCountPhysicalLinesInsideQuotedFields() throws IOException {
    String text = OLD_HEADER
        + "2021-01-01 00:00:00,\"Swe\nden\",Sweden,SE,2.54,30,99.42,60.13,svk.se,true,\n"
        + "2021-01-01 01:00:00,Sweden,Sweden,SE,3.5,x,99.40,60.00,svk.se,false,\n";

    Collected c = Collected.read(format, "q.csv", text, "lifecycle");

    assertThat(c.points()).hasSize(1);
    assertThat(c.rejects()).singleElement().extracting(Reject::line).isEqualTo(4L);
  }

  @Test
  void missingWantedColumnThrowsNamingFileAndColumn() {
    String directOnly = "Datetime (UTC),Zone Id,Carbon Intensity gCO₂eq/kWh (direct)\n2021-01-01 00:00:00,SE,2.5\n";

    assertThatThrownBy(() -> Collected.read(format, "exports/se-2021.csv", directOnly, "lifecycle"))
        .isInstanceOf(IntensityFormatException.class)
        .hasMessageContaining("exports/se-2021.csv")
        .hasMessageContaining("Carbon Intensity gCO₂eq/kWh (LCA)");
  }

  @Test
  void missingSeveralColumnsListsThemAll() {
    String text = "Datetime (UTC),Country\n2021-01-01 00:00:00,Sweden\n";

    assertThatThrownBy(() -> Collected.read(format, "x.csv", text, "direct"))
        .isInstanceOf(IntensityFormatException.class)
        .hasMessageContaining("x.csv")
        .hasMessageContaining("Zone Id")
        .hasMessageContaining("Carbon Intensity gCO₂eq/kWh (direct)");
  }

  @Test
  void fileWithoutAnyKnownColumnThrows() {
    assertThatThrownBy(() -> Collected.read(format, "other.csv", "a,b\n1,2\n", "direct"))
        .isInstanceOf(IntensityFormatException.class)
        .hasMessageContaining("other.csv")
        .hasMessageContaining("no header row");
  }

  @Test
  void unterminatedQuoteThrowsNamingFileAndLine() {
    String text = OLD_HEADER + ROWS + "2021-01-01 02:00:00,\"Sweden,Sweden,SE,2.54,30\n";

    assertThatThrownBy(() -> Collected.read(format, "broken.csv", text, "lifecycle"))
        .isInstanceOf(IntensityFormatException.class)
        .hasMessageContaining("broken.csv")
        .hasMessageContaining("line 4");
  }

  @Test
  void invalidWantedSignalIsRefused() {
    assertThatThrownBy(() -> Collected.read(format, "se.csv", OLD_HEADER + ROWS, "marginal"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("marginal");
  }
}
