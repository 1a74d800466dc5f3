package org.footprint.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.footprint.io.HadoopFs;

/**
 * What a refused run leaves for inspection: its staged {@code run_summary.csv} and {@code rejects.csv} and the
 * gate's problems, copied to {@code --out/_failed/<run id>/} before the staging folder is removed. The run id is
 * the UTC time of the refusal and the staging folder's id, so refusals never overwrite each other and sort by time.
 * Nothing published is touched: readers of {@code --out} never look into {@code _failed}.
 */
final class FailedRun {
  static final String DIR = "_failed";
  static final List<String> KEPT = List.of("csv/run_summary.csv", "csv/rejects.csv");
  private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private FailedRun() {}

  /** Copies the staged files and writes problems.txt; the folder, or null when it could not be written. */
  static String keep(OutputCommitter commit, List<String> problems) {
    Path staging = new Path(commit.stagingDir());
    String stagingId = staging.getName().replaceFirst("^\\.staging-", "");
    Path failed = new Path(new Path(commit.outDir(), DIR),
        ID.format(Instant.now()) + "-" + stagingId.substring(0, Math.min(8, stagingId.length())));
    try {
      FileSystem fs = OutputCommitter.withoutChecksums(HadoopFs.of(failed));
      fs.mkdirs(failed);
      for (String relative : KEPT) {
        Path from = new Path(staging, relative);
        if (fs.exists(from)) {
          FileUtil.copy(fs, from, fs, new Path(failed, from.getName()), false, fs.getConf());
        }
      }
      try (OutputStream out = fs.create(new Path(failed, "problems.txt"), true)) {
        out.write((String.join("\n", problems) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return failed.toString();
    } catch (IOException e) {
      // the refusal itself matters more than the copy for inspection: it is still printed and exits 3
      return null;
    }
  }
}
