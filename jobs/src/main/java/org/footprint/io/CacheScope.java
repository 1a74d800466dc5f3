package org.footprint.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.storage.StorageLevel;

/**
 * What one run caches, released together when the run ends (refused and failed runs too): a long-lived session
 * (tests, a notebook, a scheduler's driver) runs again and must not keep the previous night's blocks.
 */
public final class CacheScope implements AutoCloseable {
  private final List<Dataset<?>> cached = new ArrayList<>();

  /** Persists {@code d} (memory, spilling to disk) for the life of this scope. */
  public <T> Dataset<T> keep(Dataset<T> d) {
    return adopt(d.persist(StorageLevel.MEMORY_AND_DISK()));
  }

  /** Takes over the release of a dataset someone else persisted. */
  public <T> Dataset<T> adopt(Dataset<T> persisted) {
    cached.add(persisted);
    return persisted;
  }

  /** Takes over the release of several persisted datasets. */
  public void adoptAll(List<? extends Dataset<?>> persisted) {
    cached.addAll(persisted);
  }

  /** How many datasets it holds. */
  public int size() {
    return cached.size();
  }

  @Override
  public void close() {
    cached.forEach(Dataset::unpersist);
    cached.clear();
  }
}
