package org.footprint.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layering the code is meant to show, checked on the sources: io at the bottom imports nothing of ours;
 * the sources do not know each other; the steps do not know the pipeline that orders them; nothing knows the CLI;
 * and dependencies are imports, not class names written out inline.
 */
class LayeringTest {
  private static final Path MAIN = Path.of("src/main/java/org/footprint");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.footprint\\.([a-z.]+)\\.[A-Z]",
      Pattern.MULTILINE);
  /** a qualified name of a class in code (not in an import, package line or comment); group 1: the simple name. */
  private static final Pattern INLINE_NAME =
      Pattern.compile("(?<![\\w.\"])(?:java|javax|org)\\.[a-z][\\w]*(?:\\.[a-z]\\w*)*\\.([A-Z]\\w*)");
  private static final Pattern IMPORTED = Pattern.compile("^import ([\\w.]+)\\.([A-Z]\\w*);", Pattern.MULTILINE);

  @Test
  void ioImportsNothingOfOurs() {
    assertThat(violations("io", pkg -> !pkg.equals("io"))).isEmpty();
  }

  @Test
  void sourcesDoNotImportEachOther() {
    List<String> bad = new ArrayList<>();
    for (String s : List.of("slurm", "kubernetes", "power", "intensity", "inventory", "meter")) {
      bad.addAll(violations("source/" + s, pkg -> pkg.startsWith("source.") && !pkg.equals("source." + s)));
    }
    assertThat(bad).isEmpty();
  }

  @Test
  void stepsDoNotImportThePipeline() {
    List<String> bad = new ArrayList<>();
    for (String p : List.of("energy", "carbon", "sweep", "aggregate", "sink", "source", "conf", "model", "io")) {
      bad.addAll(violations(p, pkg -> pkg.equals("pipeline")));
    }
    assertThat(bad).isEmpty();
  }

  @Test
  void nothingImportsTheCli() {
    List<String> bad = new ArrayList<>();
    for (Path dir : packages()) {
      String name = MAIN.relativize(dir).toString();
      if (!name.equals("cli")) {
        bad.addAll(violations(name, pkg -> pkg.equals("cli")));
      }
    }
    assertThat(bad).isEmpty();
  }

  @Test
  void noInlineQualifiedClassNames() {
    List<String> bad = new ArrayList<>();
    for (Path f : javaFiles(MAIN)) {
      List<String> lines = read(f);
      // a name written out because the file imports another class of the same simple name (two Path types)
      Set<String> clashes = new HashSet<>();
      Matcher imp = IMPORTED.matcher(String.join("\n", lines));
      while (imp.find()) {
        clashes.add(imp.group(2));
      }
      boolean inComment = false;
      for (int i = 0; i < lines.size(); i++) {
        String code = lines.get(i).strip();
        if (code.startsWith("/*")) {
          inComment = true;
        }
        boolean skip = inComment || code.startsWith("//") || code.startsWith("*") || code.startsWith("import ")
            || code.startsWith("package ");
        if (code.contains("*/")) {
          inComment = false;
        }
        if (skip) {
          continue;
        }
        String noStrings = code.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("//.*$", "");
        Matcher m = INLINE_NAME.matcher(noStrings);
        while (m.find()) {
          if (!clashes.contains(m.group(1))) {
            bad.add(MAIN.relativize(f) + ":" + (i + 1) + ": " + code);
          }
        }
      }
    }
    assertThat(bad).isEmpty();
  }

  private static List<String> violations(String dir, Predicate<String> forbidden) {
    List<String> bad = new ArrayList<>();
    Path root = MAIN.resolve(dir);
    if (!Files.isDirectory(root)) {
      return bad;
    }
    for (Path f : javaFiles(root)) {
      Matcher m = IMPORT.matcher(String.join("\n", read(f)));
      while (m.find()) {
        if (forbidden.test(m.group(1))) {
          bad.add(MAIN.relativize(f) + " imports " + m.group(1));
        }
      }
    }
    return bad;
  }

  private static List<Path> packages() {
    try (Stream<Path> s = Files.list(MAIN)) {
      return s.filter(Files::isDirectory).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> javaFiles(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> read(Path f) {
    try {
      return Files.readAllLines(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
