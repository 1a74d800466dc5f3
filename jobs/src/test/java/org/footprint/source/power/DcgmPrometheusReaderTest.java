package org.footprint.source.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** dcgm-exporter scrapes: merging, scrape times, labels, skipped series, rejects. */
class DcgmPrometheusReaderTest {
  private static final PowerInput DCGM = new PowerInput("kube", "dcgm", "UTC", null, null);
  private static final Instant MTIME = Instant.parse("2026-10-27T09:59:59Z");
  private static final String L0 = "gpu=\"0\",UUID=\"GPU-k0\",device=\"nvidia0\",modelName=\"NVIDIA A100-SXM4-80GB\","
      + "Hostname=\"k8s-gpu-1\",container=\"trainer\",namespace=\"ml\",pod=\"train-0\"";
  private static final String L1 = "gpu=\"1\",UUID=\"GPU-k1\",device=\"nvidia1\",modelName=\"NVIDIA A100-SXM4-80GB\","
      + "Hostname=\"k8s-gpu-1\"";

  private static List<PowerRecord> read(String file, String text) {
    return DcgmPrometheusReader.readAll(file, new BufferedReader(new StringReader(text)), DCGM, MTIME);
  }

  private static List<PowerRecord> kind(List<PowerRecord> r, String kind) {
    return r.stream().filter(x -> x.kind.equals(kind)).toList();
  }

  private static String scrape(String time, double p0, long e0, double u0, double p1, long e1, double u1) {
    return "# scrape_time " + time + "\n"
        + "# HELP DCGM_FI_DEV_POWER_USAGE Power draw (in W).\n# TYPE DCGM_FI_DEV_POWER_USAGE gauge\n"
        + "DCGM_FI_DEV_POWER_USAGE{" + L0 + "} " + p0 + "\n"
        + "DCGM_FI_DEV_POWER_USAGE{" + L1 + "} " + p1 + "\n"
        + "# HELP DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION Total energy consumption since boot (in mJ).\n"
        + "# TYPE DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION counter\n"
        + "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{" + L0 + "} " + e0 + "\n"
        + "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{" + L1 + "} " + e1 + "\n"
        + "DCGM_FI_DEV_GPU_UTIL{" + L0 + "} " + u0 + "\n"
        + "DCGM_FI_DEV_GPU_UTIL{" + L1 + "} " + u1 + "\n";
  }

  @Test
  void concatenatedScrapesMergeThreeMetricsPerBoardAndTime() {
    String text = scrape("2026-10-27T10:00:00Z", 300, 1_000_000_000L, 95, 60, 500_000_000L, 0)
        + "DCGM_FI_DEV_SM_CLOCK{" + L0 + "} 1410\n"
        + "DCGM_FI_DEV_FAN_SPEED 0\n"
        + scrape("2026-10-27T10:00:15Z", 310, 1_004_575_000L, 96, 60, 500_900_000L, 0);
    List<PowerRecord> r = read("/scrapes/dcgm.prom", text);
    List<PowerRecord> samples = kind(r, PowerRecord.SAMPLE);
    assertThat(samples).hasSize(4);
    PowerRecord a = samples.get(0);
    assertThat(a.node).isEqualTo("k8s-gpu-1");
    assertThat(a.gpuIndex).isEqualTo(0);
    assertThat(a.gpuUuid).isEqualTo("GPU-k0");
    assertThat(a.gpuModel).isEqualTo("NVIDIA A100-SXM4-80GB");
    assertThat(a.pod).isEqualTo("train-0");
    assertThat(a.namespace).isEqualTo("ml");
    assertThat(a.ts).isEqualTo(Instant.parse("2026-10-27T10:00:00Z"));
    assertThat(a.tsSource).isEqualTo("scrape_time");
    assertThat(a.powerW).isEqualTo(300.0);
    assertThat(a.energyMj).isEqualTo(1.0e9);
    assertThat(a.util).isCloseTo(0.95, within(1e-12));
    assertThat(a.lines).isEqualTo(3);
    assertThat(a.line).isEqualTo(4); // the first line merged into it: the power line
    assertThat(samples.get(1).pod).isNull();
    assertThat(samples.get(3).ts).isEqualTo(Instant.parse("2026-10-27T10:00:15Z"));
    assertThat(samples.get(3).energyMj).isEqualTo(500_900_000.0);

    List<PowerRecord> skipped = kind(r, PowerRecord.SKIPPED);
    assertThat(skipped).extracting(x -> x.reason, x -> x.lines, x -> x.raw).containsExactly(
        org.assertj.core.groups.Tuple.tuple(DcgmPrometheusReader.SKIP_UNUSED, 1L, "DCGM_FI_DEV_SM_CLOCK"),
        org.assertj.core.groups.Tuple.tuple(DcgmPrometheusReader.SKIP_UNLABELLED, 1L, "DCGM_FI_DEV_FAN_SPEED"));
    assertThat(kind(r, PowerRecord.REJECT)).isEmpty();
    // every data line accounted for: 12 metric lines + 2 skipped = 4 samples + 8 merged + 2 skipped
    assertThat(r.stream().mapToLong(x -> x.lines).sum()).isEqualTo(14);
  }

