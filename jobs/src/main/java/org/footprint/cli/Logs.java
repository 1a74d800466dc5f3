package org.footprint.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;

/**
 * Where Spark's and Hadoop's log goes. bin/footprint's {@code conf/log4j2.properties} sends it to a file (its
 * appender named {@value #APPENDER}) whose path is the system property {@value #FILE_PROPERTY}: this sets it to
 * {@code <--out>/_logs/run-<UTC time>.log} before Spark starts (re-reading the configuration if something logged
 * before), so the console shows footprint's own lines only, and keeps the newest {@value #KEEP} run logs there. With {@code --verbose} the console shows Spark's warnings as
 * well ({@value #CONSOLE_PROPERTY}). Any other log4j configuration (spark-submit's, the tests') has no such
 * appender and is left alone, and so is an output folder that is not on the local disk.
 */
final class Logs {
  static final String FILE_PROPERTY = "footprint.log.file";
  static final String CONSOLE_PROPERTY = "footprint.console.level";
  static final String APPENDER = "file";
  static final String DIR = "_logs";
  static final int KEEP = 30;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private Logs() {}

  /**
   * Points the log file at {@code out}'s {@value #DIR} folder when {@code out} is local.
   *
   * @return the log file when bin/footprint's configuration writes one there, else null
   */
  static Path toOutput(String out, boolean verbose) {
    if (verbose) {
      System.setProperty(CONSOLE_PROPERTY, "warn");
    }
    Path dir = localDir(out);
    if (dir == null) {
      return null;
    }
    Path file = dir.resolve(DIR).resolve("run-" + STAMP.format(Instant.now()) + ".log");
    System.setProperty(FILE_PROPERTY, file.toString());
    // log4j reads the property when it configures itself: normally now, at the first logger; if something logged
    // before (a session run in-process), the configuration is read again
    if (!(LogManager.getContext(false) instanceof LoggerContext ctx)) {
      return null;
    }
    Appender a = ctx.getConfiguration().getAppenders().get(APPENDER);
    if (!(a instanceof FileAppender)) {
      return null;
    }
    if (!((FileAppender) a).getFileName().equals(file.toString()) || verbose) {
      ctx.reconfigure();
    }
    prune(file.getParent());
    return file;
  }

  /** The local folder {@code out} names, or null for HDFS, S3 and other remote stores. */
  private static Path localDir(String out) {
    try {
      URI uri = new org.apache.hadoop.fs.Path(out).toUri();
      if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
        return null;
      }
      return Paths.get(uri.getPath()).toAbsolutePath().normalize();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The newest {@value #KEEP} run logs stay: a nightly cron would otherwise add one a night forever. */
  private static void prune(Path logs) {
    if (!Files.isDirectory(logs)) {
      return;
    }
    try (Stream<Path> files = Files.list(logs)) {
      List<Path> runs = files.filter(p -> p.getFileName().toString().matches("run-\\d{8}T\\d{6}Z\\.log"))
          .sorted().toList();
      for (Path p : runs.subList(0, Math.max(0, runs.size() - KEEP))) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // old logs that cannot be removed are no reason to stop a run
    }
  }
}
