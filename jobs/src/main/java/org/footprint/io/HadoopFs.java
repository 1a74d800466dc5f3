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

  /**
   * A file's length in bytes, for planning (grouping by size, cutting into ranges). A file that cannot be listed
   * (gone since it was globbed, no permission) counts as empty here: its reader fails to open it and reports it as
   * an unreadable file ({@link PerFileRows}), and the run goes on.
   */
  public static long length(String file) {
    try {
      Path p = new Path(file);
      return of(p).getFileStatus(p).getLen();
    } catch (IOException e) {
      return 0;
    }
  }
}
