package org.footprint.source.kubernetes;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.fs.Path;
import org.footprint.conf.ConfException;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.Paths;
import org.footprint.io.HadoopFs;

/**
 * {@code kubernetes.owner_map}: CSV {@code namespace,owner[,project]}, one row per namespace (Kubeflow
 * Profiles give each namespace one owner). A header row starting with {@code namespace} and {@code #} comments
 * are allowed. Conf-sized: held on the driver and used as a map literal.
 */
record OwnerMap(Map<String, String> owners, Map<String, String> projects) {
  static final OwnerMap EMPTY = new OwnerMap(Map.of(), Map.of());

  static OwnerMap load(FootprintConf conf, FootprintConf.KubernetesConf k) {
    if (k.ownerMap == null || k.ownerMap.isBlank()) {
      return EMPTY;
    }
    String path = Paths.resolve(conf, k.ownerMap);
    Path p = new Path(path);
    try (Reader in = new InputStreamReader(HadoopFs.of(p).open(p), StandardCharsets.UTF_8)) {
      return parse(path, in);
    } catch (IOException e) {
      throw new ConfException("kubernetes.owner_map: cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  static OwnerMap parse(String file, Reader in) throws IOException {
    Map<String, String> owners = new LinkedHashMap<>();
    Map<String, String> projects = new LinkedHashMap<>();
    CSVFormat fmt = CSVFormat.DEFAULT.builder().setCommentMarker('#').setIgnoreSurroundingSpaces(true)
        .setIgnoreEmptyLines(true).get();
    try (CSVParser parser = CSVParser.parse(in, fmt)) {
      for (CSVRecord r : parser) {
        String ns = r.get(0).replace("\uFEFF", "");
        if (r.getRecordNumber() == 1 && ns.equalsIgnoreCase("namespace")) {
          continue;
        }
        if (r.size() < 2 || ns.isEmpty()) {
          throw new ConfException("kubernetes.owner_map " + file + " line " + parser.getCurrentLineNumber()
              + ": expected namespace,owner[,project]");
        }
        if (!r.get(1).isEmpty()) {
          owners.put(ns, r.get(1));
        }
        if (r.size() > 2 && !r.get(2).isEmpty()) {
          projects.put(ns, r.get(2));
        }
      }
    }
    return new OwnerMap(owners, projects);
  }
}
