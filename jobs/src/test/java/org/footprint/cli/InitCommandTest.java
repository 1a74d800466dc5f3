package org.footprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.footprint.conf.ConfLoader;
import org.footprint.conf.FootprintConf;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code footprint init} on a small sacct export of cluster "lab": partitions gpu (A100, gres type a100), gpu-h100
 * (H100, type h100), exotic (a board the profiles do not know: zx9000, once only in ReqTRES) and cpu (no GPUs);
 * six jobs that ran, their steps, one pending job. The conf it writes runs at once.
 */
class InitCommandTest extends SparkTestBase {
  static final String HEADER = "JobID|JobIDRaw|JobName|User|Account|Partition|State|Submit|Start|End|ElapsedRaw"
      + "|NNodes|NodeList|AllocCPUS|ReqMem|AllocTRES|ReqTRES|Cluster";
  static final List<String> LINES = List.of(HEADER,
      "1001|1001|train-a|ann|nlp|gpu|COMPLETED|2026-03-01T08:00:00|2026-03-01T08:05:00|2026-03-01T10:05:00|7200|1|g01"
          + "|16|64G|billing=16,cpu=16,gres/gpu:a100=2,gres/gpu=2,mem=64G,node=1|cpu=16,gres/gpu:a100=2,mem=64G|lab",
      "1001.batch|1001.batch|batch||nlp||COMPLETED|2026-03-01T08:05:00|2026-03-01T08:05:00|2026-03-01T10:05:00|7200|1"
          + "|g01|16||cpu=16,gres/gpu:a100=2,gres/gpu=2,mem=64G,node=1||lab",
      "1002|1002|train-b|ben|vision|gpu|FAILED|2026-03-02T09:00:00|2026-03-02T09:00:00|2026-03-02T09:30:00|1800|1|g02"
          + "|32|128G|billing=32,cpu=32,gres/gpu:a100=4,gres/gpu=4,mem=128G,node=1|cpu=32,gres/gpu=4|lab",
      "1003|1003|llm|ann|nlp|gpu-h100|COMPLETED|2026-03-03T00:00:00|2026-03-03T01:00:00|2026-03-03T05:00:00|14400|1"
          + "|h01|64|512G|billing=64,cpu=64,gres/gpu:h100=8,gres/gpu=8,mem=512G,node=1|cpu=64,gres/gpu:h100=8|lab",
      "1004|1004|odd-1|cid|physics|exotic|COMPLETED|2026-03-04T10:00:00|2026-03-04T10:00:00|2026-03-04T12:00:00|7200|1"
          + "|x01|8|32G|billing=8,cpu=8,gres/gpu:zx9000=1,gres/gpu=1,mem=32G,node=1|cpu=8,gres/gpu:zx9000=1|lab",
      "1005|1005|prep|cid|physics|cpu|COMPLETED|2026-03-05T10:00:00|2026-03-05T10:00:00|2026-03-05T11:00:00|3600|1"
          + "|c01|4|8G|billing=4,cpu=4,mem=8G,node=1|cpu=4,mem=8G|lab",
      "1006|1006|odd-2|cid|physics|exotic|TIMEOUT|2026-03-06T10:00:00|2026-03-06T10:00:00|2026-03-06T16:00:00|21600|1"
          + "|x02|8|32G|billing=8,cpu=8,gres/gpu=1,mem=32G,node=1|cpu=8,gres/gpu:zx9000=1|lab",
      "1007|1007|waiting|ben|vision|gpu|PENDING|2026-03-06T11:00:00|Unknown|Unknown|0|1|None assigned|4|16G||"
          + "cpu=4,gres/gpu:a100=1|lab");

  private record Outcome(int code, String out, String err) {}

