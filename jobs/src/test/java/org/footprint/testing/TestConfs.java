package org.footprint.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.footprint.conf.ConfLoader;
import org.footprint.conf.FootprintConf;

/**
 * Confs for the tests that load one through {@link ConfLoader} (YAML binding, validation, --set overrides): a small
 * valid conf written to a test's folder, or the repository's conf/footprint.yaml.
 */
public final class TestConfs {
  /** Cluster a: Berlin time, region DE, PUE 1.2. */
  public static final String CLUSTER_A = "  a: { time_zone: Europe/Berlin, region: DE, pue: 1.2 }";
  /** One sacct input of cluster a: in.txt, which {@link #write} puts beside the conf. */
  public static final String SACCT_IN_TXT = "  - { type: sacct, cluster: a, path: in.txt }";

  private TestConfs() {}

  /** The fixture GPU profiles every small conf names. */
  public static String profiles() {
    return TestPaths.fixture("gpu-profiles.csv").toString();
  }

  /** A valid conf: {@code clusters} and {@code inputs} (YAML lines, indented), the fixture GPU profiles, DE 380 g. */
  public static String yaml(String clusters, String inputs) {
    return "clusters:\n" + clusters + "\ninputs:\n" + inputs + "\ngpu_profiles: " + profiles()
        + "\ncarbon:\n  fallback_g_per_kwh: { DE: 380 }\n";
  }

  /** Cluster a with its one sacct export, and {@code extra} YAML appended (top-level keys). */
  public static String minimal(String extra) {
    return yaml(CLUSTER_A, SACCT_IN_TXT) + extra;
  }

  /** {@code yaml} as dir/c.yaml, beside an in.txt holding a sacct header line (the input the small confs name). */
  public static Path write(Path dir, String yaml) throws IOException {
    Files.writeString(dir.resolve("in.txt"), "JobID|State\n");
    Path p = dir.resolve("c.yaml");
    Files.writeString(p, yaml);
    return p;
  }

  /** {@link #write} then load with {@code --set} overrides. */
  public static FootprintConf load(Path dir, String yaml, Map<String, String> sets) throws IOException {
    return ConfLoader.load(write(dir, yaml).toString(), sets);
  }

  /** The repository's conf/footprint.yaml with {@code --set} overrides. */
  public static FootprintConf repository(Map<String, String> sets) {
    return ConfLoader.load(repositoryPath(), sets);
  }

  public static String repositoryPath() {
    return TestPaths.repo().resolve("conf/footprint.yaml").toString();
  }
}
