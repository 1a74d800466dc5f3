package org.footprint.cli;

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
import org.footprint.pipeline.FootprintRun;
import org.footprint.pipeline.RunOptions;
import org.footprint.pipeline.RunResult;
import org.footprint.sink.OutputLock;
import org.footprint.sink.QualityGateRefusal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Read the configured inputs (plus any given here), compute energy and CO2e per job, and write the",
        "output tables under --out: tables/<name>/ (Parquet), csv/<name>.csv.",
        "Runs in Spark local mode unless spark-submit (or -Dspark.master) names a master."},
    footer = {"", "Examples:",
        "  footprint run",
        "  footprint run --conf conf/footprint.yaml --out out --from 2026-10-19 --to 2026-10-25",
        "  footprint run --slurm /var/log/sacct/2026-11-25.txt --cluster alpine --set clusters.alpine.pue=1.15",
        "  footprint run --slurm export.txt --cluster bayou --fields JobID,State,Start,End,ElapsedRaw,AllocTRES"
            + " --delimiter '¦'"})
public final class RunCommand implements Callable<Integer> {

  @Option(names = "--conf", paramLabel = "FILE", defaultValue = "conf/footprint.yaml",
      description = "configuration file (default: ${DEFAULT-VALUE}); relative paths in it resolve against its folder")
  String conf;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
      description = "output folder, local or any Hadoop URI (default: ${DEFAULT-VALUE})")
  String out;

  @Option(names = "--from", paramLabel = "DATE",
      description = "only jobs that ended on or after this day (yyyy-MM-dd, in output.day_zone); others are skipped;"
          + " the days of the window are replaced in the per-day tables, other days kept")
  LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", description = "only jobs that ended on or before this day (inclusive)")
  LocalDate to;

  @Option(names = "--day", paramLabel = "DATE",
      description = "nightly mode: process the jobs that ended on this day and replace exactly that day in the"
          + " per-day tables (same as --from DATE --to DATE); summaries are rebuilt from all days in --out")
  LocalDate day;

  @Option(names = "--slurm", paramLabel = "PATH",
      description = "add sacct --parsable2 exports (file, folder or glob; repeatable) for --cluster")
  List<String> slurm = new ArrayList<>();

  @Option(names = "--cluster", paramLabel = "NAME",
      description = "cluster the --slurm exports belong to (its time zone and region come from the conf)")
  String cluster;

  @Option(names = "--fields", paramLabel = "LIST", split = ",",
      description = "field order of headerless (sacct -n) --slurm exports, e.g. JobID,JobIDRaw,State,Start,End,...")
  List<String> fields;

  @Option(names = "--delimiter", paramLabel = "CHAR",
      description = "field separator of the --slurm exports (sacct --delimiter; default |; any character)")
  String delimiter;

  @Option(names = "--slurm-json", paramLabel = "PATH",
      description = "add sacct --json exports for --cluster (repeatable)")
  List<String> slurmJson = new ArrayList<>();

  @Option(names = "--pods", paramLabel = "PATH",
      description = "add kubectl get pods -A -o json dumps or JSON-lines pod streams for --cluster (repeatable)")
  List<String> pods = new ArrayList<>();

  @Option(names = "--nodes", paramLabel = "PATH", description = "add kubectl get nodes -o json dumps for --cluster")
  List<String> nodes = new ArrayList<>();

  @Option(names = "--katib", paramLabel = "PATH",
      description = "add Katib Experiment/Trial objects (kubectl -o json or YAML specs) for --cluster")
  List<String> katib = new ArrayList<>();

  @Option(names = "--nvidia-smi", paramLabel = "PATH",
      description = "add nvidia-smi --query-gpu ... --format=csv logs (one per node) for --cluster")
  List<String> nvidiaSmi = new ArrayList<>();

  @Option(names = "--dcgm", paramLabel = "PATH", description = "add dcgm-exporter Prometheus scrapes for --cluster")
  List<String> dcgm = new ArrayList<>();

  @Option(names = "--intensity", paramLabel = "PATH",
      description = "add hourly carbon intensity files (Electricity Maps CSV, zone,datetime_utc,gco2_per_kwh CSV,"
          + " or UK Carbon Intensity API JSON; repeatable)")
  List<String> intensity = new ArrayList<>();

  @Option(names = "--intensity-format", paramLabel = "FORMAT", defaultValue = "auto",
      description = "format of --intensity files: auto, electricitymaps, plain, uk-carbon-intensity-json"
          + " (default: ${DEFAULT-VALUE})")
  String intensityFormat;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "override any conf value by its dotted key, e.g. clusters.alpine.pue=1.3,"
          + " power.gpu_util_default=0.7, inputs.0.path=/data/sacct/*.txt (repeatable)")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--publish-anyway",
      description = "publish even when the quality gate refuses the run (too many rejects, no jobs, an empty export"
          + " that would empty published days); without it such a run changes nothing in --out and exits with 3")
  boolean publishAnyway;

  @Option(names = "--force-unlock",
      description = "break a stale lock on --out whose holder cannot be checked from this host: a run on another"
          + " host that took it more than output.lock_stale_hours ago (without the flag such a lock is reported,"
          + " naming host, pid and start time, and the run exits with 4). A lock whose pid is gone on this host is"
          + " taken over without the flag; a lock of a run still alive on this host is never broken")
  boolean forceUnlock;

  @Option(names = "--verbose",
      description = "print stack traces of unexpected errors, and Spark's warnings on the console too (they always"
          + " go to --out/_logs/run-<time>.log when run through bin/footprint)")
  boolean verbose;

  /** --pods, --nodes, ... become conf inputs of --cluster, validated like the conf's own. */
  private List<FootprintConf.InputConf> extraInputs() {
    List<FootprintConf.InputConf> out = new ArrayList<>();
    Object[][] flags = {{"sacct-json", slurmJson, "--slurm-json"}, {"kubectl-pods", pods, "--pods"},
        {"kubectl-nodes", nodes, "--nodes"}, {"katib", katib, "--katib"}, {"nvidia-smi", nvidiaSmi, "--nvidia-smi"},
        {"dcgm", dcgm, "--dcgm"}};
    for (Object[] f : flags) {
      @SuppressWarnings("unchecked")
      List<String> paths = (List<String>) f[1];
      for (String p : paths) {
        if (cluster == null) {
          throw new ConfException(f[2] + " needs --cluster NAME: which cluster the files belong to");
        }
        FootprintConf.InputConf in = new FootprintConf.InputConf();
        in.type = (String) f[0];
        in.cluster = cluster;
        in.path = p;
        out.add(in);
      }
    }
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
    FootprintConf c;
    RunOptions opts = new RunOptions();
    try {
      c = ConfLoader.load(conf, set, extraInputs());
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
      if (!intensityFormat.equals("auto")
          && !List.of("electricitymaps", "plain", "uk-carbon-intensity-json").contains(intensityFormat)) {
        throw new ConfException("--intensity-format: '" + intensityFormat + "' is not auto, electricitymaps, plain"
            + " or uk-carbon-intensity-json");
      }
      opts.outDir = out;
      opts.from = from;
      opts.to = to;
      opts.slurm = slurm;
      opts.cluster = cluster;
      opts.fields = fields;
      opts.delimiter = delimiter;
      opts.intensity = intensity;
      opts.intensityFormat = intensityFormat;
      opts.publishAnyway = publishAnyway;
      opts.forceUnlock = forceUnlock;
      opts.progress = org.footprint.pipeline.Progress.to(System.err);
      org.footprint.pipeline.InputPlan.of(c, opts); // fail on bad --slurm/--cluster before Spark starts
    } catch (ConfException e) {
      System.err.println("footprint: " + e.getMessage());
      return 2;
    }
    // before Spark starts: its log goes to a file under --out (bin/footprint's log4j2.properties); not earlier, so
    // that a mistyped command line leaves no folder behind
    java.nio.file.Path log = Logs.toOutput(out, verbose);
    long t0 = System.nanoTime();
    // a session that already exists (a test's, a notebook's) is used and left running; ours is stopped
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = Sessions.create();
    try (var lines = org.footprint.pipeline.ProgressListener.attach(spark, opts.progress, PROGRESS_EVERY_S)) {
      RunResult result = new FootprintRun(spark, c, opts).execute();
      SummaryPrinter.print(result, (System.nanoTime() - t0) / 1e9, System.out);
      if (log != null && java.nio.file.Files.exists(log)) {
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
        System.err.println("(run with --verbose for the stack trace" + (log != null && java.nio.file.Files.exists(log)
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
