package org.footprint.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.footprint.pipeline.RunResult;
import org.footprint.pipeline.RunStats;

/** The short report printed after a run: counts, totals, top projects, search totals, where the tables are. */
final class SummaryPrinter {
  private SummaryPrinter() {}

  static void print(RunResult r, double seconds, PrintStream out) {
    out.println();
    out.println("footprint run finished in " + String.format(Locale.ROOT, "%.1f", seconds) + " s"
        + (r.stats() == null ? "" : ", " + r.stats().sparkJobs() + " Spark jobs"));
    out.println();
    out.println(String.format(Locale.ROOT, "%-10s %-10s %8s %8s %8s %8s %8s %8s", "source", "cluster", "read",
        "jobs", "merged", "skipped", "rejected", "warned"));
    for (Row s : r.runSummary()) {
      out.println(String.format(Locale.ROOT, "%-10s %-10s %8d %8d %8d %8d %8d %8d", s.getString(0),
          s.isNullAt(1) ? "-" : s.getString(1), s.getLong(3), s.getLong(4), s.getLong(5), s.getLong(6),
          s.getLong(7), s.getLong(8)));
    }
    for (int i = 0; i < r.inputs().size(); i++) {
      out.println((i == 0 ? "inputs: " : "        ") + r.inputs().get(i));
    }
    printRejectReasons(r, out);
    out.println();
    String scope = r.days() == null ? "this run" : "this run (" + (r.days().size() == 1 ? "day " + r.days().get(0)
        : r.days().get(0) + " .. " + r.days().get(r.days().size() - 1)) + ")";
    out.println(String.format(Locale.ROOT, "%s: %d jobs   energy: %.1f kWh   CO2e: %.1f kg (band %.1f - %.1f kg)",
        scope, r.jobs(), r.energyKwh(), r.co2eKg(), r.co2eLowKg(), r.co2eHighKg()));
    out.println();
    out.println("top projects by CO2e (all " + r.publishedDays() + " days in " + r.outDir() + "):");
    for (Row p : r.topProjects()) {
      out.println(String.format(Locale.ROOT, "  %-16s %6d jobs %10.1f GPU-h %10.1f kWh %9.1f kg CO2e"
              + "  (hpo %.1f, nas %.1f, failed %.1f kg)",
          p.isNullAt(0) ? "(none)" : p.getString(0), p.getLong(1), p.getDouble(3), p.getDouble(4), p.getDouble(7),
          p.getDouble(11), p.getDouble(12), p.getDouble(10)));
    }
    out.println();
    out.println("all projects by kind:");
    for (Row k : r.searchTotalsAll()) {
      out.println(String.format(Locale.ROOT, "  %-7s %6d jobs %10.1f kWh %9.1f kg CO2e  %5.1f%%", k.getString(1),
          k.getLong(2), k.getDouble(4), k.getDouble(5), k.isNullAt(6) ? 0.0 : 100 * k.getDouble(6)));
    }
    out.println();
    out.println("tables:  " + r.outDir() + "/tables/<name>/   (Parquet)");
    out.println("csv:     " + r.outDir() + "/csv/{by_user,by_project,by_sweep,search_totals,run_summary,rejects}.csv");
    out.println("report:  " + r.outDir() + "/report/index.html");
    if (Files.exists(Path.of(r.outDir(), "csv", "by_cluster_day.csv"))) {
      out.println("machine: " + r.outDir() + "/report/machine.html   (utilisation, idle, embodied share; csv/"
          + (Files.exists(Path.of(r.outDir(), "csv", "reconciliation.csv")) ? "by_cluster_day, by_partition_day,"
          + " reconciliation" : "by_cluster_day, by_partition_day") + ".csv)");
    }
    out.println("stats:   " + r.outDir() + "/" + RunStats.FILE_NAME + "   (phase times, Spark jobs, peak heap)");
  }

  /** Lines of the most frequent reject reasons, so a person sees why lines were refused without opening files. */
  static final int REJECT_REASONS_SHOWN = 8;

  private static void printRejectReasons(RunResult r, PrintStream out) {
    if (r.topRejectReasons().isEmpty()) {
      return;
    }
    out.println();
    out.println("top reject reasons (all in " + r.outDir() + "/csv/rejects.csv):");
    r.topRejectReasons().stream().limit(REJECT_REASONS_SHOWN).forEach(q -> out.println(String.format(Locale.ROOT,
        "  %-10s %-10s %-16s %6d   e.g. %s:%d", q.source(), q.cluster() == null ? "-" : q.cluster(), q.code(),
        q.count(), q.exampleFile().replaceFirst("^file:", ""), q.exampleLine())));
  }
}
