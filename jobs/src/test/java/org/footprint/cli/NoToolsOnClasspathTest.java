package org.footprint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The generator and the benchmark mains live in the tools module: none of their classes may be on the jobs
 * classpath (what the jobs jar and spark-submit carry), and the production command line has no {@code generate}.
 */
class NoToolsOnClasspathTest {
  private static final List<String> TOOL_CLASSES = List.of(
      "org.footprint.generate.Generator",
      "org.footprint.generate.GeneratorSpec",
      "org.footprint.generate.PowerWriter",
      "org.footprint.bench.ScanFloor",
      "org.footprint.bench.GeneratedCounts",
      "org.footprint.bench.SampleJoinBench",
      "org.footprint.cli.GenerateCommand",
      "org.footprint.tools.GenerateCommand",
      "org.footprint.tools.ToolsCli");

  @Test
  void generatorAndBenchmarkClassesAreNotOnTheClasspath() {
    ClassLoader loader = NoToolsOnClasspathTest.class.getClassLoader();
    for (String name : TOOL_CLASSES) {
      assertThatThrownBy(() -> Class.forName(name, false, loader)).as(name).isInstanceOf(ClassNotFoundException.class);
    }
  }

  @Test
  void footprintCliHasNoGenerateCommand() {
    assertThat(new CommandLine(new FootprintCli()).getSubcommands()).containsOnlyKeys("run", "init", "help");
  }
}
