package org.footprint.source;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.spark.sql.Row;
import org.footprint.conf.ConfLoader;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.conf.InputSpec;
import org.footprint.conf.InputSpec.Options;
import org.footprint.conf.InputSpec.Type;
import org.footprint.conf.Paths;
import org.footprint.io.CacheScope;
import org.footprint.model.Reject;
import org.footprint.source.intensity.ElectricityMapsCsv;
import org.footprint.source.intensity.IntensityFormat;
import org.footprint.source.intensity.IntensityFormatException;
import org.footprint.source.intensity.IntensitySource;
import org.footprint.source.intensity.PlainIntensityCsv;
import org.footprint.source.intensity.UkCarbonIntensityJson;
import org.footprint.source.kubernetes.KubernetesSource;
import org.footprint.source.power.DcgmPrometheusReader;
import org.footprint.source.power.NvidiaSmiCsvReader;
import org.footprint.source.power.PowerInput;
import org.footprint.source.power.PowerRecord;
import org.footprint.source.power.PowerSource;
import org.footprint.source.slurm.SacctFileParser;
import org.footprint.source.slurm.SacctInput;
import org.footprint.source.slurm.SacctJsonReader;
import org.footprint.source.slurm.SacctRecord;
import org.footprint.source.slurm.SlurmSource;
import org.footprint.testing.Mutations;
import org.footprint.testing.Mutations.Mutated;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property test of every reader against damaged real files (the shared corpus, read in place, and the bundled
 * sample-logs): lines cut short, delimiters lost or doubled, random and non-UTF-8 bytes, a 1 MiB field, CRLF, a
 * BOM ({@link Mutations}). Whatever the damage, a reader
 * <ul>
 *   <li>never lets an exception escape (a whole file it cannot make sense of is its own documented reject),</li>
 *   <li>never hangs (each case runs under a generous preemptive timeout: a hang guard, not a speed target),</li>
 *   <li>accounts for every data line: in the line formats each non-blank, non-header, non-comment line is exactly
 *       one record (or, in dcgm, part of exactly one), and the source's counts reconcile:
 *       records_read = kept + merged + skipped + rejected, rejected = the rejects table.</li>
 * </ul>
 * Each file is mutated from its own seed, {@code footprint.fuzz.seed} (system property) plus its number; a failure
 * names the seed and the mutations, so it can be replayed. Parser-level cases are many and cheap
 * ({@code footprint.fuzz.cases} per base file, 40 unless set: {@code -Dfootprint.fuzz.cases=500} for a longer hunt);
 * one Spark read per source checks the counts over a smaller batch.
 */
