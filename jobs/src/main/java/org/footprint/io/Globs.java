package org.footprint.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Data paths are Hadoop paths (file:, hdfs://, s3a://), never java.io.File: relative ones resolve against a base
 * folder (the conf file's, or the working directory for the command line), globs expand through the file system,
 * and results come back sorted for stable runs.
 */
public final class Globs {
  private Globs() {}

  /** {@code path} against {@code baseDir} unless it is absolute or has a scheme (or there is no base). */
  public static String resolve(String baseDir, String path) {
    Path p = new Path(path);
    if (p.isAbsolute() || p.toUri().getScheme() != null || baseDir == null) {
      return p.toString();
    }
    return new Path(new Path(baseDir), path).toString();
  }

  /** Files matching a path or glob (folders expand to the files directly in them, hidden ones left out), sorted. */
  public static List<String> expand(String baseDir, String path) throws IOException {
    Path p = new Path(resolve(baseDir, path));
    FileSystem fs = HadoopFs.of(p);
    FileStatus[] matches = fs.globStatus(p);
    List<String> out = new ArrayList<>();
    if (matches == null) {
      return out;
    }
    for (FileStatus st : matches) {
      if (st.isDirectory()) {
        for (FileStatus child : fs.listStatus(st.getPath())) {
          if (child.isFile() && !child.getPath().getName().startsWith(".")) {
            out.add(child.getPath().toString());
          }
        }
      } else {
        out.add(st.getPath().toString());
      }
    }
    String[] sorted = out.toArray(new String[0]);
    Arrays.sort(sorted);
    return new ArrayList<>(Arrays.asList(sorted));
  }
}