  @Test
  void explicitSampleTimestampsWinAndLowerCaseHostnameIsRead() {
    String labels = "gpu=\"0\",UUID=\"GPU-e0\",modelName=\"Tesla T4\",hostname=\"t4-node\"";
    List<PowerRecord> r = read("/x/t4.prom", "# scrape_time 2026-10-27T10:00:00Z\n"
        + "DCGM_FI_DEV_POWER_USAGE{" + labels + "} 35.5 1792836000000\n"
        + "DCGM_FI_DEV_POWER_USAGE{" + labels + "} 36.5 1792836015000\n"
        + "DCGM_FI_DEV_GPU_UTIL{" + labels + "} 40 1792836000000\n"
        + "DCGM_FI_DEV_GPU_UTIL{" + labels + "} 42 1792836015000\n");
    assertThat(r).hasSize(2);
    assertThat(r).extracting(x -> x.node).containsOnly("t4-node");
    assertThat(r).extracting(x -> x.ts).containsExactly(Instant.ofEpochMilli(1792836000000L),
        Instant.ofEpochMilli(1792836015000L));
    assertThat(r).extracting(x -> x.tsSource).containsOnly("sample");
    assertThat(r.get(1).powerW).isEqualTo(36.5);
    assertThat(r.get(1).util).isCloseTo(0.42, within(1e-12));
    assertThat(r.get(1).energyMj).isNull();
  }

  @Test
  void withoutScrapeTimeTheFileModificationTimeIsUsedAndSaidSo() {
    List<PowerRecord> r = read("/x/gpu-node-9.prom", "DCGM_FI_DEV_POWER_USAGE{gpu=\"0\",UUID=\"GPU-m\"} 70\n");
    assertThat(r).singleElement().satisfies(x -> {
      assertThat(x.ts).isEqualTo(MTIME);
      assertThat(x.tsSource).isEqualTo("file_mtime");
      assertThat(x.node).isEqualTo("gpu-node-9"); // no Hostname label: node_from_file
    });
  }

  @Test
  void malformedAndUnplaceableLinesAreRejectedWithReasons() {
    List<PowerRecord> r = read("/x/bad.prom", "# scrape_time yesterday\n"
        + "DCGM_FI_DEV_POWER_USAGE{gpu=\"0\",UUID=\"GPU-a\",Hostname=\"n\"} 70\n"
        + "# scrape_time 2026-10-27T10:00:00Z\n"
        + "DCGM_FI_DEV_POWER_USAGE{gpu=\"0\",UUID=\"GPU-a\" 12\n"
        + "DCGM_FI_DEV_POWER_USAGE{Hostname=\"n\",device=\"nvidia0\"} 70\n"
        + "DCGM_FI_DEV_POWER_USAGE{gpu=\"x\",Hostname=\"n\"} 70\n"
        + "DCGM_FI_DEV_POWER_USAGE{gpu=\"0\",Hostname=\"n\"} -3\n"
        + "DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",Hostname=\"n\"} 250\n"
        + "DCGM_FI_DEV_POWER_USAGE{gpu=\"0\",Hostname=\"n\"} abc\n"
        + "DCGM_FI_DEV_POWER_USAGE{gpu=\"1\",Hostname=\"n\"} 70\n"
        + "DCGM_FI_DEV_POWER_USAGE{gpu=\"1\",Hostname=\"n\"} 71\n");
    List<PowerRecord> rejects = kind(r, PowerRecord.REJECT);
    assertThat(rejects).extracting(x -> x.line).containsExactly(1L, 2L, 4L, 5L, 6L, 7L, 8L, 9L, 11L);
    assertThat(rejects).extracting(x -> x.reason).containsExactly(
        "scrape_time 'yesterday' is not an ISO-8601 time with offset (date -u +%FT%TZ)",
        "no usable time: the # scrape_time comment at line 1 is unreadable",
        "malformed labels at character 48: expected name=\"value\" or }",
        "series has labels but no gpu or UUID label: cannot tell which board it measures",
        "gpu label 'x' is not a GPU index",
        "DCGM_FI_DEV_POWER_USAGE -3.0 is not a plausible reading",
        "DCGM_FI_DEV_GPU_UTIL 250.0 is not a percentage (0-100)",
        "metric DCGM_FI_DEV_POWER_USAGE: value 'abc' is not a number",
        "duplicate series: DCGM_FI_DEV_POWER_USAGE for this GPU and time was read at line 10");
    assertThat(kind(r, PowerRecord.SAMPLE)).singleElement().satisfies(x -> assertThat(x.powerW).isEqualTo(70.0));
  }

