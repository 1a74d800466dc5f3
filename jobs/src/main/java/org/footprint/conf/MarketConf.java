package org.footprint.conf;

import java.io.Serializable;

/**
 * A cluster's market-based Scope 2 inputs (GHG Protocol Scope 2 Guidance, 2015): the emission factor of the
 * electricity it buys — the supplier's own factor from its fuel-mix disclosure, or, without one, the residual mix
 * of its market (e.g. AIB European Residual Mixes) — and the share of its electricity covered by contractual
 * renewable instruments (PPA, guarantees of origin, RECs) retired for it. Market-based CO2e = energy × (1 − share)
 * × factor. Bound under {@code clusters.NAME.market}; a cluster without it reports its location-based figure.
 */
public class MarketConf implements Serializable {
  /** supplier-specific emission factor, g CO2e/kWh (the supplier's disclosure). */
  @com.fasterxml.jackson.annotation.JsonProperty("supplier_g_per_kwh")
  public Double supplierGPerKwh;
  /** residual-mix emission factor, g CO2e/kWh, for electricity without a supplier factor. */
  @com.fasterxml.jackson.annotation.JsonProperty("residual_mix_g_per_kwh")
  public Double residualMixGPerKwh;
  /** where the factor comes from (required). */
  public String factorSource;
  /** share of the cluster's electricity covered by renewable contracts (PPA, certificates), 0-1. */
  public double renewableShare = 0.0;
  /** which contracts and certificates the share stands for (required when the share is above 0). */
  public String renewableSource;

  /** The factor used: the supplier's when given, else the residual mix. */
  public double factor() {
    return supplierGPerKwh != null ? supplierGPerKwh : residualMixGPerKwh;
  }

  /** supplier | residual_mix: which factor {@link #factor()} is. */
  public String method() {
    return supplierGPerKwh != null ? "supplier" : "residual_mix";
  }

  /** The first problem, as a ConfException naming the key. */
  static void validate(String key, MarketConf m) {
    if (m == null) {
      return;
    }
    if ((m.supplierGPerKwh == null) == (m.residualMixGPerKwh == null)) {
      throw new ConfException(key + ": give exactly one of supplier_g_per_kwh or residual_mix_g_per_kwh");
    }
    double f = m.factor();
    if (!(f >= 0) || f > 3000) {
      throw new ConfException(key + "." + (m.supplierGPerKwh != null ? "supplier_g_per_kwh" : "residual_mix_g_per_kwh")
          + ": " + f + " is not an emission factor in g/kWh (0 to 3000)");
    }
    if (m.factorSource == null || m.factorSource.isBlank()) {
      throw new ConfException(key + ".factor_source: name where the emission factor comes from");
    }
    if (!(m.renewableShare >= 0 && m.renewableShare <= 1)) {
      throw new ConfException(key + ".renewable_share: " + m.renewableShare + " is not a share between 0 and 1");
    }
    if (m.renewableShare > 0 && (m.renewableSource == null || m.renewableSource.isBlank())) {
      throw new ConfException(key + ".renewable_source: name the contracts or certificates behind renewable_share");
    }
  }
}
