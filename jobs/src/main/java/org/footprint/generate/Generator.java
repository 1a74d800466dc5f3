package org.footprint.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * {@code footprint generate}: a synthetic centre's accounting for benchmarks — one sacct export per cluster and
 * day (plus a re-export of 1 % of the jobs, as overlapping nightly windows produce), hourly intensity for every
 * region, and a footprint.yaml that reads them. Deterministic per seed; files are written in parallel.
 */
public final class Generator {
  private Generator() {}

  public record Result(long allocations, long files, long bytes, long duplicates) {}

  public static Result generate(long jobs, long seed, Path out, Path gpuProfiles) throws IOException {
    GeneratorSpec spec = GeneratorSpec.standard(jobs, seed);
    Files.createDirectories(out);
    AtomicLong allocations = new AtomicLong();
    AtomicLong files = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    AtomicLong duplicates = new AtomicLong();
    List<int[]> work = new ArrayList<>();
    for (int ci = 0; ci < spec.clusters().size(); ci++) {
      Files.createDirectories(out.resolve("slurm").resolve(spec.clusters().get(ci).name()));
      for (int d = 0; d < spec.days(); d++) {
        work.add(new int[] {ci, d});
      }
    }
    IntStream.range(0, work.size()).parallel().forEach(i -> {
      int ci = work.get(i)[0];
      int d = work.get(i)[1];
      GeneratorSpec.ClusterSpec c = spec.clusters().get(ci);
      LocalDate day = spec.start().plusDays(d);
      long n = ClusterDayGenerator.allocationsFor(spec, c, day);
      StringBuilder sb = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, n * 800 + 256));
      StringBuilder carry = new StringBuilder();
      sb.append(SacctExportWriter.HEADER).append('\n');
      long written = new ClusterDayGenerator(c, ci, seed).write(day, d, n, sb, carry, d == spec.days() - 1);
      Path dir = out.resolve("slurm").resolve(c.name());
      write(dir.resolve("sacct_" + day + ".txt"), sb);
      allocations.addAndGet(written);
      files.incrementAndGet();
      bytes.addAndGet(sb.length());
      if (carry.length() > 0) {
        StringBuilder re = new StringBuilder(SacctExportWriter.HEADER).append('\n').append(carry);
        write(dir.resolve("sacct_" + day + "_rerun.txt"), re);
        files.incrementAndGet();
        bytes.addAndGet(re.length());
        duplicates.addAndGet(carry.chars().filter(ch -> ch == '\n').count());
      }
    });
    IntensityWriter.write(spec, out.resolve("carbon").resolve("intensity.csv"));
    Files.copy(gpuProfiles, out.resolve("gpu-profiles.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    writeConf(spec, out);
    String summary = String.format(Locale.ROOT,
        "{\"jobs_requested\": %d, \"seed\": %d, \"allocations\": %d, \"files\": %d, \"bytes\": %d,"
            + " \"duplicate_rows\": %d}%n", jobs, seed, allocations.get(), files.get(), bytes.get(), duplicates.get());
    Files.writeString(out.resolve("GENERATED.json"), summary);
    return new Result(allocations.get(), files.get(), bytes.get(), duplicates.get());
  }

  private static void write(Path p, CharSequence text) {
    try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
      w.append(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeConf(GeneratorSpec spec, Path out) throws IOException {
    StringBuilder y = new StringBuilder("# written by footprint generate (synthetic benchmark centre)\nclusters:\n");
    for (GeneratorSpec.ClusterSpec c : spec.clusters()) {
      y.append("  ").append(c.name()).append(":\n")
          .append("    time_zone: ").append(c.zone()).append('\n')
          .append("    region: ").append(c.region()).append('\n')
          .append("    pue: ").append(c.pue()).append('\n')
          .append("    default_gpu_model: ").append(c.gpuModel()).append('\n')
          .append("    partitions:\n      gpu: { gpu_model: ").append(c.gpuModel()).append(" }\n      cpu: {}\n");
    }
    y.append("inputs:\n");
    for (GeneratorSpec.ClusterSpec c : spec.clusters()) {
      y.append("  - { type: sacct, cluster: ").append(c.name()).append(", path: slurm/").append(c.name())
          .append("/*.txt }\n");
    }
    y.append("  - { type: intensity, format: plain, path: carbon/intensity.csv }\n")
        .append("gpu_profiles: gpu-profiles.csv\n")
        .append("carbon:\n  fallback_g_per_kwh: { DE: 381, US-MIDW-MISO: 501, JP-TK: 480, \"*\": 475 }\n")
        .append("sweeps:\n  array_kind: hpo\n  rules:\n")
        .append("    - { name: nas, field: comment, pattern: \"^nas:([A-Za-z0-9_.-]+)\", kind: nas }\n");
    Files.writeString(out.resolve("footprint.yaml"), y);
  }
}
