package org.footprint.source.intensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.footprint.source.intensity.AnnualIntensityTable.AnnualValue;
import org.footprint.model.Reject;
import org.junit.jupiter.api.Test;

class AnnualIntensityTableTest {

  // Units row first, quoted commas, no trailing newline: as CI_aggregated.csv is published.
  private static final String GREEN_ALGORITHMS = "index,,,,in gCO2e/kWh,,\"Country, Region or World\",\n"
      + "location,continentName,countryName,regionName,carbonIntensity,Type,source,comments\n"
      + "WORLD,World,Any,Any,475,World,https://www.iea.org/x,Data from 2019\n"
      + "CN-HK,Asia,China,\"Hong Kong, HK Electric\",710,Region,\"carbonfootprint, 2020\",\"Combined, T&D\"";

  @Test
  void greenAlgorithmsSkipsTheUnitsRow() throws Exception {
    LinkedHashMap<String, AnnualValue> table =
        AnnualIntensityTable.readGreenAlgorithms("CI_aggregated.csv", new StringReader(GREEN_ALGORITHMS));

    assertThat(table.keySet()).containsExactly("WORLD", "CN-HK");
    assertThat(table.get("WORLD")).isEqualTo(
        new AnnualValue("WORLD", 475, null, "green-algorithms: https://www.iea.org/x"));
    assertThat(table.get("CN-HK").gPerKwh()).isEqualTo(710.0);
    assertThat(table.get("CN-HK").source()).isEqualTo("green-algorithms: carbonfootprint, 2020");
  }

  @Test
  void carbonTrackerKeepsTheYear() throws Exception {
    String csv = "alpha-2,Entity,Code,Year,Carbon intensity of electricity (gCO2/kWh)\r\n"
        + "AE,United Arab Emirates,ARE,2022,561.1348\r\n"
        + "ZW,Zimbabwe,ZWE,,297.87234\r\n";

    LinkedHashMap<String, AnnualValue> table =
        AnnualIntensityTable.readCarbonTracker("carbon-intensities.csv", new StringReader(csv));

    assertThat(table).containsExactly(
        java.util.Map.entry("AE", new AnnualValue("AE", 561.1348, "2022", "carbontracker")),
        java.util.Map.entry("ZW", new AnnualValue("ZW", 297.87234, null, "carbontracker")));
  }

  @Test
  void codeCarbonKeyIsProviderAndRegionAfterTheBom() throws Exception {
    String csv = "\uFEFFprovider,providerName,offsetRatio,region,regionName,country_name,countryIsoCode,state,city,"
        + "impact,source,comment\n"
        + "gcp,Google Cloud Platform,100,africa-south1,,South Africa,ZAF,,Johannesburg,646,https://g/x,\n";

    LinkedHashMap<String, AnnualValue> table =
        AnnualIntensityTable.readCodeCarbonCloud("impact.csv", new StringReader(csv));

    assertThat(table).containsOnlyKeys("gcp:africa-south1");
    assertThat(table.get("gcp:africa-south1"))
        .isEqualTo(new AnnualValue("gcp:africa-south1", 646, null, "codecarbon: https://g/x"));
  }

  @Test
  void strictReadersThrowOnABadRowNamingFileAndLine() {
    String csv = GREEN_ALGORITHMS + "\nFR,Europe,France,Any,,Country,x,";

    assertThatThrownBy(() -> AnnualIntensityTable.readGreenAlgorithms("ga.csv", new StringReader(csv)))
        .isInstanceOf(IntensityFormatException.class)
        .hasMessage("ga.csv:5: empty \"carbonIntensity\"");
  }

  @Test
  void lenientReadersRejectBadAndDuplicateRows() throws Exception {
    String csv = GREEN_ALGORITHMS + "\nFR,Europe,France,Any,abc,Country,x,\nWORLD,World,Any,Any,480,World,y,";
    List<Reject> rejects = new ArrayList<>();

    LinkedHashMap<String, AnnualValue> table =
        AnnualIntensityTable.readGreenAlgorithms("ga.csv", new StringReader(csv), rejects::add);

    assertThat(table).containsOnlyKeys("WORLD", "CN-HK");
    assertThat(table.get("WORLD").gPerKwh()).isEqualTo(475.0);
    assertThat(rejects).extracting(Reject::line, Reject::reason).containsExactly(
        org.assertj.core.groups.Tuple.tuple(5L, "\"carbonIntensity\" is not a number: 'abc'"),
        org.assertj.core.groups.Tuple.tuple(6L, "duplicate location 'WORLD' (first at line 3)"));
  }

  @Test
  void missingValueColumnThrows() {
    assertThatThrownBy(() -> AnnualIntensityTable.readCarbonTracker("ct.csv",
        new StringReader("alpha-2,Entity,Year\nAE,UAE,2022\n")))
        .isInstanceOf(IntensityFormatException.class)
        .hasMessageContaining("ct.csv")
        .hasMessageContaining("Carbon intensity of electricity (gCO2/kWh)");
  }
}
