package org.footprint.source.intensity;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.footprint.conf.InputSpec;

/** The reader of each intensity format ({@link InputSpec.IntensityFormat}: the names of {@code inputs[].format}). */
public final class IntensityFormats {

  // Readers are stateless, so one instance each is shared.
  private static final Map<InputSpec.IntensityFormat, IntensityFormat> FORMATS =
      new EnumMap<>(InputSpec.IntensityFormat.class);

  static {
    FORMATS.put(InputSpec.IntensityFormat.ELECTRICITYMAPS, new ElectricityMapsCsv());
    FORMATS.put(InputSpec.IntensityFormat.PLAIN, new PlainIntensityCsv());
    FORMATS.put(InputSpec.IntensityFormat.UK_CARBON_INTENSITY_JSON, new UkCarbonIntensityJson());
  }

  private IntensityFormats() {}

  public static IntensityFormat of(InputSpec.IntensityFormat format) {
    return FORMATS.get(format);
  }

  /** Looks a format up case-insensitively; an unknown name fails listing the valid ones. */
  public static IntensityFormat byName(String name) {
    InputSpec.IntensityFormat format = InputSpec.IntensityFormat.of(name);
    if (format == null) {
      throw new IllegalArgumentException("unknown intensity format '" + name + "'; valid: "
          + InputSpec.IntensityFormat.spellings());
    }
    return of(format);
  }

  /** The valid names, in documentation order. */
  public static Set<String> names() {
    Set<String> out = new LinkedHashSet<>();
    Arrays.stream(InputSpec.IntensityFormat.values()).forEach(f -> out.add(f.toString()));
    return out;
  }
}
