package org.footprint.source;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.ConfLoader;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.conf.InputSpec;
import org.footprint.conf.InputSpec.Options;
import org.footprint.conf.InputSpec.Type;
import org.footprint.conf.MarginalConf;
import org.footprint.conf.Paths;
import org.footprint.io.CacheScope;
import org.footprint.source.intensity.IntensitySource;
import org.footprint.source.kubernetes.KubernetesSource;
import org.footprint.source.power.PowerSource;
import org.footprint.source.slurm.SlurmSource;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One policy in every reader: a file that cannot be read is one reject (line 0, reason_code unreadable_file, the
 * I/O error in its reason, source as in run_summary) counted as one record read and rejected, and the reader goes
 * on with the other files.
 */
class UnreadableFileTest extends SparkTestBase {
  private static FootprintConf conf;
  private static GpuProfiles profiles;

  @BeforeAll
  static void load() {
    conf = ConfLoader.load(TestPaths.repo().resolve("conf/footprint.yaml").toString(), Map.of());
    profiles = GpuProfiles.read(Paths.resolve(conf, conf.gpuProfiles));
  }

  private static String sample(String path) {
    return "file:" + TestPaths.repo().resolve("sample-logs").resolve(path);
  }

  /** A file that was there when the inputs were planned and is gone (or never was) when it is read. */
  private static String gone(String name) {
    return sample("no-such-folder/" + name);
  }

  private static InputSpec spec(Type type, String cluster, List<String> files, Options options) {
    return new InputSpec(type, cluster, files, options, "inputs[0]", "test");
  }

  private static SourceResult read(Source source, InputSpec... specs) {
    return source.read(spark, new Source.Context(conf, profiles, new CacheScope()), List.of(specs));
  }

  /** The one reject of the unreadable file, checked; the counts of its cluster. */
  private static Map<String, Long> assertOneUnreadable(SourceResult r, String file, String source, String cluster) {
    List<Row> rejects = r.rejects().filter(col("file").equalTo(file)).collectAsList();
    assertThat(rejects).singleElement().satisfies(x -> {
      assertThat(x.<String>getAs("source")).isEqualTo(source);
      assertThat(x.<String>getAs("cluster")).isEqualTo(cluster);
      assertThat(x.<Long>getAs("line")).isZero();
      assertThat(x.<String>getAs("reason_code")).isEqualTo("unreadable_file");
      assertThat(x.<String>getAs("reason")).startsWith("cannot read file: ").contains("does not exist");
    });
    Dataset<Row> counts = cluster == null ? r.counts().filter(col("cluster").isNull())
        : r.counts().filter(col("cluster").equalTo(cluster));
    return Frames.sumBy(counts, "category", "n");
  }

  @Test
  void sacctText() {
    String good = sample("slurm/alpine/sacct_2026-10-20.txt");
    SourceResult r = read(new SlurmSource(), spec(Type.SACCT, "alpine", List.of(gone("a.txt"), good), Options.NONE));
    Map<String, Long> c = assertOneUnreadable(r, gone("a.txt"), "slurm", "alpine");
    assertThat(c.get("rejected")).isGreaterThanOrEqualTo(1);
    assertThat(r.usage().count()).isPositive();
    // the missing file is no empty export: it has its reject
    assertThat(r.emptyInputs()).isEmpty();
  }

  @Test
  void sacctJson() {
    String good = sample("slurm/alpine-json/sacct_2026-10-20.json");
    SourceResult r = read(new SlurmSource(),
        spec(Type.SACCT_JSON, "alpine", List.of(good, gone("b.json")), Options.NONE));
    assertOneUnreadable(r, gone("b.json"), "slurm", "alpine");
    assertThat(r.usage().count()).isEqualTo(44);
  }

  @Test
  void kubernetesPodsNodesAndKatib() {
    String pods = sample("kubernetes/pods/pods-2026-10-28.json");
    SourceResult r = read(new KubernetesSource(),
        spec(Type.KUBECTL_PODS, "kestrel", List.of(pods, gone("pods.json")), Options.NONE),
        spec(Type.KUBECTL_NODES, "kestrel", List.of(sample("kubernetes/nodes.json"), gone("nodes.json")),
            Options.NONE),
        spec(Type.KATIB, "kestrel", List.of(gone("katib.yaml"), sample("kubernetes/katib/katib-experiments.json")),
            Options.NONE));
    assertOneUnreadable(r, gone("pods.json"), "kubernetes", "kestrel");
    assertOneUnreadable(r, gone("nodes.json"), "kubernetes", "kestrel");
    Map<String, Long> c = assertOneUnreadable(r, gone("katib.yaml"), "kubernetes", "kestrel");
    assertThat(c.get("files")).isEqualTo(6);
    assertThat(r.usage().count()).isPositive();
  }

  @Test
  void nvidiaSmiAndDcgm() {
    SourceResult r = read(new PowerSource(),
        spec(Type.NVIDIA_SMI, "alpine", List.of(sample("power/nvidia-smi/gpu001.csv"), gone("gpu009.csv")),
            new Options(List.of("timestamp", "index", "power.draw", "utilization.gpu"), null, null, null)),
        spec(Type.DCGM, "kestrel", List.of(gone("x.prom"), sample("power/dcgm/gke-kestrel-h100-e-01.prom")),
            Options.NONE));
    Map<String, Long> alpine = assertOneUnreadable(r, gone("gpu009.csv"), "power", "alpine");
    assertThat(alpine.get("files")).isEqualTo(2);
    assertOneUnreadable(r, gone("x.prom"), "power", "kestrel");
    Dataset<Row> samples = r.table(SourceResult.GPU_SAMPLES);
    assertThat(samples.filter(col("cluster").equalTo("alpine")).count()).isPositive();
    assertThat(samples.filter(col("cluster").equalTo("kestrel")).count()).isPositive();
  }

  @Test
  void intensity() {
    // the sample conf's carbon.marginal series is read by the intensity source too (its files count in the
    // intensity row): left out here, so the counts are the two files named
    MarginalConf marginal = conf.carbon.marginal;
    conf.carbon.marginal = null;
    SourceResult r;
    try {
      r = read(new IntensitySource(), spec(Type.INTENSITY, null,
          List.of(gone("DE.csv"), sample("carbon/DE_2026_hourly.csv")),
          new Options(null, null, InputSpec.IntensityFormat.ELECTRICITYMAPS, null)));
    } finally {
      conf.carbon.marginal = marginal;
    }
    Map<String, Long> c = assertOneUnreadable(r, gone("DE.csv"), "intensity", null);
    assertThat(c.get("files")).isEqualTo(2);
    assertThat(c.get("rejected")).isEqualTo(1);
    assertThat(r.table(SourceResult.INTENSITY_HOURLY).count()).isPositive();
  }
}
