package org.footprint.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The frame's policy for inputs that cannot be read, without Spark: what one task does with its group. */
class PerFileRowsTest {
  private static final AtomicInteger CLOSED = new AtomicInteger();

  /** "ok" has rows a, b; "broken" has a, then fails reading; "gone" cannot be opened. */
  private static Iterator<Row> open(String file) throws IOException {
    if (file.equals("gone")) {
      throw new FileNotFoundException("File gone does not exist");
    }
    boolean broken = file.equals("broken");
    Iterator<Row> rows = new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        if (broken && i == 1) {
          throw new UncheckedIOException("reading broken at line 2", new IOException("Input/output error"));
        }
        return i < 2;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return RowFactory.create(file, "row " + i++);
      }
    };
    return PerFileRows.rows(rows, r -> r, CLOSED::incrementAndGet);
  }

  private static Row unreadable(String file, IOException e) {
    return RowFactory.create(file, "unreadable: " + e.getMessage());
  }

  @Test
  void anUnreadableFileIsOneRowAndTheNextFileIsRead() {
    CLOSED.set(0);
    List<Row> out = new ArrayList<>();
    new FileByFile<>(List.of("gone", "broken", "ok"),
        f -> PerFileRows.guarded(f, PerFileRowsTest::open, PerFileRowsTest::unreadable))
        .forEachRemaining(out::add);
    assertThat(out).extracting(r -> r.getString(0) + ": " + r.getString(1)).containsExactly(
        "gone: unreadable: File gone does not exist",
        "broken: row 0",
        "broken: unreadable: reading broken at line 2: Input/output error",
        "ok: row 0",
        "ok: row 1");
    assertThat(CLOSED.get()).as("files opened are closed, at their end or their error").isEqualTo(2);
  }

  @Test
  void aReaderWithoutAnUnreadableRowSkipsTheFile() {
    List<Row> out = new ArrayList<>();
    new FileByFile<>(List.of("gone", "ok"), f -> PerFileRows.guarded(f, PerFileRowsTest::open, (x, e) -> null))
        .forEachRemaining(out::add);
    assertThat(out).hasSize(2);
  }
}
