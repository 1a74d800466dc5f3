package org.footprint.conf;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.footprint.io.HadoopFs;

/**
 * conf/gpu-aliases.csv ({@code name,aliases,source}): the name a published GPU power table gives a board
 * ({@code Tesla V100-SXM2-32GB}, {@code A100 PCIe 40/80GB}) → the names footprint's inputs use for it (sacct gres
 * types, Kubernetes {@code nvidia.com/gpu.product} labels, nvidia-smi and DCGM names), {@code ;}-separated. Names
 * match case-insensitively, surrounding spaces ignored.
 */
public final class GpuAliases implements Serializable {
  public static final GpuAliases NONE = new GpuAliases();

  private final Map<String, List<String>> byName = new LinkedHashMap<>();

  /** The names a table's board goes by: its own and those the alias table gives it. */
  public List<String> namesOf(String tableName) {
    List<String> names = new ArrayList<>();
    names.add(tableName);
    names.addAll(byName.getOrDefault(key(tableName), List.of()));
    return names;
  }

  public static GpuAliases read(String path) {
    Path p = new Path(path);
    try {
      FileSystem fs = HadoopFs.of(p);
      try (Reader in = new InputStreamReader(fs.open(p), StandardCharsets.UTF_8)) {
        return parse(path, in);
      }
    } catch (IOException e) {
      throw new ConfException("gpu_tables.aliases: cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  public static GpuAliases parse(String file, Reader in) throws IOException {
    GpuAliases a = new GpuAliases();
    CSVFormat fmt = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
        .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
    try (CSVParser parser = CSVParser.parse(in, fmt)) {
      for (String col : new String[] {"name", "aliases"}) {
        if (!parser.getHeaderMap().containsKey(col)) {
          throw new ConfException("gpu_tables.aliases " + file + ": missing column '" + col + "' (header: name,aliases,"
              + "source)");
        }
      }
      for (CSVRecord r : parser) {
        String where = "gpu_tables.aliases " + file + " line " + r.getParser().getCurrentLineNumber();
        if (!r.isSet("aliases")) {
          throw new ConfException(where + ": " + r.size() + " fields where the header has "
              + parser.getHeaderNames().size());
        }
        String name = r.get("name");
        if (name.isBlank()) {
          throw new ConfException(where + ": no name");
        }
        List<String> aliases = new ArrayList<>();
        for (String alias : r.get("aliases").split(";")) {
          if (!alias.isBlank()) {
            aliases.add(alias.trim());
          }
        }
        if (a.byName.put(key(name), aliases) != null) {
          throw new ConfException(where + ": name '" + name + "' listed twice");
        }
      }
    }
    return a;
  }

  private static String key(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }
}
