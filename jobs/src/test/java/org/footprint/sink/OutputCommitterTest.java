package org.footprint.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit on plain files, no Spark: what one commit replaces and removes, and that a commit interrupted at any
 * point — between two renames or inside one — is completed by the next run from its journal and staging folder.
 */
class OutputCommitterTest {
  private static final LocalDate D2 = LocalDate.of(2026, 3, 2);
  private static final LocalDate D3 = LocalDate.of(2026, 3, 3);
  private static final LocalDate D4 = LocalDate.of(2026, 3, 4);

  @TempDir
  Path dir;

  private final List<String> said = new ArrayList<>();

  private Path out() {
    return dir.resolve("out");
  }

  private static void write(Path p, String text) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  /** Yesterday's output: days 1-3 (day 3 will be emptied), a CSV, a report with a page of a gone project. */
  private void published() throws IOException {
    write(out().resolve("tables/jobs/day=2026-03-01/part-0.parquet"), "old 1");
    write(out().resolve("tables/jobs/day=2026-03-02/part-0.parquet"), "old 2");
    write(out().resolve("tables/jobs/day=2026-03-03/part-0.parquet"), "old 3");
    write(out().resolve("tables/by_user/part-0.parquet"), "old users");
    write(out().resolve("csv/by_user.csv"), "old users csv");
    write(out().resolve("report/index.html"), "old index");
    write(out().resolve("report/.index.html.crc"), "old index crc");
    write(out().resolve("report/project-gone.html"), "old gone");
    write(out().resolve("report/.project-gone.html.crc"), "old gone crc");
    write(out().resolve("report/notes.txt"), "a person's notes");
  }

  /** Tonight's staged run for the window 2-4 March: day 2 again, day 3 emptied, day 4 new. */
  private OutputCommitter staged() throws IOException {
    OutputCommitter c = new OutputCommitter(out().toString());
    Path s = Path.of(c.stagingDir().replaceFirst("^file:", ""));
    write(s.resolve("tables/jobs/day=2026-03-02/part-0.parquet"), "new 2");
    write(s.resolve("tables/jobs/day=2026-03-04/part-0.parquet"), "new 4");
    write(s.resolve("tables/by_user/part-0.parquet"), "new users");
    write(s.resolve("csv/by_user.csv"), "new users csv");
    write(s.resolve("report/index.html"), "new index");
    write(s.resolve("report/.index.html.crc"), "new index crc");
    write(s.resolve("report/project-a.html"), "new a");
    return c;
  }

  private static List<OutputCommitter.Op> plan(OutputCommitter c) {
    List<OutputCommitter.Op> plan = new ArrayList<>();
    c.replaceDays(plan, "tables/jobs", List.of(D2, D3, D4));
    c.replace(plan, "tables/by_user");
    c.replace(plan, "tables/by_sweep"); // not staged: no step
    c.replace(plan, "csv/by_user.csv");
    c.replaceFiles(plan, "report", "project-", "index.html");
    return plan;
  }

  private static final Map<String, String> EXPECTED = new TreeMap<>(Map.of(
      "tables/jobs/day=2026-03-01/part-0.parquet", "old 1",
      "tables/jobs/day=2026-03-02/part-0.parquet", "new 2",
      "tables/jobs/day=2026-03-04/part-0.parquet", "new 4",
      "tables/by_user/part-0.parquet", "new users",
      "csv/by_user.csv", "new users csv",
      "report/index.html", "new index",
      "report/.index.html.crc", "new index crc",
      "report/project-a.html", "new a",
      "report/notes.txt", "a person's notes"));

