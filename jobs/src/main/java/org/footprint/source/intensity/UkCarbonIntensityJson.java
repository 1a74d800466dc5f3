package org.footprint.source.intensity;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.footprint.model.Reject;

/**
 * Saved responses of the UK Carbon Intensity API (national endpoints):
 * {@code {"data":[{"from","to","intensity":{"forecast","actual","index"}}]}}, half-hour slots for GB.
 * The API's figures count direct combustion only, so every point is "direct" whatever signal is wanted.
 * The latest slots have no actual yet: the forecast is used instead and marked estimated and forecast (jobs priced
 * with it say so in intensity_method). Slots keep their half-hour length: the carbon join integrates at that
 * resolution.
 * Streamed rather than read as one tree so that each reject can give the line its entry starts on.
 */
public final class UkCarbonIntensityJson implements IntensityFormat {

  public static final String ZONE = "GB";
  static final String ACTUAL_SOURCE = "carbonintensity.org.uk actual";
  static final String FORECAST_SOURCE = "carbonintensity.org.uk forecast";

  // The caller owns the reader: do not let Jackson close it.
  private static final ObjectMapper MAPPER = new ObjectMapper().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

  @Override
  public void read(String file, Reader in, String signal, Consumer<IntensityPoint> out, Consumer<Reject> rejects)
      throws IOException {
    try (JsonParser p = MAPPER.createParser(Bom.skip(in))) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IntensityFormatException(file + ": expected a JSON object with a \"data\" array");
      }
      boolean sawData = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("data") && value == JsonToken.START_ARRAY) {
          sawData = true;
          readEntries(file, p, out, rejects);
        } else {
          p.skipChildren();
        }
      }
      if (!sawData) {
        throw new IntensityFormatException(file + ": no \"data\" array");
      }
    } catch (JsonProcessingException e) {
      throw new IntensityFormatException(file + ": malformed JSON: " + e.getOriginalMessage()
          + " at line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()), e);
    }
  }

  private static void readEntries(String file, JsonParser p, Consumer<IntensityPoint> out, Consumer<Reject> rejects)
      throws IOException {
    while (p.nextToken() != JsonToken.END_ARRAY) {
      long line = p.currentTokenLocation().getLineNr(); // 1-based line of the entry's opening brace
      JsonNode entry = p.readValueAsTree();
      try {
        out.accept(point(entry));
      } catch (BadRow e) {
        rejects.accept(new Reject(REJECT_SOURCE, null, file, line, String.valueOf(entry), e.getMessage()));
      }
    }
  }

  static IntensityPoint point(JsonNode entry) throws BadRow {
    if (entry == null || !entry.isObject()) {
      throw new BadRow("entry is not an object");
    }
    Instant from = Fields.instant(text(entry, "from"), "from");
    Instant to = Fields.instant(text(entry, "to"), "to");
    long minutes = Duration.between(from, to).toMinutes();
    if (minutes <= 0) {
      throw new BadRow("\"to\" is not after \"from\"");
    }
    JsonNode intensity = entry.path("intensity");
    JsonNode actual = intensity.path("actual");
    JsonNode forecast = intensity.path("forecast");
    // An actual that is present but not a number is broken data: do not quietly use the forecast.
    if (!actual.isMissingNode() && !actual.isNull()) {
      return new IntensityPoint(ZONE, from, (int) minutes, number(actual, "intensity.actual"),
          IntensityPoint.DIRECT, ACTUAL_SOURCE, false);
    }
    if (forecast.isMissingNode() || forecast.isNull()) {
      throw new BadRow("neither \"intensity.actual\" nor \"intensity.forecast\" has a value");
    }
    return new IntensityPoint(ZONE, from, (int) minutes, number(forecast, "intensity.forecast"),
        IntensityPoint.DIRECT, FORECAST_SOURCE, true, true);
  }

  private static String text(JsonNode entry, String field) {
    JsonNode node = entry.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }

  private static double number(JsonNode node, String field) throws BadRow {
    return Fields.intensity(node.isValueNode() ? node.asText() : node.toString(), field);
  }
}
