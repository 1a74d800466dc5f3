package org.footprint.conf;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.footprint.io.HadoopFs;

/**
 * conf/gpu-profiles.csv: per board model its TDP and idle draw, and the aliases under which sacct gres
 * types, Kubernetes labels and nvidia-smi name it; optionally with published TDP tables layered over it
 * ({@code gpu_tables}, formats in {@link GpuTableReader}). Small: held on the driver and handed to Spark as map
 * literals.
 */
public final class GpuProfiles implements Serializable {

  public record Profile(String model, double tdpW, double idleW, int migSlices, String source)
      implements Serializable {}

  private final Map<String, Profile> byModel = new LinkedHashMap<>();
  private final Map<String, String> aliasToModel = new LinkedHashMap<>();

  public Map<String, Profile> byModel() {
    return byModel;
  }

  /** lower-case alias (and lower-case model name) to model. */
  public Map<String, String> aliasToModel() {
    return aliasToModel;
  }

  public boolean has(String model) {
    return model != null && byModel.containsKey(model);
  }

  /**
   * The profiles a conf names: {@code gpu_profiles}, then each of {@code gpu_tables.paths} layered over it in order
   * ({@link #layer}); board names of published tables translated by {@code gpu_tables.aliases}.
   */
  public static GpuProfiles load(FootprintConf conf) {
    FootprintConf.GpuTablesConf t = conf.gpuTables;
    GpuAliases aliases = t.aliases == null || t.aliases.isBlank() ? GpuAliases.NONE
        : GpuAliases.read(Paths.resolve(conf, t.aliases));
    GpuProfiles g = new GpuProfiles();
    g.readFile(Paths.resolve(conf, conf.gpuProfiles), aliases, t, true);
    for (String path : t.paths) {
      g.readFile(Paths.resolve(conf, path), aliases, t, false);
    }
    return g;
  }

  /** One table on its own, in any of the formats; without alias table, TDP-only tables at the default idle share. */
  public static GpuProfiles read(String path) {
    GpuProfiles g = new GpuProfiles();
    g.readFile(path, GpuAliases.NONE, new FootprintConf.GpuTablesConf(), true);
    return g;
  }

  public static GpuProfiles parse(String file, Reader in) throws IOException {
    GpuProfiles g = new GpuProfiles();
    g.readTable(file, in, GpuAliases.NONE, new FootprintConf.GpuTablesConf(), true);
    return g;
  }

  private void readFile(String path, GpuAliases aliases, FootprintConf.GpuTablesConf t, boolean first) {
    Path p = new Path(path);
    try {
      FileSystem fs = HadoopFs.of(p);
      try (Reader in = new InputStreamReader(fs.open(p), StandardCharsets.UTF_8)) {
        readTable(path, in, aliases, t, first);
      }
    } catch (IOException e) {
      throw new ConfException("gpu_profiles: cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * footprint's own format as the first table: every row a board (a model or alias named twice is an error). Any
   * later table, and a published one also as the first: {@link #layer}. A published table gives the TDP only: the
   * idle draw is {@code gpu_tables.idle_share_of_tdp} × TDP, said in the board's source.
   */
  void readTable(String file, Reader in, GpuAliases aliases, FootprintConf.GpuTablesConf t, boolean first)
      throws IOException {
    GpuTableReader.Table table = GpuTableReader.read(file, in);
    boolean published = table.format() != GpuTableReader.Format.FOOTPRINT;
    String name = new Path(file).getName();
    Map<String, String> layered = new HashMap<>();
    for (GpuTableReader.Row r : table.rows()) {
      if (!published) {
        Profile p = new Profile(r.name(), r.tdpW(), r.idleW(), r.migSlices(), r.source());
        if (first) {
          add(p, r.where(), r.aliases().toArray(new String[0]));
        } else {
          List<String> names = new ArrayList<>(List.of(r.name()));
          names.addAll(r.aliases());
          layer(p, r.migSlices() > 0, names, r.where(), layered);
        }
        continue;
      }
      double idle = t.idleShareOfTdp * r.tdpW();
      String source = table.format().label + " " + name + (r.source().isBlank() ? "" : ": " + r.source())
          + "; idle " + BigDecimal.valueOf(t.idleShareOfTdp).movePointRight(2).stripTrailingZeros().toPlainString()
          + " % of TDP assumed (gpu_tables.idle_share_of_tdp)";
      layer(new Profile(r.name(), r.tdpW(), idle, 0, source), false, aliases.namesOf(r.name()), r.where(), layered);
    }
  }

  /**
   * A board of a later (or published) table. When some of its names (its own, its aliases) already name boards,
   * it gives those boards its power (TDP, idle, source), keeping their names and MIG slices unless it has its own;
   * its other names join the first of them. Otherwise it is a new board. Two rows of one table giving power to the
   * same board is an error: which was meant cannot be told.
   *
   * @param layered the boards this table has given power to so far → the row that did
   */
  private void layer(Profile p, boolean ownMig, List<String> names, String where, Map<String, String> layered) {
    Set<String> hit = new LinkedHashSet<>();
    for (String n : names) {
      String m = aliasToModel.get(n.trim().toLowerCase(Locale.ROOT));
      if (m != null) {
        hit.add(m);
      }
    }
    if (hit.isEmpty()) {
      add(p, where, names.toArray(new String[0]));
      layered.put(p.model(), where);
      return;
    }
    for (String m : hit) {
      String prev = layered.put(m, where);
      if (prev != null) {
        throw new ConfException(where + ": " + p.model() + " names board " + m + ", which " + prev
            + " already gave power to; map the two names to different boards in gpu_tables.aliases");
      }
      Profile old = byModel.get(m);
      byModel.put(m, new Profile(m, p.tdpW(), p.idleW(), ownMig ? p.migSlices() : old.migSlices(), p.source()));
    }
    String first = hit.iterator().next();
    for (String n : names) {
      if (!n.isBlank()) {
        aliasToModel.putIfAbsent(n.trim().toLowerCase(Locale.ROOT), first);
      }
    }
  }

  /** Adds a board, named by its model and its aliases (blank ones ignored); {@code where} names it in errors. */
  void add(Profile p, String where, String... aliases) {
    if (byModel.put(p.model(), p) != null) {
      throw new ConfException(where + ": model " + p.model() + " listed twice");
    }
    alias(p.model(), p.model(), where);
    for (String a : aliases) {
      if (!a.isBlank()) {
        alias(a, p.model(), where);
      }
    }
  }

  private void alias(String alias, String model, String where) {
    String key = alias.trim().toLowerCase(Locale.ROOT);
    String prev = aliasToModel.putIfAbsent(key, model);
    if (prev != null && !prev.equals(model)) {
      throw new ConfException(where + ": alias '" + key + "' names both " + prev + " and " + model);
    }
  }
}
