package org.footprint.pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak heap of this JVM (the driver's; in local mode the executors' tasks share it): the sum over the heap memory
 * pools (eden, survivor, old generation) of each pool's peak usage. The pools peak at different moments, so the
 * sum is an upper bound of the true peak, and a safe figure to size -Xmx / spark.driver.memory from.
 */
final class DriverHeap {
  private DriverHeap() {}

  /** Starts a new peak: the JVM keeps peaks since its start, and one session may run many nights. */
  static void resetPeak() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        pool.resetPeakUsage();
      }
    }
  }

  static long peakBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