  /** Every file under out/ with its text, hidden ones included. */
  private Map<String, String> files() throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out())) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        m.put(out().relativize(p).toString(), Files.readString(p));
      }
    }
    return m;
  }

  @Test
  void theJournalListsEveryRenameTheIndexLastAndGoesWithTheStagingWhenDone() throws Exception {
    published();
    OutputCommitter c = staged();
    List<OutputCommitter.Op> plan = plan(c);
    assertThat(plan).extracting(OutputCommitter.Op::line).containsExactly(
        "replace tables/jobs/day=2026-03-02",
        "remove tables/jobs/day=2026-03-03",
        "replace tables/jobs/day=2026-03-04",
        "replace tables/by_user",
        "replace csv/by_user.csv",
        "replace report/project-a.html",
        "replace report/.index.html.crc",
        "replace report/index.html",
        "remove report/.project-gone.html.crc",
        "remove report/project-gone.html");
    c.commit(plan, said::add);
    assertThat(files()).isEqualTo(EXPECTED);
    try (Stream<Path> top = Files.list(out())) {
      assertThat(top.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("tables", "csv", "report");
    }
    assertThat(said).singleElement().asString().startsWith("publishing: 10 renames (journal ");
  }

  @Test
  void aCommitInterruptedAnywhereIsCompletedByTheNextRun() throws Exception {
    int steps = 10;
    for (int done = 0; done <= steps; done++) {
      for (boolean inside : List.of(false, true)) {
        if (done == steps && inside) {
          continue;
        }
        Path root = out();
        if (Files.exists(root)) {
          try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          }
        }
        published();
        OutputCommitter c = staged();
        List<OutputCommitter.Op> plan = plan(c);
        interrupt(c, plan, done, inside);
        assertThat(out().resolve(OutputCommitter.JOURNAL)).as("the folder says it is incomplete").exists();

        said.clear();
        assertThat(OutputCommitter.recover(out().toString(), said::add)).isTrue();
        String at = done + " renames done" + (inside ? ", the next one half" : "");
        assertThat(files()).as(at).isEqualTo(EXPECTED);
        assertThat(said).as(at).singleElement().asString().startsWith("completed the interrupted publish of 20")
            .contains(" in " + out() + " (_PUBLISHING): ")
            .endsWith(" of 10 renames were left; " + out() + " now holds that run's output");
        // nothing to do the next time
        said.clear();
        assertThat(OutputCommitter.recover(out().toString(), said::add)).isFalse();
        assertThat(said).isEmpty();
      }
    }
  }

  /**
   * The state a kill leaves: the journal written, {@code done} steps made, and with {@code inside} the next
   * step's first half (the published version moved aside, the staged one not yet in its place).
   */
  private void interrupt(OutputCommitter c, List<OutputCommitter.Op> plan, int done, boolean inside)
      throws IOException {
    Path staging = Path.of(c.stagingDir().replaceFirst("^file:", ""));
    StringBuilder journal = new StringBuilder("# test\nstaging " + staging.getFileName() + "\nstarted "
        + "2026-03-05T02:00:00Z\n");
    plan.forEach(op -> journal.append(op.line()).append('\n'));
    write(out().resolve(OutputCommitter.JOURNAL), journal.toString());
    for (int i = 0; i < done + (inside ? 1 : 0); i++) {
      OutputCommitter.Op op = plan.get(i);
      Path target = out().resolve(op.path());
      Path aside = staging.resolve(".replaced").resolve(op.path());
      if (Files.exists(target)) {
        Files.createDirectories(aside.getParent());
        Files.move(target, aside);
      }
      if (op.replace() && i < done) {
        Files.createDirectories(target.getParent());
        Files.move(staging.resolve(op.path()), target);
      }
    }
  }

  @Test
  void aJournalWhoseStagingIsGoneIsReportedAndRemoved() throws Exception {
    published();
    write(out().resolve(OutputCommitter.JOURNAL), "staging .staging-gone\nstarted 2026-03-05T02:00:00Z\n"
        + "replace tables/by_user\n");
    assertThat(OutputCommitter.recover(out().toString(), said::add)).isTrue();
    assertThat(said).singleElement().asString().startsWith("WARNING: the publish of 2026-03-05T02:00:00Z in "
        + out() + " was interrupted and its staging folder .staging-gone is gone");
    assertThat(out().resolve(OutputCommitter.JOURNAL)).doesNotExist();
  }
}
