package org.footprint.source.power;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Streams one file of dcgm-exporter scrapes (Prometheus text format) into samples. Three series are read:
 * {@value #POWER} (W), {@value #ENERGY} (mJ since the driver loaded: a counter that restarts at a driver reload)
 * and {@value #UTIL} (%); the three lines of one board (Hostname, gpu, UUID, pod, namespace) and one time become
 * one sample. Every other data line is skipped by a stated rule (counted per file and reason): series without
 * labels (the dummy values some exporters print) and metrics not used (clocks, temperatures, ...).
 *
 * <p>Sample time, first that applies: the sample's own millisecond timestamp after the value; the latest
 * {@code # scrape_time <ISO-8601>} comment above it; the file's modification time (approximate, marked
 * {@code ts_source = file_mtime}: fine for a single scrape, wrong for a series). The comment is this project's
 * convention for series of scrapes appended to one file, as a loop on the node writes them:
 * <pre>
 * while sleep 15; do echo "# scrape_time $(date -u +%FT%TZ)"; curl -s localhost:9400/metrics; done &gt;&gt; dcgm.prom
 * </pre>
 * The node is the {@code Hostname} (or {@code hostname}) label — dcgm-exporter takes it from {@code NODE_NAME}
 * when set, as its Helm chart does, else from the container's host name — and the file name through
 * {@code node_from_file} when the label is missing. Pod and namespace come from the {@code pod}/{@code namespace}
 * labels dcgm-exporter adds in Kubernetes mode ({@code exported_pod}/{@code exported_namespace} after a
 * Prometheus relabel).
 *
 * <p>Lines are merged within one scrape (between two {@code # scrape_time} comments); a file of explicitly
 * timestamped samples without such comments is merged in blocks of {@value #MAX_BUFFERED} boards×times to
 * bound memory.
 */
public final class DcgmPrometheusReader implements Iterator<PowerRecord> {
  static final String POWER = "DCGM_FI_DEV_POWER_USAGE";
  static final String ENERGY = "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION";
  static final String UTIL = "DCGM_FI_DEV_GPU_UTIL";
  static final String SCRAPE_TIME = "# scrape_time";
  static final int MAX_BUFFERED = 100_000;

  static final String SKIP_UNLABELLED = "series without labels (dummy value): no GPU to attach it to";
  static final String SKIP_UNUSED = "metric not used: only " + POWER + ", " + ENERGY + " and " + UTIL + " are read";

  private final String file;
  private final BufferedReader in;
  private final PowerInput input;
  private final String fileNode;
  private final Instant fileModified;
  private final Deque<PowerRecord> ready = new ArrayDeque<>();
  private final Map<Key, Merge> block = new LinkedHashMap<>();
  private final Map<String, PowerRecord> skips = new LinkedHashMap<>();
  private Instant scrapeTime;
  private long badScrapeLine;
  private long lineNo;
  private boolean eof;
  /** Each series' label text, parsed once: every scrape repeats it. */
  private final Map<String, Map<String, String>> labelCache = new HashMap<>();

  private record Key(String node, String gpu, String uuid, String pod, String namespace, long tsMs) {}

  private static final class Merge {
    final PowerRecord record;
    final Map<String, Long> seen = new LinkedHashMap<>(4);

    Merge(PowerRecord record) {
      this.record = record;
    }
  }

  /** @param fileModified the file's modification time, the last resort for sample times (may be null) */
  public DcgmPrometheusReader(String file, BufferedReader in, PowerInput input, Instant fileModified) {
    this.file = file;
    this.in = in;
    this.input = input;
    this.fileNode = input.nodeFromPath(file);
    this.fileModified = fileModified;
  }

  /** Convenience for tests and small files. */
  public static List<PowerRecord> readAll(String file, BufferedReader in, PowerInput input, Instant fileModified) {
    List<PowerRecord> out = new ArrayList<>();
    new DcgmPrometheusReader(file, in, input, fileModified).forEachRemaining(out::add);
    return out;
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && !eof) {
      step();
    }
    return !ready.isEmpty();
  }

  @Override
  public PowerRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  private void step() {
    String line;
    try {
      line = in.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file + " at line " + lineNo, e);
    }
    if (line == null) {
      flush();
      ready.addAll(skips.values());
      eof = true;
      return;
    }
    lineNo++;
    line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    if (lineNo == 1 && line.startsWith("\uFEFF")) {
      line = line.substring(1);
    }
    if (line.isBlank()) {
      return;
    }
    if (line.startsWith("#")) {
      if (line.startsWith(SCRAPE_TIME + " ")) {
        flush(); // a new scrape: the previous one is complete
        scrapeTime(line);
      }
      return; // # HELP, # TYPE, # NOTE...: not records
    }
    sample(line);
    if (block.size() >= MAX_BUFFERED) {
      flush();
    }
  }

  private void scrapeTime(String line) {
    String v = line.substring(SCRAPE_TIME.length()).trim();
    try {
      scrapeTime = OffsetDateTime.parse(v).toInstant();
      badScrapeLine = 0;
    } catch (DateTimeParseException e) {
      scrapeTime = null;
      badScrapeLine = lineNo;
      ready.add(reject(line, "scrape_time '" + v + "' is not an ISO-8601 time with offset (date -u +%FT%TZ)"));
    }
  }

  private void sample(String line) {
    PrometheusLine p;
    try {
      p = PrometheusLine.parse(line, labelCache);
    } catch (PowerValueException e) {
      ready.add(reject(line, e.getMessage()));
      return;
    }
    if (p.labels().isEmpty()) {
      skip(line, SKIP_UNLABELLED);
      return;
    }
    if (!p.name().equals(POWER) && !p.name().equals(ENERGY) && !p.name().equals(UTIL)) {
      skip(line, SKIP_UNUSED);
      return;
    }
    Map<String, String> l = p.labels();
    String node = firstNonBlank(l.get("Hostname"), l.get("hostname"), fileNode);
    if (node == null) {
      ready.add(reject(line, "no node: no Hostname label and node_from_file '" + input.nodePattern()
          + "' finds no node in the file name"));
      return;
    }
    String gpu = firstNonBlank(l.get("gpu"));
    String uuid = firstNonBlank(l.get("UUID"), l.get("uuid"));
    if (gpu == null && uuid == null) {
      ready.add(reject(line, "series has labels but no gpu or UUID label: cannot tell which board it measures"));
      return;
    }
    try {
      Integer index = gpu == null ? null : gpuIndex(gpu);
      Instant ts = time(p);
      String tsSource = p.timestampMs() != null ? PowerRecord.TS_SAMPLE
          : scrapeTime != null ? PowerRecord.TS_SCRAPE : PowerRecord.TS_MTIME;
      String pod = firstNonBlank(l.get("pod"), l.get("exported_pod"));
      String namespace = firstNonBlank(l.get("namespace"), l.get("exported_namespace"));
      Key key = new Key(node, gpu, uuid, pod, namespace, ts.toEpochMilli());
      Merge m = block.get(key);
      if (m != null && m.seen.containsKey(p.name())) {
        ready.add(reject(line, "duplicate series: " + p.name() + " for this GPU and time was read at line "
            + m.seen.get(p.name())));
        return;
      }
      double v = p.value();
      Double power = p.name().equals(POWER) ? nonNegative(p.name(), v) : null;
      Double energy = p.name().equals(ENERGY) ? nonNegative(p.name(), v) : null;
      Double util = p.name().equals(UTIL) ? percent(v) : null;
      if (m == null) {
        PowerRecord r = PowerRecord.sample(input.cluster(), PowerInput.DCGM, file, lineNo);
        r.node = node;
        r.gpuIndex = index;
        r.gpuUuid = uuid;
        r.gpuModel = firstNonBlank(l.get("modelName"));
        r.ts = ts;
        r.tsSource = tsSource;
        r.pod = pod;
        r.namespace = namespace;
        r.lines = 0;
        m = new Merge(r);
        block.put(key, m);
      }
      m.seen.put(p.name(), lineNo);
      m.record.lines++;
      m.record.powerW = power != null ? power : m.record.powerW;
      m.record.energyMj = energy != null ? energy : m.record.energyMj;
      m.record.util = util != null ? util : m.record.util;
    } catch (PowerValueException e) {
      ready.add(reject(line, e.getMessage()));
    }
  }

  private Instant time(PrometheusLine p) throws PowerValueException {
    if (p.timestampMs() != null) {
      return Instant.ofEpochMilli(p.timestampMs());
    }
    if (scrapeTime != null) {
      return scrapeTime;
    }
    if (badScrapeLine > 0) {
      throw new PowerValueException("no usable time: the # scrape_time comment at line " + badScrapeLine
          + " is unreadable");
    }
    if (fileModified == null) {
      throw new PowerValueException("no time: no sample timestamp, no # scrape_time comment, no file time");
    }
    return fileModified;
  }

  private static Integer gpuIndex(String gpu) throws PowerValueException {
    try {
      return Integer.valueOf(gpu);
    } catch (NumberFormatException e) {
      throw new PowerValueException("gpu label '" + gpu + "' is not a GPU index");
    }
  }

  /** NaN is how an exporter says "no reading": a missing value. Negative or infinite power is an error. */
  private static Double nonNegative(String name, double v) throws PowerValueException {
    if (Double.isNaN(v)) {
      return null;
    }
    if (Double.isInfinite(v) || v < 0) {
      throw new PowerValueException(name + " " + v + " is not a plausible reading");
    }
    return v;
  }

  private static Double percent(double v) throws PowerValueException {
    if (Double.isNaN(v)) {
      return null;
    }
    if (!(v >= 0 && v <= 100)) {
      throw new PowerValueException(UTIL + " " + v + " is not a percentage (0-100)");
    }
    return v / 100.0;
  }

  private void flush() {
    for (Merge m : block.values()) {
      ready.add(m.record);
    }
    block.clear();
  }

  private void skip(String line, String reason) {
    PowerRecord t = skips.get(reason);
    if (t == null) {
      String metric = line.split("[{\\s]", 2)[0];
      skips.put(reason, PowerRecord.skipped(input.cluster(), PowerInput.DCGM, file, lineNo, 1, metric, reason));
    } else {
      t.lines++;
    }
  }

  private PowerRecord reject(String line, String reason) {
    return PowerRecord.reject(input.cluster(), PowerInput.DCGM, file, lineNo, line, reason);
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
