package org.footprint.source.slurm;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Turns the fields of one sacct line into a {@link SacctRecord}. The only code that knows sacct's column
 * names and value formats. Throws {@link SlurmFieldException} with a message naming the column when a
 * value cannot be read; the caller turns that into a reject.
 */
final class SacctRowParser {
  private final String cluster;
  private final ZoneId zone;
  private final String file;
  private final int memoryUnits;
  private final boolean migWholeBoards;

  SacctRowParser(String cluster, ZoneId zone, String file) {
    this(cluster, zone, file, SlurmMemory.SLURM_UNITS, false);
  }

  /** @param memoryUnits method.memory_units; @param migWholeBoards method.mig_share board */
  SacctRowParser(String cluster, ZoneId zone, String file, int memoryUnits, boolean migWholeBoards) {
    this.cluster = cluster;
    this.zone = zone;
    this.file = file;
    this.memoryUnits = memoryUnits;
    this.migWholeBoards = migWholeBoards;
  }

  SacctRecord parse(SacctHeader h, List<String> f, long line) {
    Row row = new Row(h, f);
    String jobIdText = row.get("JobID");
    if (jobIdText == null) {
      throw new SlurmFieldException(h.has("JobID") ? "empty JobID" : "no JobID column");
    }
    SlurmJobId id = SlurmJobId.parse(jobIdText);
    SacctRecord r = new SacctRecord();
    r.cluster = cluster;
    r.file = file;
    r.line = line;
    r.jobId = id.allocationId();
    r.step = id.step();
    r.arrayParent = id.arrayParent();
    r.hetParent = id.hetParent();
    r.jobIdRaw = row.get("JobIDRaw");
    r.stateRaw = row.get("State");
    if (r.stateRaw != null) {
      r.state = SlurmState.base(r.stateRaw);
      if (r.state == null) {
        throw new SlurmFieldException("unknown State '" + r.stateRaw + "'");
      }
    }
    if (id.pendingArrayRange()) {
      r.kind = SacctRecord.ARRAY_PENDING;
      return r;
    }
    r.kind = id.step() == null ? SacctRecord.ALLOC : SacctRecord.STEP;
    if (r.state == null && r.kind.equals(SacctRecord.ALLOC)) {
      throw new SlurmFieldException(h.has("State") ? "empty State" : "no State column");
    }
    times(row, r);
    resources(row, r);
    r.user = row.get("User");
    r.account = row.get("Account");
    r.name = row.get("JobName");
    r.partition = row.get("Partition");
    r.qos = row.get("QOS");
    r.comment = row.get("Comment");
    r.wckey = row.get("WCKey");
    r.exitCode = row.get("ExitCode");
    r.restarts = intOrNull(row, "Restarts");
    return r;
  }

  private void times(Row row, SacctRecord r) {
    r.noTimes = !row.header.hasTimes();
    Long elapsed = null;
    String elapsedRaw = row.get("ElapsedRaw");
    if (elapsedRaw != null) {
      elapsed = longValue("ElapsedRaw", elapsedRaw);
    } else if (row.get("Elapsed") != null) {
      elapsed = SlurmDurations.elapsedSeconds(row.get("Elapsed"));
    }
    SlurmTime start = time(row, "Start");
    SlurmTime end = time(row, "End");
    SlurmTime submit = time(row, "Submit");
    r.submit = submit == null ? null : submit.earlier();
    SlurmTimes.Interval iv = SlurmTimes.resolve(start, end, elapsed, r.submit);
    if (iv != null && iv.durationKnown()) {
      r.start = iv.start();
      r.startEstimated = iv.startEstimated();
      r.end = end == null && !isEnded(r) ? null : iv.end();
      r.durationS = iv.durationSeconds();
      r.notes = iv.note();
    } else {
      r.start = iv != null ? iv.start() : start == null ? null : start.earlier();
      r.durationS = elapsed;
    }
  }

  private static boolean isEnded(SacctRecord r) {
    return r.state != null && SlurmState.isEnded(r.state);
  }

