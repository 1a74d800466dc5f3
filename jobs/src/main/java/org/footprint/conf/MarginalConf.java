package org.footprint.conf;

import java.io.Serializable;

/**
 * {@code carbon.marginal}: the optional marginal-emissions series (WattTime-style MOER CSV, docs/formats.md) that
 * prices each job a second time, as {@code co2e_marginal_kg}: what its consumption changed on the grid, where the
 * average signal says what it was attributed.
 */
public class MarginalConf implements Serializable {
  /** file, folder or glob, relative to the conf file. */
  public String path;
  /** where the series comes from (required): provider, region, signal, period. */
  public String source;

  static void validate(FootprintConf conf, MarginalConf m) {
    if (m == null) {
      return;
    }
    if (m.path == null || m.path.isBlank()) {
      throw new ConfException("carbon.marginal.path: file, folder or glob of the marginal CSV is missing");
    }
    if (m.source == null || m.source.isBlank()) {
      throw new ConfException("carbon.marginal.source: name where the marginal series comes from");
    }
    if (Paths.expand(conf, m.path).isEmpty()) {
      throw new ConfException("carbon.marginal.path: no file matches " + Paths.resolve(conf, m.path));
    }
  }
}
