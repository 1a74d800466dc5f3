package org.footprint.sink;

/** This run's jobs and their totals (the window's, not every published day's): what the CLI prints. */
public record RunTotals(long jobs, double energyKwh, double co2eKg, double co2eLowKg, double co2eHighKg) {}
