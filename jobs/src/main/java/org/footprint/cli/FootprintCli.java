package org.footprint.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code footprint <command>}: the entry point for bin/footprint and spark-submit alike. */
@Command(name = "footprint", mixinStandardHelpOptions = true, version = "footprint 0.1.0",
    usageHelpWidth = 100,
    description = "Energy and carbon footprint of GPU jobs from Slurm and Kubernetes accounting, on Apache Spark.",
    footerHeading = "%nSee 'footprint help run' for the options of a run.%n",
    subcommands = {RunCommand.class, InitCommand.class, CommandLine.HelpCommand.class})
public final class FootprintCli implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    int code = new CommandLine(new FootprintCli()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    System.exit(code);
  }
}
