package org.footprint.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.footprint.io.HadoopFs;

/**
 * Writes a small file so that readers see the old content or the whole new content, never a half-written file:
 * the bytes go to a hidden temporary file next to the target, which is then renamed over it.
 */
public final class AtomicFile {
  private AtomicFile() {}

  public static void write(Path target, byte[] bytes) {
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
    try {
      // the raw local file system: no .crc side file to leave behind next to the target
      FileSystem fs = OutputCommitter.withoutChecksums(HadoopFs.of(target));
      fs.mkdirs(target.getParent());
      try (OutputStream out = fs.create(tmp, true)) {
        out.write(bytes);
      }
      // a local rename replaces the target in one step; HDFS and object stores refuse to rename over an existing
      // file, so there the old one is deleted first (a reader may then briefly find no file, never a partial one)
      if (!fs.rename(tmp, target)) {
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
          fs.delete(tmp, false);
          throw new IOException("cannot move " + tmp + " to " + target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + target, e);
    }
  }
}