class ReaderFuzzTest extends SparkTestBase {
  private static final long SEED = Long.getLong("footprint.fuzz.seed", 20261203L);
  /** Damaged files per base file at parser level, and per source at Spark level. */
  private static final int PARSER_CASES = Integer.getInteger("footprint.fuzz.cases", 40);
  private static final int SPARK_CASES = 3;
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);
  private static final String ZONE = "Europe/Berlin";
  /** sonar's field list of its headerless captures (corpus slurm/sacct_output.txt, sacct-output.txt). */
  private static final List<String> SONAR_FIELDS = List.of("JobID", "JobIDRaw", "User", "Account", "State", "Start",
      "End", "AveCPU", "AveDiskRead", "AveDiskWrite", "AveRSS", "AveVMSize", "ElapsedRaw", "ExitCode", "Layout",
      "MaxRSS", "MaxVMSize", "MinCPU", "ReqCPUS", "ReqMem", "ReqNodes", "Reservation", "Submit", "Suspended",
      "SystemCPU", "TimelimitRaw", "UserCPU", "NodeList", "Partition", "AllocTRES", "Priority", "JobName");
  private static final List<String> BAYOU_FIELDS = List.of("JobID", "JobIDRaw", "User", "Account", "Comment",
      "State", "Submit", "Start", "End", "ElapsedRaw", "AllocCPUS", "TotalCPU", "NodeList", "Partition", "AllocTRES",
      "TRESUsageInTot", "ConsumedEnergyRaw", "WCKey", "JobName");

  /** Rejects seen by the parser-level cases of one test: the damage must show, or the test proves nothing. */
  private static final AtomicLong REJECTS_SEEN = new AtomicLong();

  private static FootprintConf conf;
  private static GpuProfiles profiles;

  @TempDir
  static Path dir;

  @BeforeAll
  static void load() {
    conf = ConfLoader.load(TestPaths.repo().resolve("conf/footprint.yaml").toString(), Map.of());
    // the intensity source also reads the conf's carbon.marginal series (its values count in the intensity row):
    // only the damaged files are under test here
    conf.carbon.marginal = null;
    profiles = GpuProfiles.read(Paths.resolve(conf, conf.gpuProfiles));
  }

  @BeforeEach
  void resetTally() {
    REJECTS_SEEN.set(0);
  }

  /** The parser-level cases of a test saw rejects: the damage reached the readers. */
  private static void assertDamageShowed() {
    assertThat(REJECTS_SEEN.get()).as("rejects over all damaged files").isPositive();
  }

  /** A base file: where it is, whether its first line is a header kept intact, how to read it. */
  private record Base(Path path, int headerLines) {
    byte[] bytes() {
      try {
        return Files.readAllBytes(path);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static Path sample(String p) {
    return TestPaths.repo().resolve("sample-logs").resolve(p);
  }

  private static Path corpus(String p) {
    return TestPaths.corpus().resolve(p);
  }

  /** The first {@code n} lines of a large file, a smaller base. */
  private static Base head(Path path, int n, int headerLines) {
    try {
      List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
      Path out = dir.resolve("head-" + path.getFileName());
      Files.write(out, lines.subList(0, Math.min(n, lines.size())), StandardCharsets.UTF_8);
      return new Base(out, headerLines);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BufferedReader reader(byte[] bytes) {
    // as the readers open files: undecodable bytes become U+FFFD
    return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
  }

  /** Lines that are records of a line format: not blank, not among the first {@code headerLines}, not {@code other}. */
  private static TreeSet<Long> dataLines(Mutated m, int headerLines, Predicate<String> notARecord) {
    TreeSet<Long> out = new TreeSet<>();
    List<String> lines = m.lines();
    for (int i = headerLines; i < lines.size(); i++) {
      if (!lines.get(i).isBlank() && !notARecord.test(lines.get(i))) {
        out.add(i + 1L);
      }
    }
    return out;
  }

  /** Runs {@code check} on {@code cases} damaged copies of {@code base}; the first failure names its seed. */
  private static void fuzz(String what, Base base, long seedBase, String delimiters, int mutations,
      Function<Mutated, String> check) {
    byte[] original = base.bytes();
    for (int i = 0; i < PARSER_CASES; i++) {
      Mutated m = Mutations.mutate(original, seedBase + i, delimiters, base.headerLines(), mutations);
      String problem;
      try {
        problem = assertTimeoutPreemptively(HANG_GUARD, () -> check.apply(m), () -> what + " hangs, " + m.describe());
      } catch (RuntimeException | Error e) {
        if (e instanceof AssertionError a && a.getMessage() != null && a.getMessage().contains(" hangs, ")) {
          throw a;
        }
        throw new AssertionError(what + " " + base.path().getFileName() + " threw " + e + " on " + m.describe(), e);
      }
      if (problem != null) {
        fail(what + " " + base.path().getFileName() + ": " + problem + " on " + m.describe()
            + " (replay: -Dfootprint.fuzz.seed=" + SEED + ")");
      }
    }
  }

  // ---------------------------------------------------------------------------------------- parser level

  @Test
  void sacctTextEveryDataLineIsOneRecord() {
    Assumptions.assumeTrue(TestPaths.hasCorpus());
    Map<Base, SacctInput> bases = new LinkedHashMap<>();
    bases.put(new Base(corpus("slurm/test-data1.csv"), 1), new SacctInput("alpine", ZONE, null, null));
    bases.put(new Base(corpus("slurm/sacct.txt"), 1), new SacctInput("alpine", ZONE, null, null));
    bases.put(new Base(corpus("slurm/sacct_output.txt"), 0), new SacctInput("alpine", ZONE, SONAR_FIELDS, null));
    bases.put(new Base(corpus("slurm/sacct-output.txt"), 0), new SacctInput("alpine", ZONE, SONAR_FIELDS, null));
    bases.put(head(sample("slurm/alpine/sacct_2026-10-20.txt"), 40, 1), new SacctInput("alpine", ZONE, null, null));
    bases.put(head(sample("slurm/bayou/sacct_week_45.txt"), 40, 0), new SacctInput("bayou", ZONE, BAYOU_FIELDS, null));
    long seed = SEED;
    for (Map.Entry<Base, SacctInput> e : bases.entrySet()) {
      SacctInput input = e.getValue();
      int headerLines = e.getKey().headerLines();
      fuzz("sacct", e.getKey(), seed, "|", 6, m -> {
        List<SacctRecord> records = SacctFileParser.parseAll("f.txt", reader(m.bytes()), input);
        TreeSet<Long> expected = dataLines(m, headerLines, line -> false);
        TreeSet<Long> got = new TreeSet<>();
        records.stream().filter(r -> SacctRecord.REJECT.equals(r.kind)).forEach(r -> REJECTS_SEEN.incrementAndGet());
        for (SacctRecord r : records) {
          if (!got.add(r.line)) {
            return "line " + r.line + " gave two records";
          }
          if (SacctRecord.REJECT.equals(r.kind) && (r.reason == null || r.reason.isBlank())) {
            return "reject of line " + r.line + " has no reason";
          }
        }
        return got.equals(expected) ? null : "records of lines " + diff(got, expected);
      });
      seed += 1000;
    }
    assertDamageShowed();
  }

  @Test
  void sacctJsonNeverThrowsAndAlwaysSaysSomething() {
    Assumptions.assumeTrue(TestPaths.hasCorpus());
    List<Base> bases = List.of(new Base(corpus("slurm-json/slurm_21_8_8.json"), 0),
        new Base(corpus("slurm-json/slurm_23_2_6.json"), 0), new Base(corpus("slurm-json/slurm_23_11_5.json"), 0),
        new Base(corpus("slurm-json/sacct_1"), 0), new Base(corpus("slurm-json/fromage_1714003200.json"), 0),
        new Base(sample("slurm/alpine-json/sacct_2026-10-20.json"), 0));
    SacctInput input = new SacctInput("alpine", ZONE, null, null);
    long seed = SEED + 10_000;
    for (Base b : bases) {
      fuzz("sacct --json", b, seed, "{}[]:,\"", 3, m -> {
        List<SacctRecord> records = SacctJsonReader.parseAll("f.json", reader(m.bytes()), input);
        if (records.isEmpty()) {
          return "no record at all: the file vanished without a reject";
        }
        records.stream().filter(r -> SacctRecord.REJECT.equals(r.kind)).forEach(r -> REJECTS_SEEN.incrementAndGet());
        for (SacctRecord r : records) {
          if (r.kind == null || SacctRecord.REJECT.equals(r.kind) && (r.reason == null || r.reason.isBlank())) {
            return "record without kind or reject without reason at line " + r.line;
          }
        }
        return null;
      });
      seed += 1000;
    }
    assertDamageShowed();
  }

  @Test
  void nvidiaSmiEveryDataLineIsOneRecord() {
    List<Base> bases = List.of(head(sample("power/nvidia-smi/gpu001.csv"), 60, 1),
        head(sample("power/nvidia-smi/gpu002.csv"), 60, 1), head(sample("power/nvidia-smi/hgx03.csv"), 60, 1));
    PowerInput input = new PowerInput("alpine", PowerInput.NVIDIA_SMI, ZONE, null, null);
    long seed = SEED + 20_000;
    for (Base b : bases) {
      fuzz("nvidia-smi", b, seed, ",", 8, m -> {
        List<PowerRecord> records = NvidiaSmiCsvReader.readAll("gpu001.csv", reader(m.bytes()), input);
        return linesAccountedFor(records, dataLines(m, 1, line -> line.startsWith("#")));
      });
      seed += 1000;
    }
    assertDamageShowed();
  }

  @Test
  void dcgmEveryDataLineIsPartOfOneRecord() {
    Assumptions.assumeTrue(TestPaths.hasCorpus());
    List<Base> bases = List.of(new Base(corpus("power/metrics.txt"), 0),
        head(sample("power/dcgm/gke-kestrel-h100-e-01.prom"), 150, 0));
    PowerInput input = new PowerInput("kestrel", PowerInput.DCGM, ZONE, null, null);
    long seed = SEED + 30_000;
    for (Base b : bases) {
      fuzz("dcgm", b, seed, " {},=\"", 8, m -> {
        List<PowerRecord> records = DcgmPrometheusReader.readAll("node01.prom", reader(m.bytes()), input,
            Instant.parse("2026-10-20T00:00:00Z"));
        // comments are not records, except a # scrape_time that cannot be read (a reject)
        return linesAccountedFor(records, dataLines(m, 0, line -> line.startsWith("#") && !badScrapeTime(line)));
      });
      seed += 1000;
    }
    assertDamageShowed();
  }

  private static boolean badScrapeTime(String line) {
    if (!line.startsWith("# scrape_time ")) {
      return false;
    }
    try {
      OffsetDateTime.parse(line.substring("# scrape_time".length()).trim());
      return false;
    } catch (DateTimeParseException e) {
      return true;
    }
  }

  /** Every data line is in the lines of exactly one power record (a sample of several, a tally, a reject). */
  private static String linesAccountedFor(List<PowerRecord> records, TreeSet<Long> expected) {
    long lines = 0;
    for (PowerRecord r : records) {
      lines += r.lines;
      if (PowerRecord.REJECT.equals(r.kind)) {
        REJECTS_SEEN.incrementAndGet();
      }
      if (PowerRecord.REJECT.equals(r.kind) && !expected.contains(r.line)) {
        return "reject at line " + r.line + ", which is no data line";
      }
    }
    return lines == expected.size() ? null
        : "records stand for " + lines + " lines, the file has " + expected.size() + " data lines";
  }

  @Test
  void intensityFormatsAccountForEveryRowOrRefuseTheFile() throws IOException {
    Base em = head(sample("carbon/DE_2026_hourly.csv"), 300, 1);
    // the plain format from the same real values: zone,datetime_utc,gco2_per_kwh
    List<String> plain = new ArrayList<>(List.of("zone,datetime_utc,gco2_per_kwh"));
    for (String line : Files.readAllLines(em.path(), StandardCharsets.UTF_8).subList(1, 300)) {
      String[] f = line.split(",");
      plain.add(f[3] + "," + f[0].replace(' ', 'T') + "Z," + f[5]);
    }
    Path plainFile = dir.resolve("plain.csv");
    Files.write(plainFile, plain, StandardCharsets.UTF_8);
    Map<Base, IntensityFormat> csv = new LinkedHashMap<>();
    csv.put(em, new ElectricityMapsCsv());
    csv.put(new Base(plainFile, 1), new PlainIntensityCsv());
    long seed = SEED + 40_000;
    for (Map.Entry<Base, IntensityFormat> e : csv.entrySet()) {
      IntensityFormat format = e.getValue();
      fuzz("intensity CSV", e.getKey(), seed, ",", 8, m -> {
        List<Object> points = new ArrayList<>();
        List<Reject> rejects = new ArrayList<>();
        try (Reader in = reader(m.bytes())) {
          format.read("f.csv", in, "lifecycle", points::add, rejects::add);
        } catch (IntensityFormatException refused) {
          REJECTS_SEEN.incrementAndGet();
          return null; // the whole file is one reject (IntensityLoader): documented
        } catch (IOException io) {
          return "I/O error from memory: " + io;
        }
        TreeSet<Long> expected = dataLines(m, 1, line -> false);
        REJECTS_SEEN.addAndGet(rejects.size());
        long got = points.size() + rejects.size();
        boolean quoted = new String(m.bytes(), StandardCharsets.ISO_8859_1).indexOf('"') >= 0;
        // a stray quote may join lines into one CSV record: then fewer records than lines, never more
        return got == expected.size() || quoted && got <= expected.size() ? null
            : got + " points and rejects for " + expected.size() + " data lines";
      });
      seed += 1000;
    }
    Assumptions.assumeTrue(TestPaths.hasCorpus());
    fuzz("uk-carbon-intensity-json", new Base(corpus("carbon/2023-03-14T0331Z.json"), 0), seed, "{}[]:,\"", 3, m -> {
      try (Reader in = reader(m.bytes())) {
        new UkCarbonIntensityJson().read("f.json", in, "lifecycle", p -> { }, r -> REJECTS_SEEN.incrementAndGet());
      } catch (IntensityFormatException refused) {
        REJECTS_SEEN.incrementAndGet();
        return null;
      } catch (IOException io) {
        return "I/O error from memory: " + io;
      }
      return null;
    });
    assertDamageShowed();
  }

  private static String diff(TreeSet<Long> got, TreeSet<Long> expected) {
    TreeSet<Long> extra = new TreeSet<>(got);
    extra.removeAll(expected);
    TreeSet<Long> missing = new TreeSet<>(expected);
    missing.removeAll(got);
    return "not data lines: " + extra + ", data lines without a record: " + missing;
  }

  // ---------------------------------------------------------------------------------------- Spark level

  /** Writes damaged copies of the bases; returns their paths (file: URIs) and the expected data lines in all. */
  private static List<String> write(String prefix, List<Base> bases, long seedBase, String delimiters, int mutations,
      Map<String, Long> expectedByFile, Function<Mutated, Long> expected) throws IOException {
    return write(prefix, bases, SPARK_CASES, seedBase, delimiters, mutations, expectedByFile, expected);
  }

  private static List<String> write(String prefix, List<Base> bases, int cases, long seedBase, String delimiters,
      int mutations, Map<String, Long> expectedByFile, Function<Mutated, Long> expected) throws IOException {
    List<String> files = new ArrayList<>();
    int n = 0;
    for (Base b : bases) {
      byte[] original = b.bytes();
      for (int i = 0; i < cases; i++, n++) {
        Mutated m = Mutations.mutate(original, seedBase + n, delimiters, b.headerLines(), mutations);
        Path f = dir.resolve(prefix + "-" + (seedBase + n) + "-" + b.path().getFileName());
        Files.write(f, m.bytes());
        String uri = "file:" + f;
        files.add(uri);
        if (expected != null) {
          expectedByFile.put(uri, expected.apply(m));
        }
      }
    }
    return files;
  }

  private static SourceResult read(Source source, List<InputSpec> specs) {
    return assertTimeoutPreemptively(HANG_GUARD,
        () -> source.read(spark, new Source.Context(conf, profiles, new CacheScope()), specs),
        () -> source.kind() + " hangs (seed base " + SEED + ")");
  }

  private static InputSpec spec(Type type, String cluster, List<String> files, Options options) {
    return new InputSpec(type, cluster, files, options, "inputs[0]", "fuzz");
  }

  /** Per category, the counts of all clusters. */
  private static Map<String, Long> counts(SourceResult r) {
    Map<String, Long> out = new HashMap<>();
    for (Row row : r.counts().collectAsList()) {
      out.merge(row.getString(2), row.getLong(3), Long::sum);
    }
    return out;
  }

  /** records_read = kept + merged + skipped + rejected, and the rejects table holds the rejected. */
  private static Map<String, Long> assertReconciles(SourceResult r, long kept) {
    Map<String, Long> c = counts(r);
    long read = c.getOrDefault(Counts.RECORDS_READ, 0L);
    assertThat(kept + c.getOrDefault(Counts.MERGED, 0L) + c.getOrDefault(Counts.SKIPPED, 0L)
        + c.getOrDefault(Counts.REJECTED, 0L)).as("kept + merged + skipped + rejected = records_read " + c)
        .isEqualTo(read);
    assertThat(r.rejects().count()).as("rejects table = rejected " + c).isEqualTo(c.getOrDefault(Counts.REJECTED, 0L));
    assertThat(r.rejects().filter(col("reason_code").isNull().or(col("reason").isNull())).count()).isZero();
    return c;
  }

  @Test
  void slurmSourceCountsReconcileOverDamagedExports() throws IOException {
    Assumptions.assumeTrue(TestPaths.hasCorpus());
    Map<String, Long> expected = new HashMap<>();
    long seed = SEED + 50_000;
    List<String> headed = write("sacct", List.of(new Base(corpus("slurm/test-data1.csv"), 1),
        new Base(corpus("slurm/sacct.txt"), 1), new Base(sample("slurm/alpine/sacct_2026-10-20.txt"), 1)),
        seed, "|", 6, expected, m -> (long) dataLines(m, 1, line -> false).size());
    List<String> headerless = write("sonar", List.of(new Base(corpus("slurm/sacct_output.txt"), 0)), seed + 100,
        "|", 6, expected, m -> (long) dataLines(m, 0, line -> false).size());
    List<String> json = write("json", List.of(new Base(corpus("slurm-json/fromage_1714003200.json"), 0),
        new Base(sample("slurm/alpine-json/sacct_2026-10-20.json"), 0)), seed + 200, "{}[]:,\"", 3, expected, null);
    SourceResult r = read(new SlurmSource(), List.of(spec(Type.SACCT, "alpine", headed, Options.NONE),
        spec(Type.SACCT, "alpine", headerless, new Options(SONAR_FIELDS, null, null, null)),
        spec(Type.SACCT_JSON, "alpine", json, Options.NONE)));
    Map<String, Long> c = assertReconciles(r, r.usage().count());
    assertThat(c.get(Counts.RECORDS_READ)).as("every data line of the text exports is a record, and every JSON"
        + " export at least one").isGreaterThanOrEqualTo(expected.values().stream().mapToLong(Long::longValue).sum()
        + json.size());
    assertThat(c.get(Counts.FILES)).isEqualTo(headed.size() + headerless.size() + json.size());
  }

  @Test
  void powerSourceCountsReconcileOverDamagedLogs() throws IOException {
    Assumptions.assumeTrue(TestPaths.hasCorpus());
    Map<String, Long> expected = new HashMap<>();
    long seed = SEED + 60_000;
    List<String> smi = write("gpu001", List.of(head(sample("power/nvidia-smi/gpu001.csv"), 300, 1)), seed, ",", 8,
        expected, m -> (long) dataLines(m, 1, line -> line.startsWith("#")).size());
    List<String> dcgm = write("node01", List.of(new Base(corpus("power/metrics.txt"), 0),
        head(sample("power/dcgm/gke-kestrel-h100-e-01.prom"), 600, 0)), seed + 100, " {},=\"", 8, expected,
        m -> (long) dataLines(m, 0, line -> line.startsWith("#") && !badScrapeTime(line)).size());
    SourceResult r = read(new PowerSource(), List.of(spec(Type.NVIDIA_SMI, "alpine", smi, Options.NONE),
        spec(Type.DCGM, "kestrel", dcgm, Options.NONE)));
    Map<String, Long> c = assertReconciles(r, r.table(SourceResult.GPU_SAMPLES).count());
    assertThat(c.get(Counts.RECORDS_READ)).as("every data line is in one record")
        .isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void kubernetesSourceCountsReconcileOverDamagedDumps() throws IOException {
    Assumptions.assumeTrue(TestPaths.hasCorpus());
    Map<String, Long> expected = new HashMap<>();
    long seed = SEED + 70_000;
    List<String> podsJson = write("pods", List.of(new Base(sample("kubernetes/pods/pods-2026-10-30.json"), 0)), 1, seed,
        "{}[]:,\"", 3, expected, null);
    List<String> podsLines = write("watch", List.of(new Base(sample("kubernetes/pods/pods-watch.jsonl"), 0)), 1,
        seed + 100, "{}[]:,\"", 3, expected, null);
    List<String> nodes = write("nodes", List.of(new Base(sample("kubernetes/nodes.json"), 0)), 1, seed + 200,
        "{}[]:,\"", 3, expected, null);
    List<String> katib = write("katib", List.of(new Base(sample("kubernetes/katib/katib-experiments.json"), 0),
        new Base(sample("kubernetes/katib/katib-specs.yaml"), 0), new Base(corpus("kubernetes/enas-gpu.yaml"), 0)), 1,
        seed + 300, ":-# ", 3, expected, null);
    SourceResult r = read(new KubernetesSource(), List.of(spec(Type.KUBECTL_PODS, "kestrel", podsJson, Options.NONE),
        spec(Type.KUBECTL_PODS, "kestrel", podsLines, Options.NONE),
        spec(Type.KUBECTL_NODES, "kestrel", nodes, Options.NONE),
        spec(Type.KATIB, "kestrel", katib, Options.NONE)));
    Map<String, Long> c = assertReconciles(r, r.usage().count());
    assertThat(c.get(Counts.RECORDS_READ)).as("every pods file gives at least one record")
        .isGreaterThanOrEqualTo(podsJson.size() + podsLines.size());
    assertThat(c.get(Counts.FILES)).isEqualTo(podsJson.size() + podsLines.size() + nodes.size() + katib.size());
  }

  @Test
  void intensitySourceCountsReconcileOverDamagedFiles() throws IOException {
    Map<String, Long> expected = new HashMap<>();
    List<String> em = write("DE", List.of(head(sample("carbon/DE_2026_hourly.csv"), 300, 1)), SEED + 80_000, ",", 8,
        expected, null);
    SourceResult r = read(new IntensitySource(), List.of(spec(Type.INTENSITY, null, em,
        new Options(null, null, InputSpec.IntensityFormat.ELECTRICITYMAPS, null))));
    Map<String, Long> c = counts(r);
    long hourly = r.table(SourceResult.INTENSITY_HOURLY).count();
    assertThat(hourly + c.get(Counts.MERGED) + c.get(Counts.REJECTED)).isEqualTo(c.get(Counts.RECORDS_READ));
    assertThat(r.rejects().count()).isEqualTo(c.get(Counts.REJECTED));
    assertThat(c.get(Counts.RECORDS_READ)).isGreaterThanOrEqualTo(em.size());
  }
}
