package org.footprint.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.footprint.conf.ConfException;
import org.footprint.conf.ConfLoader;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.InputSpec;
import org.footprint.pipeline.FootprintRun;
import org.footprint.pipeline.Progress;
import org.footprint.pipeline.ProgressListener;
import org.footprint.pipeline.RunOptions;
import org.footprint.pipeline.RunResult;
import org.footprint.sink.OutputLock;
import org.footprint.sink.QualityGateRefusal;
import org.footprint.source.InputPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

// help at a fixed 100 columns, the same in a terminal and a cron log: picocli may break a line after any '.' or ','
// (inside conf.keys and A,B lists too), so the texts are worded to wrap between words at that width, and each
// example fits on one line (RunCommandHelpTest renders it)
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
    description = {
        "Read the configured inputs, compute energy and CO2e per job, and write the output tables under --out:"
            + " tables/<name>/ (Parquet), csv/<name>.csv, report/index.html. Inputs given here (--slurm, --pods and"
            + " the others) replace the conf's inputs of the same kind unless --also-conf-inputs is given.",
        "Runs in Spark local mode unless spark-submit (or -Dspark.master) names a master."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  footprint run",
        "  footprint run --day 2026-11-25 --conf /etc/footprint/footprint.yaml --out /srv/footprint",
        "  footprint run --from 2026-10-19 --to 2026-10-25 --out out",
        "  footprint run --slurm sacct_2026-11-25.txt --cluster alpine --set clusters.alpine.pue=1.15",
        "  footprint run --slurm export.txt --cluster bayou --fields JobID,State,Start,ElapsedRaw,AllocTRES",
        "  footprint run --slurm export.csv --cluster bayou --delimiter ';'",
        "  footprint run --pods pods.json --nodes nodes.json --cluster kestrel --out out",
        "  footprint run --pods pods-2026-11-25.json --cluster kestrel --also-conf-inputs",
        "",
        "Exit codes: 0 published; 1 the run failed; 2 bad conf or arguments (before Spark starts);",
        "3 the quality gate refused the run (--out unchanged); 4 another run holds the lock on --out."})
public final class RunCommand implements Callable<Integer> {

