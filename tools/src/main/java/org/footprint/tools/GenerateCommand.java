package org.footprint.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.footprint.generate.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    usageHelpWidth = 100,
    description = {"Write a synthetic centre's accounting for benchmarks: sacct exports of three Slurm clusters over a"
        + " year (steps, arrays, het jobs, failures, overlaps), weekly kubectl pod snapshots, nodes and Katib sweeps of"
        + " a Kubernetes cluster, nvidia-smi logs and DCGM scrapes of a share of the GPU nodes, hourly intensity for"
        + " every region, DIR/footprint.yaml to run on it and DIR/GENERATED.json with the counts to expect.",
        "Deterministic per --seed."},
    footerHeading = "%nExample:%n",
    footer = {"  footprint generate --jobs 100000 --seed 1 --out /tmp/centre"})
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--jobs", required = true, paramLabel = "N", description = "allocations to write (arrays count each task)")
  long jobs;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
  Path out;

  @Option(names = "--days", defaultValue = "365", paramLabel = "D",
      description = "days of accounting from 2025-01-01 (default: ${DEFAULT-VALUE})")
  int days;

  @Option(names = "--k8s-share", defaultValue = "0.1", paramLabel = "F",
      description = "share of the N jobs run as pods on the Kubernetes cluster gen-k8s, 0 for none (default: ${DEFAULT-VALUE})")
  double k8sShare;

  @Option(names = "--power-share", defaultValue = "0.02", paramLabel = "F",
      description = "share of the GPU nodes that log power: nvidia-smi on Slurm, DCGM on Kubernetes, 0 for none"
          + " (default: ${DEFAULT-VALUE})")
  double powerShare;

  @Option(names = "--sample-interval", defaultValue = "60", paramLabel = "S",
      description = "seconds between two power samples of a board (default: ${DEFAULT-VALUE})")
  int sampleInterval;

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
    if (days <= 0 || k8sShare < 0 || k8sShare >= 1 || powerShare < 0 || powerShare > 1 || sampleInterval <= 0) {
      System.err.println("footprint: --days and --sample-interval must be positive, --k8s-share in [0, 1),"
          + " --power-share in [0, 1]");
      return 2;
    }
    long t0 = System.nanoTime();
    Generator.Result r = Generator.generate(jobs, seed, out, profiles,
        new Generator.Options(days, k8sShare, powerShare, sampleInterval));
    System.out.printf("generated %,d Slurm allocations and %,d pod runs, %,d power samples, in %,d files"
        + " (%,d MB, %,d duplicate rows) in %.1f s%n"
        + "run it with: bin/footprint run --conf %s/footprint.yaml --out %s/out%n",
        r.allocations(), r.pods(), r.powerSamples(), r.files(), r.bytes() >> 20, r.duplicates(),
        (System.nanoTime() - t0) / 1e9, out, out);
    return 0;
  }
}
