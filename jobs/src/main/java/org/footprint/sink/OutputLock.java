package org.footprint.sink;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.footprint.io.HadoopFs;

/**
 * One run at a time per output folder: two runs swapping tables into the same {@code --out} would leave it
 * mixing both. The lock is a file {@code DIR/.footprint.lock} naming the holder (host, pid, start time), created
 * only if absent — atomic on HDFS and local disk, so of two runs starting together exactly one gets it (on S3A
 * only as far as the store's conditional create allows). A lock
 * left by a killed run is stale when its pid is gone on this host, or when it is older than the configured age
 * (a run on another host cannot be checked); a stale lock is taken over, and the run says so.
 */
public final class OutputLock implements AutoCloseable {
  public static final String FILE = ".footprint.lock";

  /** Another run holds the lock: nothing was done. The message names the holder and how to clear a dead one. */
  public static final class HeldException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HeldException(String message) {
      super(message);
    }
  }

  private final FileSystem fs;
  private final Path path;
  private final String content;

  private OutputLock(FileSystem fs, Path path, String content) {
    this.fs = fs;
    this.path = path;
    this.content = content;
  }

  /**
   * Takes the lock of {@code outDir} (creating the folder), or throws {@link HeldException}.
   *
   * @param staleAfter a lock older than this is taken over even when its holder cannot be checked
   * @param say where the take-over of a stale lock is reported
   */
  public static OutputLock acquire(String outDir, Duration staleAfter, Consumer<String> say) {
    Path path = new Path(outDir, FILE);
    try {
      FileSystem fs = OutputCommitter.withoutChecksums(HadoopFs.of(path));
      fs.mkdirs(path.getParent());
      String mine = describe(ProcessHandle.current().pid(), host(), Instant.now());
      if (create(fs, path, mine)) {
        return new OutputLock(fs, path, mine);
      }
      Map<String, String> holder = read(fs, path);
      String stale = staleness(fs, path, holder, staleAfter);
      if (stale == null) {
        throw new HeldException("another footprint run is writing " + outDir + ": " + who(holder)
            + " (lock file " + path + "; if that run is dead, delete the file; a lock older than "
            + hours(staleAfter) + " is taken over)");
      }
      fs.delete(path, false);
      if (!create(fs, path, mine)) {
        throw new HeldException("another footprint run took over the stale lock of " + outDir + " first: "
            + who(read(fs, path)));
      }
      say.accept("took over the lock of " + outDir + " from " + who(holder) + ": " + stale);
      return new OutputLock(fs, path, mine);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + outDir, e);
    }
  }

  /** Removes the lock, unless it is no longer ours (taken over as stale by another run, which now owns it). */
  @Override
  public void close() {
    try {
      Map<String, String> now = read(fs, path);
      if (parse(content).equals(now)) {
        fs.delete(path, false);
      }
    } catch (IOException e) {
      // a lock that cannot be removed is reported stale by the next run once its pid is gone
    }
  }

  /** Creates the file only if absent: false when it exists (the create is the atomic test-and-set). */
  private static boolean create(FileSystem fs, Path path, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (fs instanceof RawLocalFileSystem local) {
      // Hadoop's local create(overwrite=false) checks, then opens: not atomic; CREATE_NEW is (O_EXCL)
      try {
        java.nio.file.Files.write(local.pathToFile(path).toPath(), bytes, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        return true;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return false;
      }
    }
    // HDFS: create with overwrite=false fails on the NameNode if the file exists, atomically
    try (OutputStream out = fs.create(path, false)) {
      out.write(bytes);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  /** Why the holder's lock is stale, or null while the holder may be running. */
  static String staleness(FileSystem fs, Path path, Map<String, String> holder, Duration staleAfter)
      throws IOException {
    Long pid = number(holder.get("pid"));
    boolean sameHost = host().equals(holder.get("host"));
    if (sameHost && pid != null && pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty()) {
      return "its process " + pid + " is gone";
    }
    Instant started = instant(holder.get("started"));
    if (started == null) {
      // a lock being written this instant, or damaged: its age is the file's
      started = Instant.ofEpochMilli(fs.getFileStatus(path).getModificationTime());
    }
    if (started.plus(staleAfter).isBefore(Instant.now())) {
      return "it is older than " + hours(staleAfter) + " (taken " + started.truncatedTo(ChronoUnit.SECONDS) + ")";
    }
    return null;
  }

  /** The lock file's text for a holder (public for tests that plant a lock). */
  public static String describe(long pid, String host, Instant started) {
    return "pid=" + pid + "\nhost=" + host + "\nstarted=" + started.truncatedTo(ChronoUnit.MILLIS) + "\n";
  }

  private static Map<String, String> read(FileSystem fs, Path path) throws IOException {
    try (var in = fs.open(path)) {
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (FileNotFoundException e) {
      return Map.of(); // released in between
    }
  }

  private static Map<String, String> parse(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return m;
  }

  private static String who(Map<String, String> holder) {
    return "pid " + holder.getOrDefault("pid", "?") + " on host " + holder.getOrDefault("host", "?")
        + ", started " + holder.getOrDefault("started", "?");
  }

  /** This machine's name as locks record it. */
  public static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String env = System.getenv("HOSTNAME");
      return env != null ? env : "unknown-host";
    }
  }

  private static String hours(Duration d) {
    return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
  }

  private static Long number(String s) {
    try {
      return s == null ? null : Long.valueOf(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Instant instant(String s) {
    try {
      return s == null ? null : Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