  @Option(names = "--conf", paramLabel = "FILE", defaultValue = "conf/footprint.yaml",
      description = "configuration file (default: ${DEFAULT-VALUE}); relative paths in it resolve against its folder")
  String conf;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
      description = "output folder, local or any Hadoop URI (default: ${DEFAULT-VALUE})")
  String out;

  @Option(names = "--from", paramLabel = "DATE",
      description = "only jobs that ended on or after this day (yyyy-MM-dd; days in the zone of output.day_zone);"
          + " others are skipped; the days of the window are replaced in the per-day tables, other days kept")
  LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", description = "only jobs that ended on or before this day (inclusive)")
  LocalDate to;

  @Option(names = "--day", paramLabel = "DATE",
      description = "nightly mode: process the jobs that ended on this day and replace exactly that day in the"
          + " per-day tables (same as --from DATE --to DATE); summaries are rebuilt from all days in --out")
  LocalDate day;

  @Option(names = "--slurm", paramLabel = "PATH",
      description = "sacct exports for --cluster (file, folder or glob; repeatable): --parsable2 text, or"
          + " sacct --json when the file name ends in .json")
  List<String> slurm = new ArrayList<>();

  @Option(names = "--cluster", paramLabel = "NAME",
      description = "cluster the files given here belong to (its time zone, region and PUE come from the conf);"
          + " may be left out when the conf has one cluster")
  String cluster;

  @Option(names = "--fields", paramLabel = "LIST", split = ",",
      description = "field order of headerless (sacct -n) --slurm exports: the sacct --format list, comma separated")
  List<String> fields;

  @Option(names = "--delimiter", paramLabel = "CHAR",
      description = "field separator of the --slurm exports (sacct --delimiter; default |; any character)")
  String delimiter;

  @Option(names = "--slurm-json", paramLabel = "PATH",
      description = "sacct --json exports for --cluster (repeatable)")
  List<String> slurmJson = new ArrayList<>();

  @Option(names = "--pods", paramLabel = "PATH",
      description = "kubectl get pods -A -o json dumps or JSON-lines pod streams for --cluster (repeatable)")
  List<String> pods = new ArrayList<>();

  @Option(names = "--nodes", paramLabel = "PATH", description = "kubectl get nodes -o json dumps for --cluster")
  List<String> nodes = new ArrayList<>();

  @Option(names = "--scontrol-nodes", paramLabel = "PATH",
      description = "scontrol -o show node dumps for --cluster, one per night, dated in the file name (capacity)")
  List<String> scontrolNodes = new ArrayList<>();

  @Option(names = "--sinfo-nodes", paramLabel = "PATH",
      description = "sinfo -N -o \"%N %P %c %G %T\" dumps (with header) for --cluster, dated in the file name")
  List<String> sinfoNodes = new ArrayList<>();

  @Option(names = "--meter", paramLabel = "PATH",
      description = "facility meter CSV (timestamp with UTC offset, kwh) for --cluster: the reconciliation table")
  List<String> meter = new ArrayList<>();

  @Option(names = "--katib", paramLabel = "PATH",
      description = "Katib Experiment/Trial objects (kubectl -o json or YAML specs) for --cluster")
  List<String> katib = new ArrayList<>();

  @Option(names = "--nvidia-smi", paramLabel = "PATH",
      description = "nvidia-smi --query-gpu ... --format=csv logs (one per node) for --cluster")
  List<String> nvidiaSmi = new ArrayList<>();

  @Option(names = "--dcgm", paramLabel = "PATH", description = "dcgm-exporter Prometheus scrapes for --cluster")
  List<String> dcgm = new ArrayList<>();

  @Option(names = "--intensity", paramLabel = "PATH",
      description = "carbon intensity files (repeatable): Electricity Maps hourly CSV, UK Carbon Intensity API"
          + " JSON, or a plain CSV with the columns zone, datetime_utc and gco2_per_kwh")
  List<String> intensity = new ArrayList<>();

  @Option(names = "--intensity-format", paramLabel = "FORMAT", defaultValue = "auto",
      description = "format of --intensity files: auto, electricitymaps, plain, uk-carbon-intensity-json"
          + " (default: ${DEFAULT-VALUE})")
  String intensityFormat;

  @Option(names = "--also-conf-inputs",
      description = "read the conf's inputs as well as those given here (without it, --slurm FILE reads that file"
          + " instead of the conf's sacct inputs, --pods instead of its pod dumps, and so on)")
  boolean alsoConfInputs;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "override a conf value by its dotted key (repeatable), for example clusters.alpine.pue=1.3")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--publish-anyway",
      description = "publish even when the quality gate refuses the run (too many rejects, no jobs, an empty export"
          + " that would empty published days); without it such a run changes nothing in --out and exits with 3")
  boolean publishAnyway;

  @Option(names = "--force-unlock",
      description = "break a stale lock on --out whose holder cannot be checked from this host: a run on another"
          + " host that took it longer ago than the conf's lock_stale_hours (without the flag such a lock is reported,"
          + " naming host, pid and start time, and the run exits with 4). A lock whose pid is gone on this host is"
          + " taken over without the flag; a lock of a run still alive on this host is never broken")
  boolean forceUnlock;

  @Option(names = "--verbose",
      description = "print stack traces of unexpected errors, the resolved configuration (as in --out/run_conf.yaml),"
          + " and Spark's warnings on the console too (they always go to --out/_logs/run-<time>.log when run through"
          + " bin/footprint)")
  boolean verbose;

  /** Every input flag as inputs of --cluster, checked like the conf's own. */
  private List<InputSpec> commandLineInputs(FootprintConf c) {
    if (!intensityFormat.equals("auto") && InputSpec.IntensityFormat.of(intensityFormat) == null) {
      throw new ConfException("--intensity-format: '" + intensityFormat + "' is not auto, "
          + InputSpec.IntensityFormat.spellings().replaceFirst(", ([^,]*)$", " or $1"));
    }
    InputSpec.Options sacct = new InputSpec.Options(fields, delimiter, null, null);
    InputSpec.Options intensityOptions = new InputSpec.Options(null, null,
        intensityFormat.equals("auto") ? null : InputSpec.IntensityFormat.of(intensityFormat), null);
    Map<InputSpec.Type, List<String>> flags = new LinkedHashMap<>();
    flags.put(InputSpec.Type.SACCT, slurm);
    flags.put(InputSpec.Type.SACCT_JSON, slurmJson);
    flags.put(InputSpec.Type.KUBECTL_PODS, pods);
    flags.put(InputSpec.Type.KUBECTL_NODES, nodes);
    flags.put(InputSpec.Type.KATIB, katib);
    flags.put(InputSpec.Type.NVIDIA_SMI, nvidiaSmi);
    flags.put(InputSpec.Type.DCGM, dcgm);
    flags.put(InputSpec.Type.INTENSITY, intensity);
    flags.put(InputSpec.Type.SCONTROL_NODES, scontrolNodes);
    flags.put(InputSpec.Type.SINFO_NODES, sinfoNodes);
    flags.put(InputSpec.Type.METER, meter);
    List<InputSpec> out = new ArrayList<>();
    flags.forEach((type, paths) -> {
      InputSpec.Options options = switch (type) {
        case SACCT -> sacct;
        case INTENSITY -> intensityOptions;
        default -> InputSpec.Options.NONE;
      };
      for (String p : paths) {
        out.addAll(InputPlan.fromFlag(c, type, p, cluster, options));
      }
    });
    return out;
  }

  /** Exit code of a run the quality gate refused to publish (DESIGN.md): 2 is a conf error, 1 a failure. */
  public static final int EXIT_QUALITY_GATE = 3;
  /** Exit code when another run holds the lock on --out: nothing was read or written. */
  public static final int EXIT_LOCKED = 4;

  /** seconds between progress lines during a phase */
  private static final long PROGRESS_EVERY_S = 30;

  @Override
  public Integer call() {
    // before anything logs: Spark's log goes to a file under --out (bin/footprint's log4j2.properties)
    Path log = Logs.toOutput(out, verbose);
    FootprintConf c;
    RunOptions opts = new RunOptions();
    try {
      c = ConfLoader.load(conf, set);
      if (delimiter != null && delimiter.codePointCount(0, delimiter.length()) != 1) {
        throw new ConfException("--delimiter: must be one character, got '" + delimiter + "'");
      }
      if (day != null) {
        if (from != null || to != null) {
          throw new ConfException("--day cannot be combined with --from/--to");
        }
        from = day;
        to = day;
      }
      if (from != null && to != null && to.isBefore(from)) {
        throw new ConfException("--to " + to + " is before --from " + from);
      }
      opts.outDir = out;
      opts.from = from;
      opts.to = to;
      // planned here, once: a bad --slurm/--cluster fails before Spark starts
      opts.plan = InputPlan.of(c, commandLineInputs(c), alsoConfInputs);
      opts.publishAnyway = publishAnyway;
      opts.forceUnlock = forceUnlock;
      opts.verbose = verbose;
      opts.progress = Progress.to(System.err);
    } catch (ConfException e) {
      System.err.println("footprint: " + e.getMessage());
      return 2;
    }
    // before Spark starts: its log goes to a file under --out (bin/footprint's log4j2.properties); not earlier, so
    // that a mistyped command line leaves no folder behind
    long t0 = System.nanoTime();
    // a session that already exists (a test's, a notebook's) is used and left running; ours is stopped
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = Sessions.create();
    try (var lines = ProgressListener.attach(spark, opts.progress, PROGRESS_EVERY_S)) {
      RunResult result = new FootprintRun(spark, c, opts).execute();
      SummaryPrinter.print(result, (System.nanoTime() - t0) / 1e9, System.out);
      if (log != null && Files.exists(log)) {
        System.out.println("log:     " + log + "   (Spark's log)");
      }
      return 0;
    } catch (ConfException e) {
      System.err.println("footprint: " + e.getMessage());
      return 2;
    } catch (QualityGateRefusal e) {
      System.err.println("footprint: " + e.getMessage());
      return EXIT_QUALITY_GATE;
    } catch (OutputLock.HeldException e) {
      System.err.println("footprint: " + e.getMessage());
      return EXIT_LOCKED;
    } catch (RuntimeException e) {
      System.err.println("footprint: run failed: " + Errors.describe(e));
      if (verbose) {
        e.printStackTrace();
      } else {
        System.err.println("(run with --verbose for the stack trace" + (log != null && Files.exists(log)
            ? "; Spark's log: " + log : "") + ")");
      }
      return 1;
    } finally {
      if (ownSession) {
        spark.stop();
      }
    }
  }
}
