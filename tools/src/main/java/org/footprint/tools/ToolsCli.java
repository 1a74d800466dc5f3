package org.footprint.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/footprint generate}: the developer tools, kept out of the jar that spark-submit runs. The benchmark
 * mains ({@code org.footprint.bench.*}) are run directly by {@code bench/*.sh}.
 */
@Command(name = "footprint", mixinStandardHelpOptions = true, version = "footprint tools 0.1.0",
    description = "footprint's developer tools: synthetic centres for benchmarks.",
    subcommands = {GenerateCommand.class, CommandLine.HelpCommand.class})
public final class ToolsCli implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ToolsCli()).execute(args));
  }
}