  @Test
  void labelValuesWithEscapesCommasAndBraces() throws PowerValueException {
    PrometheusLine p = PrometheusLine.parse(
        "m{a=\"x,y\",b=\"say \\\"hi\\\"\",c=\"{}\",d=\"back\\\\slash\",} 1.5e3 1700000000000");
    assertThat(p.name()).isEqualTo("m");
    assertThat(p.labels()).containsExactly(Map.entry("a", "x,y"), Map.entry("b", "say \"hi\""),
        Map.entry("c", "{}"), Map.entry("d", "back\\slash"));
    assertThat(p.value()).isEqualTo(1500.0);
    assertThat(p.timestampMs()).isEqualTo(1700000000000L);
    assertThat(PrometheusLine.parse("up NaN").value()).isNaN();
    assertThat(PrometheusLine.parse("up +Inf").value()).isInfinite();
  }

  @Test
  void cachedLabelSetsParseAsTheFullParserDoes() throws PowerValueException {
    Map<String, Map<String, String>> cache = new java.util.HashMap<>();
    String tricky = "m{a=\"x,y\",b=\"say \\\"hi\\\"\",c=\"{}\",d=\"back\\\\slash\",} 1.5e3 1700000000000";
    PrometheusLine first = PrometheusLine.parse(tricky, cache);
    PrometheusLine again = PrometheusLine.parse(tricky.replace("1.5e3", "7"), cache);
    assertThat(first.labels()).isEqualTo(PrometheusLine.parse(tricky).labels());
    assertThat(again.labels()).isSameAs(first.labels());
    assertThat(again.value()).isEqualTo(7.0);
    assertThat(cache).hasSize(1);
    // the same errors, with or without the cache
    for (String bad : List.of("m{a=\"x\" 1", "m{a=1} 2", "m{a=\"x\"} ", "m{a=\"x\"} 1 2 3", "m{a=\"x\"} 1 t")) {
      String plain = catchMessage(() -> PrometheusLine.parse(bad));
      assertThat(plain).isNotNull();
      assertThat(catchMessage(() -> PrometheusLine.parse(bad, cache))).isEqualTo(plain);
    }
    assertThat(PrometheusLine.parse("m{a=\"x\"}\t3\t\t42 ", cache).timestampMs()).isEqualTo(42L);
  }

  private interface Parse {
    PrometheusLine run() throws PowerValueException;
  }

  private static String catchMessage(Parse p) {
    try {
      p.run();
      return null;
    } catch (PowerValueException e) {
      return e.getMessage();
    }
  }

  @Test
  void nanPowerIsAMissingReadingAndPodLabelsMayBeExported() {
    List<PowerRecord> r = read("/x/n.prom", "# scrape_time 2026-10-27T10:00:00Z\n"
        + "DCGM_FI_DEV_POWER_USAGE{gpu=\"0\",Hostname=\"n\",exported_pod=\"p\",exported_namespace=\"ns\",pod=\"\"} NaN\n"
        + "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{gpu=\"0\",Hostname=\"n\",exported_pod=\"p\",exported_namespace=\"ns\",pod=\"\"} 42\n");
    assertThat(r).singleElement().satisfies(x -> {
      assertThat(x.powerW).isNull();
      assertThat(x.energyMj).isEqualTo(42.0);
      assertThat(x.pod).isEqualTo("p");
      assertThat(x.namespace).isEqualTo("ns");
    });
  }
}
