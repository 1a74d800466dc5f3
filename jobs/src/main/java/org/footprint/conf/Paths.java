package org.footprint.conf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.footprint.io.HadoopFs;

/**
 * Data paths are Hadoop paths (file:, hdfs://, s3a://), never java.io.File: relative ones resolve against the
 * conf file's folder, globs expand through the file system, and results come back sorted for stable runs.
 */
public final class Paths {
  private Paths() {}

  public static String resolve(FootprintConf conf, String path) {
    Path p = new Path(path);
    if (p.isAbsolute() || p.toUri().getScheme() != null || conf.baseDir == null) {
      return p.toString();
    }
    return new Path(new Path(conf.baseDir), path).toString();
  }

  /** Files matching a path or glob (folders expand to the files directly in them). */
  public static List<String> expand(FootprintConf conf, String path) {
    String resolved = resolve(conf, path);
    try {
      Path p = new Path(resolved);
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
    } catch (IOException e) {
      throw new ConfException("cannot list " + resolved + ": " + e.getMessage(), e);
    }
  }
}
