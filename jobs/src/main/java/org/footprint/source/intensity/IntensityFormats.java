package org.footprint.source.intensity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The intensity formats by the name used in {@code footprint.yaml} ({@code inputs[].format}). */
public final class IntensityFormats {

  // Readers are stateless, so one instance each is shared.
  private static final Map<String, IntensityFormat> FORMATS = new LinkedHashMap<>();

  static {
    FORMATS.put("electricitymaps", new ElectricityMapsCsv());
    FORMATS.put("plain", new PlainIntensityCsv());
    FORMATS.put("uk-carbon-intensity-json", new UkCarbonIntensityJson());
  }

  private IntensityFormats() {}

  /** Looks a format up case-insensitively; an unknown name fails listing the valid ones. */
  public static IntensityFormat byName(String name) {
    IntensityFormat format = name == null ? null : FORMATS.get(name.trim().toLowerCase(Locale.ROOT));
    if (format == null) {
      throw new IllegalArgumentException("unknown intensity format '" + name + "'; valid: "
          + String.join(", ", FORMATS.keySet()));
    }
    return format;
  }

  /** The valid names, in documentation order. */
  public static Set<String> names() {
    return Collections.unmodifiableSet(FORMATS.keySet());
  }
}
