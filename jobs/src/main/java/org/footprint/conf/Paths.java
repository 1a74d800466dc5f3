package org.footprint.conf;

import java.io.IOException;
import java.util.List;
import org.footprint.io.Globs;

/** The conf's paths: relative ones resolve against the conf file's folder ({@link Globs} does the work). */
public final class Paths {
  private Paths() {}

  public static String resolve(FootprintConf conf, String path) {
    return Globs.resolve(conf.baseDir, path);
  }

  /** Files matching a path or glob of the conf (folders expand to the files directly in them), sorted. */
  public static List<String> expand(FootprintConf conf, String path) {
    return expand(conf.baseDir, path);
  }

  /** The same against any base folder (null: the path as given); a listing failure is a conf error. */
  public static List<String> expand(String baseDir, String path) {
    try {
      return Globs.expand(baseDir, path);
    } catch (IOException e) {
      throw new ConfException("cannot list " + Globs.resolve(baseDir, path) + ": " + e.getMessage(), e);
    }
  }
}
