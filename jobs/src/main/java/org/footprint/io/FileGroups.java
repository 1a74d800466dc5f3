package org.footprint.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.ToLongFunction;

/**
 * Packs input files (or byte ranges of them) into at most {@code maxGroups} groups of about equal size (largest first, each into the
 * lightest group), so per-file readers get a handful of balanced tasks whatever the number of files.
 */
public final class FileGroups {
  private FileGroups() {}

  public static List<List<String>> bySize(List<String> files, int maxGroups) {
    return bySize(files, HadoopFs::length, maxGroups);
  }

  /** The same for any inputs of known size (byte ranges of files: {@link TextSplit}). */
  public static <T> List<List<T>> bySize(List<T> files, ToLongFunction<T> size, int maxGroups) {
    int n = Math.max(1, Math.min(files.size(), maxGroups));
    List<long[]> sized = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      sized.add(new long[] {size.applyAsLong(files.get(i)), i});
    }
    sized.sort(Comparator.comparingLong((long[] a) -> a[0]).reversed().thenComparingLong(a -> a[1]));
    List<List<T>> groups = new ArrayList<>();
    PriorityQueue<long[]> lightest = new PriorityQueue<>(Comparator.comparingLong((long[] a) -> a[0])
        .thenComparingLong(a -> a[1]));
    for (int g = 0; g < n; g++) {
      groups.add(new ArrayList<>());
      lightest.add(new long[] {0, g});
    }
    for (long[] f : sized) {
      long[] g = lightest.poll();
      groups.get((int) g[1]).add(files.get((int) f[1]));
      g[0] += f[0];
      lightest.add(g);
    }
    groups.removeIf(List::isEmpty);
    return groups;
  }
}
