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
          .hasMessageContaining("a lock older than 12 h is taken over");
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
  void aLockOfAnotherHostIsStaleOnlyWhenOlderThanTheConfiguredAge() throws Exception {
    Files.createDirectories(lockFile().getParent());
    String remote = OutputLock.describe(4242, "other-host.example", Instant.now().minus(Duration.ofHours(20)));
    Files.writeString(lockFile(), remote);
    assertThatThrownBy(() -> OutputLock.acquire(out(), Duration.ofHours(48), said::add))
        .isInstanceOf(OutputLock.HeldException.class).hasMessageContaining("pid 4242 on host other-host.example");
    OutputLock.acquire(out(), HOURS_12, said::add).close();
    assertThat(said).singleElement().asString().contains("from pid 4242 on host other-host.example")
        .contains("it is older than 12 h");
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
