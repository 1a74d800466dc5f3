package org.footprint.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.footprint.aggregate.MachineSummary;

/**
 * report/machine.html: the machine section, per cluster: utilisation, the idle share of the energy, the embodied
 * share of the CO2e and, with a facility meter, the unexplained remainder. Renders {@link MachineSummary} lines
 * only; every number comes from the machine tables.
 */
public final class MachinePage {
  public static final String FILE = "machine.html";

  private MachinePage() {}

  /** One rendered line. */
  record View(String cluster, String period, String available, String allocated, String utilisation,
      String idleKwh, String idleCo2e, String idleShare, String embodiedShare, String metered, String unexplained,
      String unexplainedShare, boolean hasMeter) {}

  public static void write(SparkSession spark, String outDir, String title, List<MachineSummary.Line> lines) {
    List<View> views = lines.stream().map(l -> new View(l.cluster(), l.firstDay() + " – " + l.lastDay(),
        Fmt.qty(l.availableGpuHours()), Fmt.qty(l.allocatedGpuHours()), Fmt.pct(l.utilisation()),
        Fmt.qty(l.idleKwh()), Fmt.qty(l.idleCo2eKg()), Fmt.pct(l.idleShare()), Fmt.pct(l.embodiedShare()),
        Fmt.qty(l.meteredKwh()), Fmt.qty(l.unexplainedKwh()), Fmt.pct(l.unexplainedShare()),
        l.meteredKwh() != null)).toList();
    Mustache m = new DefaultMustacheFactory("report").compile("machine.mustache");
    String html = ReportWriter.render(m, Map.of("title", title, "clusters", views, "none", views.isEmpty(),
        "anyMeter", views.stream().anyMatch(View::hasMeter)));
    Path file = new Path(new Path(outDir, "report"), FILE);
    try {
      FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.mkdirs(file.getParent());
      try (OutputStream out = fs.create(file, true)) {
        out.write(html.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("report: cannot write " + file, e);
    }
  }
}
