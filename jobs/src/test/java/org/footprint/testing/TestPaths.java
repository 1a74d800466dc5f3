package org.footprint.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the repo, its fixtures and the shared corpus are, from the surefire property footprint.repo. */
public final class TestPaths {
  private TestPaths() {}

  public static Path repo() {
    String p = System.getProperty("footprint.repo");
    return (p == null ? Paths.get("..") : Paths.get(p)).toAbsolutePath().normalize();
  }

  public static Path fixtures() {
    return repo().resolve("jobs/src/test/resources/fixtures");
  }

  public static Path fixture(String name) {
    return fixtures().resolve(name);
  }

  /** The developers' and CI's conformance corpus, a folder beside the repo; absent on a user's clone. */
  public static Path corpus() {
    return repo().resolve("../shared/corpus").normalize();
  }

  public static boolean hasCorpus() {
    boolean has = Files.isDirectory(corpus());
    if (!has) {
      System.out.println("SKIP: shared corpus not found at " + corpus() + " (only present beside the"
          + " developers' and CI's checkouts)");
    }
    return has;
  }
}
