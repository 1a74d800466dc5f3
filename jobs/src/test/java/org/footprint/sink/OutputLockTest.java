package org.footprint.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run per output folder: the lock file, what a second run is told, stale locks, leftover staging. */
class OutputLockTest {
  private static final Duration HOURS_12 = Duration.ofHours(12);

  @TempDir
  Path dir;

  private final List<String> said = new ArrayList<>();

  private String out() {
    return dir.resolve("out").toString();
  }

  private Path lockFile() {
    return dir.resolve("out").resolve(OutputLock.FILE);
  }

  @Test
  void aSecondRunIsRefusedNamingTheHolderAndTheLockGoesAtTheEnd() throws Exception {
    try (OutputLock first = OutputLock.acquire(out(), HOURS_12, said::add)) {
      String text = Files.readString(lockFile());
      assertThat(text).contains("pid=" + ProcessHandle.current().pid() + "\n", "host=" + OutputLock.host() + "\n",
          "started=");
      assertThatThrownBy(() -> OutputLock.acquire(out(), HOURS_12, said::add))
          .isInstanceOf(OutputLock.HeldException.class)
          .hasMessageStartingWith("another footprint run is writing " + out() + ": pid "
              + ProcessHandle.current().pid() + " on host " + OutputLock.host() + ", started 20")
          .hasMessageContaining("that process is running on this host: wait for it or stop it");
      assertThat(Files.readString(lockFile())).as("the refused run leaves the holder's lock alone").isEqualTo(text);
    }
    assertThat(lockFile()).doesNotExist();
    OutputLock.acquire(out(), HOURS_12, said::add).close();
    assertThat(said).isEmpty();
  }

  @Test
  void ofManyRunsStartingTogetherExactlyOneGetsTheLock() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<OutputLock>> tries = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        tries.add(() -> {
          try {
            return OutputLock.acquire(out(), HOURS_12, said::add);
          } catch (OutputLock.HeldException e) {
            return null;
          }
        });
      }
      List<OutputLock> got = new ArrayList<>();
      for (Future<OutputLock> f : pool.invokeAll(tries)) {
        if (f.get() != null) {
          got.add(f.get());
        }
      }
      assertThat(got).hasSize(1);
      got.get(0).close();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLockWhoseProcessIsGoneOnThisHostIsTakenOver() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    long deadPid = p.pid();
    Files.createDirectories(lockFile().getParent());
    Files.writeString(lockFile(), OutputLock.describe(deadPid, OutputLock.host(), Instant.now()));
    try (OutputLock lock = OutputLock.acquire(out(), HOURS_12, said::add)) {
      assertThat(Files.readString(lockFile())).contains("pid=" + ProcessHandle.current().pid());
    }
    assertThat(said).singleElement().asString().startsWith("took over the lock of " + out() + " from pid " + deadPid)
        .endsWith(": its process " + deadPid + " is gone");
  }

  @Test
  void aLockOfAnotherHostIsReportedStaleWhenOlderThanTheLimitAndBrokenOnlyWithForceUnlock() throws Exception {
    Files.createDirectories(lockFile().getParent());
    Instant taken = Instant.parse("2026-11-26T02:30:04.117Z");
    String remote = OutputLock.describe(4242, "other-host.example", taken);
    Files.writeString(lockFile(), remote);
    Duration sinceTaken = Duration.between(taken, Instant.now());
    // younger than the limit: held, with or without the flag
    assertThatThrownBy(() -> OutputLock.acquire(out(), sinceTaken.plusHours(1), true, said::add))
        .isInstanceOf(OutputLock.HeldException.class)
        .hasMessageContaining("pid 4242 on host other-host.example, started 2026-11-26T02:30:04.117Z")
        .hasMessageContaining("can then be broken with --force-unlock");
    // older: reported as stale, naming host, pid and start time, and left in place
    assertThatThrownBy(() -> OutputLock.acquire(out(), HOURS_12, said::add))
        .isInstanceOf(OutputLock.HeldException.class)
        .hasMessage("another footprint run is writing " + out() + ": pid 4242 on host other-host.example, started"
            + " 2026-11-26T02:30:04.117Z (lock file " + lockFile() + "); the lock is stale (older than 12 h,"
            + " output.lock_stale_hours) and its host cannot be checked from here: if that run is dead, rerun with"
            + " --force-unlock");
    assertThat(Files.readString(lockFile())).isEqualTo(remote);
    assertThat(said).isEmpty();
    // --force-unlock breaks it, and says so
    OutputLock.acquire(out(), HOURS_12, true, said::add).close();
    assertThat(said).containsExactly("broke the stale lock of " + out() + " (--force-unlock): pid 4242 on host"
        + " other-host.example, started 2026-11-26T02:30:04.117Z, older than 12 h");
    assertThat(lockFile()).doesNotExist();
  }

  @Test
  void aLiveRunOnThisHostIsNeverBrokenButAPidReusedSinceTheLockIsTakenOver() throws Exception {
    Process live = new ProcessBuilder("sleep", "120").start();
    try {
      Files.createDirectories(lockFile().getParent());
      Instant since = live.info().startInstant().orElse(Instant.now()).plusSeconds(1);
      String held = OutputLock.describe(live.pid(), OutputLock.host(), since);
      Files.writeString(lockFile(), held);
      assertThatThrownBy(() -> OutputLock.acquire(out(), Duration.ofMinutes(1), true, said::add))
          .isInstanceOf(OutputLock.HeldException.class)
          .hasMessageContaining("pid " + live.pid() + " on host " + OutputLock.host())
          .hasMessageContaining("--force-unlock never breaks the lock of a live run");
      assertThat(Files.readString(lockFile())).isEqualTo(held);

      // the lock was taken an hour before this process started: its pid was reused, the holder is gone
      Files.writeString(lockFile(), OutputLock.describe(live.pid(), OutputLock.host(),
          since.minus(Duration.ofHours(1))));
      OutputLock.acquire(out(), HOURS_12, said::add).close();
      assertThat(said).singleElement().asString().startsWith("took over the lock of " + out() + " from pid "
          + live.pid());
    } finally {
      live.destroy();
      live.waitFor();
    }
  }

  @Test
  void closingDoesNotRemoveALockAnotherRunTookOver() throws Exception {
    OutputLock mine = OutputLock.acquire(out(), HOURS_12, said::add);
    String theirs = OutputLock.describe(7, "other-host.example", Instant.now());
    Files.writeString(lockFile(), theirs);
    mine.close();
    assertThat(Files.readString(lockFile())).isEqualTo(theirs);
  }

  @Test
  void leftoverStagingOfKilledRunsIsRemovedAndNamed() throws Exception {
    Files.createDirectories(dir.resolve("out/.staging-1111/tables/jobs"));
    Files.writeString(dir.resolve("out/.staging-1111/tables/jobs/part-0.parquet"), "x");
    Files.createDirectories(dir.resolve("out/.staging-2222"));
    Files.createDirectories(dir.resolve("out/tables/jobs"));
    Files.writeString(dir.resolve("out/csv.txt"), "kept");
    assertThat(OutputCommitter.removeLeftoverStaging(out())).containsExactly(".staging-1111", ".staging-2222");
    try (var files = Files.list(dir.resolve("out"))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("tables", "csv.txt");
    }
    assertThat(OutputCommitter.removeLeftoverStaging(dir.resolve("absent").toString())).isEmpty();
  }
}