  private static Outcome cli(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = new CommandLine(new FootprintCli()).execute(args);
      return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void writesACommentedConfThatRunsAtOnce(@TempDir Path dir) throws Exception {
    Path export = dir.resolve("exports/sacct_2026-03.txt");
    Files.createDirectories(export.getParent());
    Files.write(export, LINES);
    Path site = dir.resolve("site");
    String profiles = TestPaths.repo().resolve("conf/gpu-profiles.csv").toString();

    Outcome init = cli("init", "--slurm", export.toString(), "--out", site.toString(), "--gpu-profiles", profiles);
    assertThat(init.code()).as(init.err()).isZero();
    assertThat(init.out()).contains("slurm lab: 8 records, 6 jobs in 4 partitions", "[a100, h100, zx9000]",
        "2026-03-01 08:05 \u2013 2026-03-06 16:00", "GPU boards not in the profiles", "zx9000",
        "footprint run --conf " + site.resolve("footprint.yaml"));

    String yaml = Files.readString(site.resolve("footprint.yaml"));
    // the cluster from the Cluster column, what the export showed, and a TODO with a default for what it cannot
    assertThat(yaml).contains("\"lab\":", "6 jobs, 1 steps, 0 unreadable; jobs from 2026-03-01 08:05 \u2013"
        + " 2026-03-06 16:00 (the cluster's clock)");
    assertThat(yaml).contains("# TODO the time zone of the cluster's clock", "timedatectl", "time_zone: UTC",
        "# TODO the carbon zone of the data centre", "region: WORLD",
        "# TODO the facility's PUE", "pue: 1.58", "pue_source: \"TODO: default (Uptime Institute 2018",
        "energy_scope: none                    # TODO node (ipmi) or cpu (rapl)",
        "default_gpu_model: \"A100-SXM4-40GB\"", "\"*\": 475      # TODO the annual average of your zone(s)",
        "# TODO hourly carbon intensity", "# - { type: intensity, format: electricitymaps, path: carbon/*.csv }",
        "gpu_profiles: gpu-profiles.csv");
    // partitions with their boards; the unknown one named after its gres type, marked TODO
    assertThat(yaml).contains(
        "\"gpu\": { gpu_model: \"A100-SXM4-40GB\" }   # 2 jobs, 2 with GPUs (6.0 GPU-h), boards: [a100 \u00d72]",
        "\"gpu-h100\": { gpu_model: \"H100-SXM5-80GB\" }   # 1 jobs, 1 with GPUs (32.0 GPU-h)",
        "\"exotic\": { gpu_model: \"ZX9000\" }   # 2 jobs, 2 with GPUs (8.0 GPU-h), boards: [zx9000 \u00d71 (TODO"
            + " unknown board)]",
        "\"cpu\": {}   # 1 jobs, 0 with GPUs (0.0 GPU-h)");
    assertThat(yaml).contains("- type: sacct", "cluster: \"lab\"", "path: \"" + export.toAbsolutePath() + "\"");
    long todos = yaml.lines().filter(l -> l.contains("TODO")).count();
    assertThat(todos).isGreaterThanOrEqualTo(7);

    String csv = Files.readString(site.resolve("gpu-profiles.csv"));
    assertThat(csv).startsWith(Files.readString(Path.of(profiles)))
        .contains("ZX9000,zx9000,200,20,0,TODO: unknown board 'zx9000' found by footprint init; placeholder"
            + " figures of GENERIC-GPU");
    FootprintConf conf = ConfLoader.load(site.resolve("footprint.yaml").toString(), Map.of());
    assertThat(conf.clusters).containsOnlyKeys("lab");
    assertThat(conf.clusters.get("lab").partitions).containsOnlyKeys("cpu", "exotic", "gpu", "gpu-h100");

    // the run on it: every job ran, priced with the fallback intensity of the "*" zone
    Path out = site.resolve("out");
    Outcome run = cli("run", "--conf", site.resolve("footprint.yaml").toString(), "--out", out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    spark.catalog().refreshByPath(out.resolve("tables/jobs").toString());
    Map<String, Row> jobs = Frames.byKey(spark.read().parquet(out.resolve("tables/jobs").toString())
        .select("job_id", "gpu_model", "gpu_count", "region", "pue", "intensity_method", "energy_kwh", "co2e_kg"),
        "job_id");
    assertThat(jobs).containsOnlyKeys("1001", "1002", "1003", "1004", "1005", "1006");
    assertThat(jobs.get("1001").getString(1)).isEqualTo("A100-SXM4-40GB");
    assertThat(jobs.get("1003").getString(1)).isEqualTo("H100-SXM5-80GB");
    assertThat(jobs.get("1004").getString(1)).isEqualTo("ZX9000");
    // no gres type on the allocation: the partition's board
    assertThat(jobs.get("1006").getString(1)).isEqualTo("ZX9000");
    for (Row r : jobs.values()) {
      assertThat(r.getString(3)).isEqualTo("WORLD");
      assertThat(r.getDouble(4)).isEqualTo(1.58);
      assertThat(r.getString(5)).isEqualTo("fallback");
      assertThat(r.getDouble(6)).isPositive();
      // 475 g/kWh for every hour
      assertThat(r.getDouble(7)).isCloseTo(r.getDouble(6) * 0.475, org.assertj.core.data.Offset.offset(1e-9));
    }
    String index = Files.readString(out.resolve("report/index.html"));
    assertThat(index).contains("100.0% of this energy was priced with an annual-average carbon intensity",
        "TODO: default (Uptime Institute 2018 global average 1.58)");
  }

  @Test
  void refusesToGuessWithoutInputAndToOverwrite(@TempDir Path dir) throws Exception {
    assertThat(cli("init", "--out", dir.toString())).satisfies(o -> {
      assertThat(o.code()).isEqualTo(2);
      assertThat(o.err().trim()).isEqualTo("footprint: init needs --slurm FILE or --kubernetes DIR (or both)");
    });
    Path export = dir.resolve("sacct.txt");
    Files.write(export, LINES);
    String profiles = TestPaths.repo().resolve("conf/gpu-profiles.csv").toString();
    assertThat(cli("init", "--slurm", dir.resolve("none*.txt").toString(), "--out", dir.toString(),
        "--gpu-profiles", profiles).err().trim()).startsWith("footprint: --slurm: no file matches");
    Files.writeString(dir.resolve("footprint.yaml"), "# mine\n");
    assertThat(cli("init", "--slurm", export.toString(), "--out", dir.toString(), "--gpu-profiles", profiles))
        .satisfies(o -> {
          assertThat(o.code()).isEqualTo(2);
          assertThat(o.err()).contains("footprint.yaml exists: pass --force");
        });
    assertThat(Files.readString(dir.resolve("footprint.yaml"))).isEqualTo("# mine\n");
    assertThat(cli("init", "--slurm", export.toString(), "--out", dir.toString(), "--gpu-profiles", profiles,
        "--cluster", "my lab", "--force").code()).isZero();
    assertThat(Files.readString(dir.resolve("footprint.yaml"))).contains("\"my lab\":");
  }
}
