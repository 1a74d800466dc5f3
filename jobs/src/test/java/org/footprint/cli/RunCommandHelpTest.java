package org.footprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The layout of {@code footprint run --help} at 100 columns (a cron log, a pipe, a terminal of that width): every
 * example stays on one line, and descriptions are wrapped between words, never inside one.
 */
class RunCommandHelpTest {
  private static final int WIDTH = 100;

  private static CommandLine run() {
    CommandLine cli = new CommandLine(new FootprintCli());
    CommandLine run = cli.getSubcommands().get("run");
    run.setUsageHelpAutoWidth(false); // the test's width, not the terminal's
    run.setUsageHelpWidth(WIDTH);
    return run;
  }

  /** Runs of whitespace (line breaks and the continuation indent included) as one space. */
  private static String flat(String s) {
    return s.replaceAll("\\s+", " ").trim();
  }

  @Test
  void everyExampleIsOneWholeLine() {
    CommandLine run = run();
    List<String> lines = run.getUsageMessage().lines().map(String::stripTrailing).toList();
    String[] footer = run.getCommandSpec().usageMessage().footer();
    List<String> examples = Arrays.stream(footer).filter(l -> l.trim().startsWith("footprint ")).toList();
    assertThat(examples).hasSizeGreaterThanOrEqualTo(4);
    for (String example : examples) {
      assertThat(example.length()).as("example longer than %d columns: %s", WIDTH, example).isLessThanOrEqualTo(WIDTH);
      assertThat(lines).as("example printed on one line").contains(example.stripTrailing());
    }
  }

  @Test
  void descriptionsAreWrappedBetweenWords() {
    CommandLine run = run();
    String usage = run.getUsageMessage();
    String flatUsage = flat(usage);
    for (OptionSpec o : run.getCommandSpec().options()) {
      // joined again with single spaces, the printed lines give back the description only when every break fell on
      // a space: a word cut in two ("0." / "7", "header-" / "only") would come back with a space inside it
      String description = flat(String.join(" ", o.renderedDescription()));
      assertThat(flatUsage).as("description of %s printed whole", o.longestName()).contains(description);
    }
    for (String paragraph : run.getCommandSpec().usageMessage().description()) {
      assertThat(flatUsage).as("command description printed whole").contains(flat(paragraph));
    }
    assertThat(usage.lines()).as("no line wider than %d columns", WIDTH)
        .allSatisfy(l -> assertThat(l.stripTrailing().length()).isLessThanOrEqualTo(WIDTH));
  }
}
