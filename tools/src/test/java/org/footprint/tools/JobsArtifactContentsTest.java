package org.footprint.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.footprint.cli.FootprintCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs artifact this module is built against — {@code jobs/target/footprint-jobs-*.jar} and the thin
 * {@code -spark.jar} that spark-submit runs, under {@code mvn package}/{@code verify}; {@code jobs/target/classes}
 * under {@code mvn test} — holds no generator or benchmark file. Empty package folders left in a
 * {@code target/classes} compiled before the move are not code and are not counted ({@code mvn clean} drops them).
 */
class JobsArtifactContentsTest {
  private static final List<String> FORBIDDEN = List.of("org/footprint/generate/", "org/footprint/bench/",
      "org/footprint/tools/", "org/footprint/cli/GenerateCommand");

  @Test
  void jobsArtifactHasNoGeneratorOrBenchmarkFiles() throws IOException, URISyntaxException {
    Path jobs = Path.of(FootprintCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Path> artifacts = new ArrayList<>(List.of(jobs));
    if (!Files.isDirectory(jobs)) {
      Path thin = jobs.resolveSibling(jobs.getFileName().toString().replaceFirst("\\.jar$", "-spark.jar"));
      assertThat(thin).as("the thin jar beside " + jobs).exists();
      artifacts.add(thin);
    }
    for (Path artifact : artifacts) {
      System.out.println("checked for generator and benchmark files: " + artifact);
      assertThat(forbiddenFiles(artifact)).as(artifact.toString()).isEmpty();
    }
    // where they belong: this module
    assertThat(org.footprint.generate.Generator.class.getProtectionDomain().getCodeSource().getLocation().getPath())
        .contains("/tools/target/");
  }

  @Test
  void theCheckFindsAGeneratorClassInAJar(@TempDir Path tmp) throws IOException {
    Path jar = tmp.resolve("footprint-jobs-stale.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String name : List.of("org/footprint/cli/FootprintCli.class", "org/footprint/generate/",
          "org/footprint/generate/Generator.class", "org/footprint/bench/")) {
        out.putNextEntry(new JarEntry(name));
        out.closeEntry();
      }
    }
    assertThat(forbiddenFiles(jar)).containsExactly("org/footprint/generate/Generator.class");
  }

  /** Files (not folders) under a forbidden prefix, in a jar or a classes folder. */
  static List<String> forbiddenFiles(Path artifact) throws IOException {
    List<String> found = new ArrayList<>();
    if (Files.isDirectory(artifact)) {
      try (Stream<Path> s = Files.walk(artifact)) {
        s.filter(Files::isRegularFile).map(p -> artifact.relativize(p).toString().replace('\\', '/'))
            .filter(JobsArtifactContentsTest::forbidden).forEach(found::add);
      }
    } else {
      try (JarFile jf = new JarFile(artifact.toFile())) {
        for (Enumeration<JarEntry> e = jf.entries(); e.hasMoreElements(); ) {
          JarEntry entry = e.nextElement();
          if (!entry.isDirectory() && forbidden(entry.getName())) {
            found.add(entry.getName());
          }
        }
      }
    }
    return found;
  }

  private static boolean forbidden(String entry) {
    return FORBIDDEN.stream().anyMatch(entry::startsWith);
  }
}
