package org.footprint.sink;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.footprint.io.HadoopFs;

/**
 * One run at a time per output folder: two runs committing into the same {@code --out} would leave it mixing
 * both. The lock is a file {@code DIR/.footprint.lock} naming the holder (host, pid, start time), created only if
 * absent — atomic on HDFS and local disk, so of two runs starting together exactly one gets it (on S3A only as far
 * as the store's conditional create allows).
 *
 * <p>A lock left by a killed run:
 * <ul>
 *   <li>its holder ran on this host and its pid is gone (or now belongs to a process started after the lock was
 *       taken): provably dead, the lock is taken over at once and the run says so;</li>
 *   <li>its holder runs on this host: never broken, not even with {@code --force-unlock} (stop that run first);</li>
 *   <li>its holder ran on another host (it cannot be checked from here): reported as stale once it is older than
 *       {@code output.lock_stale_hours}, and broken only with {@code --force-unlock}; a younger one is held.</li>
 * </ul>
 */
public final class OutputLock implements AutoCloseable {
  public static final String FILE = ".footprint.lock";

  /** Another run holds the lock: nothing was done. The message names the holder and what to do. */
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

  /** Takes the lock of {@code outDir}; a stale lock of another host is not broken (no --force-unlock). */
  public static OutputLock acquire(String outDir, Duration staleAfter, Consumer<String> say) {
    return acquire(outDir, staleAfter, false, say);
  }

  /**
   * Takes the lock of {@code outDir} (creating the folder), or throws {@link HeldException}.
   *
   * @param staleAfter a lock that cannot be checked (another host's) is reported stale after this age
   * @param forceUnlock break a stale lock that cannot be checked (--force-unlock)
   * @param say where taking over or breaking a lock is reported
   */
  public static OutputLock acquire(String outDir, Duration staleAfter, boolean forceUnlock, Consumer<String> say) {
    Path path = new Path(outDir, FILE);
    try {
      FileSystem fs = OutputCommitter.withoutChecksums(HadoopFs.of(path));
      fs.mkdirs(path.getParent());
      String mine = describe(ProcessHandle.current().pid(), host(), Instant.now());
      if (create(fs, path, mine)) {
        return new OutputLock(fs, path, mine);
      }
      Map<String, String> holder = read(fs, path);
      String held = "another footprint run is writing " + outDir + ": " + who(holder) + " (lock file " + path + ")";
      String taken;
      switch (judge(fs, path, holder, staleAfter)) {
        case DEAD -> taken = "took over the lock of " + outDir + " from " + who(holder) + ": its process "
            + holder.get("pid") + " is gone";
        case ALIVE_HERE -> throw new HeldException(held + "; that process is running on this host"
            + (older(fs, path, holder, staleAfter) ? " and has held the lock for more than " + hours(staleAfter)
                : "") + ": wait for it or stop it (--force-unlock never breaks the lock of a live run)");
        case STALE -> {
          if (!forceUnlock) {
            throw new HeldException(held + "; the lock is stale (older than " + hours(staleAfter)
                + ", output.lock_stale_hours) and its host cannot be checked from here: if that run is dead, rerun"
                + " with --force-unlock");
          }
          taken = "broke the stale lock of " + outDir + " (--force-unlock): " + who(holder) + ", older than "
              + hours(staleAfter);
        }
        default -> throw new HeldException(held + "; a lock whose host cannot be checked from here is stale after "
            + hours(staleAfter) + " (output.lock_stale_hours) and can then be broken with --force-unlock");
      }
      fs.delete(path, false);
      if (!create(fs, path, mine)) {
        throw new HeldException("another footprint run took over the stale lock of " + outDir + " first: "
            + who(read(fs, path)));
      }
      say.accept(taken);
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
        Files.write(local.pathToFile(path).toPath(), bytes, StandardOpenOption.CREATE_NEW,
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

  /** What is known about a lock's holder. */
  enum Holder {
    /** ran on this host and its process is gone: the lock is taken over */
    DEAD,
    /** its process runs on this host: the lock is never broken */
    ALIVE_HERE,
    /** cannot be checked (another host, or no pid) and older than the limit: broken with --force-unlock */
    STALE,
    /** cannot be checked and younger than the limit: held */
    HELD
  }

  static Holder judge(FileSystem fs, Path path, Map<String, String> holder, Duration staleAfter)
      throws IOException {
    Long pid = number(holder.get("pid"));
    if (host().equals(holder.get("host")) && pid != null) {
      if (pid == ProcessHandle.current().pid()) {
        return Holder.ALIVE_HERE; // this JVM: another run in the same session
      }
      Optional<ProcessHandle> p = ProcessHandle.of(pid);
      Instant started = instant(holder.get("started"));
      // a live pid that started after the lock was taken is another process that got the number again
      boolean reused = p.isPresent() && started != null && p.get().info().startInstant()
          .map(s -> s.isAfter(started.plusSeconds(2))).orElse(false);
      return p.isEmpty() || reused ? Holder.DEAD : Holder.ALIVE_HERE;
    }
    return older(fs, path, holder, staleAfter) ? Holder.STALE : Holder.HELD;
  }

  private static boolean older(FileSystem fs, Path path, Map<String, String> holder, Duration staleAfter)
      throws IOException {
    Instant started = instant(holder.get("started"));
    if (started == null) {
      // a lock being written this instant, or damaged: its age is the file's
      try {
        started = Instant.ofEpochMilli(fs.getFileStatus(path).getModificationTime());
      } catch (FileNotFoundException e) {
        return true; // released in between: nothing to wait for
      }
    }
    return started.plus(staleAfter).isBefore(Instant.now());
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
