package org.footprint.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class FileByFileTest {
  /** A "file" of n records that counts how many it has handed out. */
  private static Iterator<String> counting(String name, int n, int[] produced) {
    return new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < n;
      }

      @Override
      public String next() {
        if (i >= n) {
          throw new NoSuchElementException();
        }
        produced[0]++;
        return name + ":" + i++;
      }
    };
  }

  @Test
  void handsOutRecordsOneAtATimeWithoutDrainingTheFile() {
    int[] produced = {0};
    List<String> opened = new ArrayList<>();
    FileByFile<String, String> it = new FileByFile<>(List.of("big", "next"), f -> {
      opened.add(f);
      return counting(f, 1_000_000, produced);
    });

    assertThat(it.next()).isEqualTo("big:0");
    // the bug this replaces: Stream.flatMap(...).iterator() had produced all 1,000,000 rows here
    assertThat(produced[0]).isEqualTo(1);
    assertThat(opened).containsExactly("big");
  }

  @Test
  void filesFollowEachOtherInOrderAndEmptyOnesAreSkipped() {
    int[] produced = {0};
    List<String> out = new ArrayList<>();
    new FileByFile<String, String>(List.of("a", "empty", "b"),
        f -> counting(f, f.equals("empty") ? 0 : 2, produced)).forEachRemaining(out::add);
    assertThat(out).containsExactly("a:0", "a:1", "b:0", "b:1");
  }

  @Test
  void noInputsIsEmpty() {
    FileByFile<String, String> it = new FileByFile<>(List.of(), f -> counting(f, 1, new int[1]));
    assertThat(it.hasNext()).isFalse();
  }
}
