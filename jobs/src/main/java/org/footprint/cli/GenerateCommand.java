package org.footprint.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.footprint.generate.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Write a synthetic centre's accounting for benchmarks: sacct exports of three clusters over a",
        "year (steps, arrays, het jobs, failures, overlaps), hourly intensity, and DIR/footprint.yaml to run on it.",
        "Deterministic per --seed."})
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--jobs", required = true, paramLabel = "N", description = "allocations to write (arrays count each task)")
  long jobs;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
  Path out;

  @Option(names = "--gpu-profiles", defaultValue = "conf/gpu-profiles.csv", paramLabel = "FILE",
      description = "GPU profiles copied next to the generated conf (default: ${DEFAULT-VALUE})")
  Path profiles;

  @Override
  public Integer call() throws Exception {
    if (jobs <= 0) {
      System.err.println("footprint: --jobs must be positive");
      return 2;
    }
    if (!Files.isRegularFile(profiles)) {
      System.err.println("footprint: --gpu-profiles: file not found: " + profiles);
      return 2;
    }
    long t0 = System.nanoTime();
    Generator.Result r = Generator.generate(jobs, seed, out, profiles);
    System.out.printf("generated %,d allocations in %,d files (%,d MB, %,d duplicate rows) in %.1f s%n"
        + "run it with: bin/footprint run --conf %s/footprint.yaml --out %s/out%n",
        r.allocations(), r.files(), r.bytes() >> 20, r.duplicates(), (System.nanoTime() - t0) / 1e9, out, out);
    return 0;
  }
}
