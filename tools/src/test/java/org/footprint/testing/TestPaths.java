package org.footprint.testing;

import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the repo is, from the surefire property footprint.repo (the part of jobs' TestPaths the tools tests use). */
public final class TestPaths {
  private TestPaths() {}

  public static Path repo() {
    String p = System.getProperty("footprint.repo");
    return (p == null ? Paths.get("..") : Paths.get(p)).toAbsolutePath().normalize();
  }
}
