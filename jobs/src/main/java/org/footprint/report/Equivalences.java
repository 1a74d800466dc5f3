package org.footprint.report;

import java.util.ArrayList;
import java.util.List;

/**
 * CO2e expressed as everyday quantities, with the factor set of Strubell, Ganesh &amp; McCallum (2019), Table 1.
 * The factors are in lbs CO2e as published; they are converted with the exact pound (0.45359237 kg).
 */
public final class Equivalences {
  public static final double KG_PER_LB = 0.45359237;
  public static final String SOURCE = "Strubell, Ganesh & McCallum (2019), \u201cEnergy and Policy Considerations"
      + " for Deep Learning in NLP\u201d, ACL 2019, Table 1 (arXiv:1906.02243)";
  public static final String FACTOR_SET = "Strubell et al. 2019 (lbs CO2e, US figures)";

  /** One published factor: {@code lbs} CO2e per {@code unit}. */
  public record Factor(String what, String unit, double lbs) {
    public double kg() {
      return lbs * KG_PER_LB;
    }
  }

  public static final List<Factor> FACTORS = List.of(
      new Factor("Round-trip flight New York \u2194 San Francisco, 1 passenger", "flights", 1_984),
      new Factor("Average human life, 1 year", "years of an average life", 11_023),
      new Factor("Average American life, 1 year", "years of an American life", 36_156),
      new Factor("Average US car including fuel, 1 lifetime", "car lifetimes", 126_000));

  /** An amount of CO2e in one factor's unit. */
  public record Equivalent(Factor factor, double value) {}

  private Equivalences() {}

  public static List<Equivalent> of(double co2eKg) {
    List<Equivalent> out = new ArrayList<>();
    for (Factor f : FACTORS) {
      out.add(new Equivalent(f, co2eKg / f.kg()));
    }
    return out;
  }
}
