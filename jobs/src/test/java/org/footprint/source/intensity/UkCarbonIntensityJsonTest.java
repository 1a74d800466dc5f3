package org.footprint.source.intensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import org.footprint.model.Reject;
import org.junit.jupiter.api.Test;

class UkCarbonIntensityJsonTest {

  private final UkCarbonIntensityJson format = new UkCarbonIntensityJson();

  @Test
  void actualThenForecastFallback() throws IOException {
    String json = """
        {"data":[
          {"from":"2023-03-13T03:30Z","to":"2023-03-13T04:00Z","intensity":{"forecast":66,"actual":65,"index":"low"}},
          {"from":"2023-03-13T04:00Z","to":"2023-03-13T04:30Z","intensity":{"forecast":70,"actual":null,"index":"low"}},
          {"from":"2023-03-13T04:30Z","to":"2023-03-13T05:00Z","intensity":{"forecast":71.5,"index":"low"}}
        ]}""";

    Collected c = Collected.read(format, "gb.json", json, "lifecycle");

    assertThat(c.rejects()).isEmpty();
    assertThat(c.points()).containsExactly(
        new IntensityPoint("GB", Instant.parse("2023-03-13T03:30:00Z"), 30, 65, "direct",
            "carbonintensity.org.uk actual", false),
        new IntensityPoint("GB", Instant.parse("2023-03-13T04:00:00Z"), 30, 70, "direct",
            "carbonintensity.org.uk forecast", true, true),
        new IntensityPoint("GB", Instant.parse("2023-03-13T04:30:00Z"), 30, 71.5, "direct",
            "carbonintensity.org.uk forecast", true, true));
  }

  @Test
  void badEntriesAreRejectedWithTheLineTheyStartOn() throws IOException {
    String json = """
        {
          "data": [
            {"from": "2023-03-13T03:30Z", "to": "2023-03-13T04:00Z", "intensity": {"forecast": null, "actual": null}},
            {"from": "2023-03-13T04:00Z", "to": "2023-03-13T03:30Z", "intensity": {"actual": 60}},
            {
              "from": "2023-03-13T04:30Z",
              "to": "2023-03-13T05:00Z",
              "intensity": {"forecast": 60, "actual": "n/a"}
            },
            {"to": "2023-03-13T05:30Z", "intensity": {"actual": 61}},
            {"from": "2023-03-13T05:30Z", "to": "2023-03-13T06:00Z", "intensity": {"actual": 62}}
          ]
        }""";

    Collected c = Collected.read(format, "gb.json", json, "direct");

    assertThat(c.points()).singleElement().extracting(IntensityPoint::gPerKwh).isEqualTo(62.0);
    assertThat(c.rejects()).extracting(Reject::line, Reject::reason).containsExactly(
        org.assertj.core.groups.Tuple.tuple(3L, "neither \"intensity.actual\" nor \"intensity.forecast\" has a value"),
        org.assertj.core.groups.Tuple.tuple(4L, "\"to\" is not after \"from\""),
        org.assertj.core.groups.Tuple.tuple(5L, "\"intensity.actual\" is not a number: 'n/a'"),
        org.assertj.core.groups.Tuple.tuple(10L, "missing \"from\""));
    assertThat(c.rejects().get(0).file()).isEqualTo("gb.json");
    assertThat(c.rejects().get(0).source()).isEqualTo("intensity");
    assertThat(c.rejects().get(0).raw()).contains("\"from\":\"2023-03-13T03:30Z\"");
  }

  @Test
  void structureErrorsThrowNamingTheFile() {
    assertThatThrownBy(() -> Collected.read(format, "a.json", "{\"other\":[]}", "direct"))
        .isInstanceOf(IntensityFormatException.class).hasMessageContaining("a.json").hasMessageContaining("data");
    assertThatThrownBy(() -> Collected.read(format, "b.json", "[1,2]", "direct"))
        .isInstanceOf(IntensityFormatException.class).hasMessageContaining("b.json");
    assertThatThrownBy(() -> Collected.read(format, "c.json", "{\"data\":[{\"from\":", "direct"))
        .isInstanceOf(IntensityFormatException.class).hasMessageContaining("c.json");
  }
}
