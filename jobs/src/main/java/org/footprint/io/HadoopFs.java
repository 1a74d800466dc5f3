package org.footprint.io;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The file system of a path, from one Hadoop {@link Configuration} per JVM. A new Configuration parses
 * core-default.xml and core-site.xml again (milliseconds each): once per file, that was most of the planning time
 * of a year of daily exports. Same settings as {@code new Configuration()}: the site files on the classpath.
 */
public final class HadoopFs {
  private static volatile Configuration shared;

  private HadoopFs() {}

  public static Configuration conf() {
    Configuration c = shared;
    if (c == null) {
      synchronized (HadoopFs.class) {
        if (shared == null) {
          shared = new Configuration();
        }
        c = shared;
      }
    }
    return c;
  }

  public static FileSystem of(Path p) throws IOException {
    return p.getFileSystem(conf());
  }

  /** A file's length in bytes; a file that cannot be listed stops the run's planning, naming the file. */
  public static long length(String file) {
    try {
      Path p = new Path(file);
      return of(p).getFileStatus(p).getLen();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot stat " + file, e);
    }
  }
}