  private SlurmTime time(Row row, String col) {
    String v = row.get(col);
    if (v == null) {
      return null;
    }
    try {
      return SlurmTimes.parse(v, zone);
    } catch (SlurmFieldException e) {
      throw new SlurmFieldException("bad " + col + " '" + v + "': " + (e.reason() != null ? e.reason() : e.getMessage()));
    }
  }

  private void resources(Row row, SacctRecord r) {
    Map<String, String> alloc = Tres.parse(orEmpty(row.get("AllocTRES")));
    Map<String, String> usage = Tres.parse(orEmpty(row.get("TRESUsageInTot")));

    Double cpus = Tres.cpus(alloc);
    if (cpus == null) {
      cpus = doubleOrNull(row, "AllocCPUS");
    }
    if (cpus == null) {
      cpus = doubleOrNull(row, "NCPUS");
    }
    r.cpuCount = cpus;

    List<String> nodes = Hostlist.expand(orEmpty(row.get("NodeList")));
    r.nodes = nodes.isEmpty() ? null : nodes;
    Integer nodeCount = intOrNull(row, "NNodes");
    if (nodeCount == null) {
      nodeCount = Tres.nodes(alloc);
    }
    if (nodeCount == null && !nodes.isEmpty()) {
      nodeCount = nodes.size();
    }
    r.nodeCount = nodeCount;

    Double mem = Tres.memGiB(alloc, memoryUnits);
    if (mem == null && row.get("ReqMem") != null) {
      mem = SlurmMemory.toGiB(row.get("ReqMem"), cpus, nodeCount, memoryUnits);
    }
    r.memGb = mem;

    Tres.GpuAlloc gpus = Tres.gpus(alloc);
    if (gpus.devices() == 0 && row.get("AllocGRES") != null) {
      gpus = Tres.parseGresField(row.get("AllocGRES"));
    }
    r.gpuCount = gpus.counted(migWholeBoards);
    r.gpuDevices = gpus.devices();
    r.gpuType = gpus.type();
    r.gpuMig = gpus.mig();
    r.gpuMixed = gpus.mixedTypes();

    Double cpuSeconds = row.get("TotalCPU") == null ? null : SlurmDurations.cpuSeconds(row.get("TotalCPU"));
    if (cpuSeconds == null) {
      cpuSeconds = Tres.cpuSecondsFromUsage(usage);
    }
    r.cpuSeconds = cpuSeconds;
    r.gpuUtilSum = Tres.gpuUtilSum(usage);

    String energy = row.get("ConsumedEnergyRaw");
    if (energy != null) {
      double j = doubleValue("ConsumedEnergyRaw", energy);
      // 0 stays 0 (the energy step counts it as unused); 2^64-2 / 2^64-1: NO_VAL64 / INFINITE64 printed raw
      r.energyJ = j >= 0 && j < 1.8e19 ? j : null;
    } else {
      r.energyJ = Tres.energyJoules(alloc);
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static Integer intOrNull(Row row, String col) {
    String v = row.get(col);
    return v == null ? null : (int) longValue(col, v);
  }

  private static Double doubleOrNull(Row row, String col) {
    String v = row.get(col);
    return v == null ? null : doubleValue(col, v);
  }

  private static long longValue(String col, String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new SlurmFieldException("bad " + col + " '" + v + "': not a whole number");
    }
  }

  private static double doubleValue(String col, String v) {
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new SlurmFieldException("bad " + col + " '" + v + "': not a number");
    }
  }

  /** Field access by column name; sacct's placeholders for "no value" read as null. */
  private static final class Row {
    final SacctHeader header;
    final List<String> fields;

    Row(SacctHeader header, List<String> fields) {
      this.header = header;
      this.fields = fields;
    }

    String get(String col) {
      int i = header.indexOf(col);
      if (i < 0) {
        return null;
      }
      String v = fields.get(i).trim();
      return v.isEmpty() || v.equals("None") || v.equals("Unknown") || v.equals("(null)") ? null : v;
    }
  }
}
