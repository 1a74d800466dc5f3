package org.footprint.generate;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.ConfLoader;
import org.footprint.conf.FootprintConf;
import org.footprint.pipeline.FootprintRun;
import org.footprint.pipeline.RunOptions;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code footprint generate}: byte-identical output per seed, and a small generated centre (eight days, about 1,000
 * jobs, Slurm + Kubernetes + nvidia-smi + DCGM) run through the pipeline reconciles with the counts the generator
 * recorded in GENERATED.json, source by source.
 */
class GeneratorTest extends SparkTestBase {
  private static final Generator.Options SMALL = new Generator.Options(8, 0.2, 0.05, 60);
  private static final long JOBS = 1000;

  @TempDir
  static Path tmp;

  private static Path centre;
  private static JsonNode generated;
  private static Path out;

  @BeforeAll
  static void generateAndRun() throws IOException {
    centre = tmp.resolve("centre");
    Generator.generate(JOBS, 1, centre, profiles(), SMALL);
    generated = new ObjectMapper().readTree(centre.resolve("GENERATED.json").toFile());
    FootprintConf conf = ConfLoader.load(centre.resolve("footprint.yaml").toString(), Map.of());
    RunOptions opts = new RunOptions();
    out = tmp.resolve("out");
    opts.outDir = out.toString();
    new FootprintRun(spark, conf, opts).execute();
  }

  private static Path profiles() {
    return TestPaths.repo().resolve("conf/gpu-profiles.csv");
  }

  private static Dataset<Row> table(String name) {
    return spark.read().parquet(out.resolve("tables").resolve(name).toString());
  }

  @Test
  void sameSeedSameBytesOtherSeedOtherBytes() throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Path c = tmp.resolve("c");
    Generator.Options o = new Generator.Options(5, 0.2, 0.05, 60);
    Generator.generate(500, 42, a, profiles(), o);
    Generator.generate(500, 42, b, profiles(), o);
    Generator.generate(500, 43, c, profiles(), o);
    assertThat(digest(a)).isEqualTo(digest(b));
    assertThat(digest(a)).isNotEqualTo(digest(c));
    assertThat(files(a)).contains("kubernetes/nodes.json", "footprint.yaml", "GENERATED.json")
        .anyMatch(f -> f.startsWith("kubernetes/pods/pods-"))
        .anyMatch(f -> f.startsWith("kubernetes/katib/katib-"))
        .anyMatch(f -> f.startsWith("power/dcgm/") && f.endsWith(".prom"))
        .anyMatch(f -> f.startsWith("power/nvidia-smi/gen-") && f.endsWith(".csv"));
  }

  @Test
  void runSummaryReconcilesWithWhatTheGeneratorWrote() throws IOException {
    Map<String, Row> bySource = Frames.byKey(table("run_summary"),
        r -> r.<String>getAs("source") + "/" + r.getAs("cluster"));
    JsonNode expected = generated.get("expected");
    int checked = 0;
    for (String source : List.of("slurm", "kubernetes", "power")) {
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.get(source).fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = source + "/" + e.getKey();
        JsonNode want = e.getValue();
        Row s = bySource.get(key);
        assertThat(s).as(key + " in run_summary").isNotNull();
        long read = s.getAs("records_read");
        long jobs = s.getAs("jobs");
        long merged = s.getAs("merged");
        long skipped = s.getAs("skipped");
        long rejected = s.getAs("rejected");
        assertThat(read).as(key + " read").isEqualTo(want.get("records_read").asLong());
        assertThat(jobs).as(key + " jobs (samples for power)")
            .isEqualTo(source.equals("power") ? want.get("samples").asLong() : want.get("jobs").asLong());
        assertThat(merged).as(key + " merged").isEqualTo(want.get("merged").asLong());
        assertThat(skipped).as(key + " skipped").isEqualTo(want.get("skipped").asLong());
        assertThat(rejected).as(key + " rejected").isEqualTo(want.get("rejected").asLong());
        assertThat(s.<Long>getAs("files")).as(key + " files").isEqualTo(want.get("files").asLong());
        assertThat(read).as(key + " reconciles").isEqualTo(jobs + merged + skipped + rejected);
        checked++;
      }
    }
    assertThat(checked).isEqualTo(3 + 1 + bySourceCount(expected.get("power")));
    // the benchmark's check of the same counts, from the written CSV, agrees
    assertThat(org.footprint.bench.GeneratedCounts.compare(centre.resolve("GENERATED.json"),
        out.resolve("csv/run_summary.csv"))).isEmpty();
    Row intensity = bySource.get("intensity/null");
    assertThat(intensity.<Long>getAs("records_read")).isEqualTo(expected.get("intensity").get("records_read").asLong());

    // the deliberate rejects: one truncated sacct line per cluster and week, nothing else
    List<Row> rejects = table("rejects").collectAsList();
    long slurmRejects = 0;
    for (Iterator<JsonNode> it = expected.get("slurm").elements(); it.hasNext(); ) {
      slurmRejects += it.next().get("rejected").asLong();
    }
    assertThat(rejects).hasSize((int) slurmRejects)
        .allSatisfy(r -> assertThat(r.<String>getAs("source")).isEqualTo("slurm"));
  }

  private static int bySourceCount(JsonNode n) {
    int i = 0;
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); it.next()) {
      i++;
    }
    return i;
  }

  @Test
  void jobsOnLoggedNodesAreSampledAndKatibSweepsAreFound() {
    Dataset<Row> jobs = table("jobs");
    long k8sJobs = jobs.filter(col("source").equalTo("kubernetes")).count();
    assertThat(k8sJobs).isEqualTo(generated.get("kubernetes").get("pod_runs_ended").asLong());
    assertThat(jobs.filter(col("energy_method").equalTo("sampled").and(col("source").equalTo("slurm"))).count())
        .isPositive();
    assertThat(jobs.filter(col("energy_method").equalTo("sampled").and(col("source").equalTo("kubernetes"))).count())
        .isPositive();
    assertThat(jobs.filter(col("sweep_id").startsWith("katib:")).count()).isPositive();
    // the namespace without the Katib webhook: trials found through their owner Job
    assertThat(jobs.filter(col("sweep_id").startsWith("katib:research/")).count()).isPositive();
    assertThat(jobs.filter(col("source").equalTo("kubernetes")).select("state").distinct().collectAsList()
        .stream().map(r -> r.getString(0)).toList())
        .contains("COMPLETED", "FAILED", "CANCELLED");
  }

  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted()
          .toList();
    }
  }

  private static String digest(Path root) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String f : files(root)) {
        md.update(f.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        try (InputStream in = Files.newInputStream(root.resolve(f))) {
          byte[] buf = new byte[1 << 16];
          int n;
          while ((n = in.read(buf)) > 0) {
            md.update(buf, 0, n);
          }
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
