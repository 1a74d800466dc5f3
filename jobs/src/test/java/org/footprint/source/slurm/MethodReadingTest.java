package org.footprint.source.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The two method choices made where sacct is read: method.memory_units (1024, as Slurm means its suffixes, or 1000,
 * as GA4HPC reads them) and method.mig_share (a MIG slice as g/7 of a board, or as the whole GPU gres/gpu=N counts).
 */
class MethodReadingTest {
  private static final String EXPORT = String.join("\n",
      "JobID|State|Start|End|ElapsedRaw|NCPUS|NNodes|ReqMem|AllocTRES",
      "1|COMPLETED|2026-11-02T10:00:00|2026-11-02T11:00:00|3600|4|1|4000M|cpu=4,mem=4000M,node=1",
      "2|COMPLETED|2026-11-02T10:00:00|2026-11-02T11:00:00|3600|8|1|2000Mc|cpu=8,node=1",
      "3|COMPLETED|2026-11-02T10:00:00|2026-11-02T11:00:00|3600|4|1|2000000K|"
          + "cpu=4,gres/gpu:3g.40gb=2,gres/gpu=2,node=1",
      "4|COMPLETED|2026-11-02T10:00:00|2026-11-02T11:00:00|3600|4|1|64G|cpu=4,gres/gpu:a100=2,gres/gpu=2,mem=64G,node=1",
      "");

  private static List<SacctRecord> read(int units, boolean wholeBoards) {
    return SacctFileParser.parseAll("x.txt", new BufferedReader(new StringReader(EXPORT)),
        new SacctInput("c", "UTC", null, null, units, wholeBoards));
  }

  @Test
  void slurmsOwnUnitsAndMigFractionsByDefault() {
    List<SacctRecord> r = SacctFileParser.parseAll("x.txt", new BufferedReader(new StringReader(EXPORT)),
        new SacctInput("c", "UTC", null, null));
    assertThat(r).extracting(x -> x.memGb).containsExactly(4000 / 1024.0, 2000 / 1024.0 * 8, 2000000 / 1024.0 / 1024,
        64.0);
    // two 3g.40gb slices = 6/7 of a board; two whole A100s stay 2
    assertThat(r).extracting(x -> x.gpuCount).containsExactly(0.0, 0.0, 6 / 7.0, 2.0);
    assertThat(r.get(2).gpuDevices).isEqualTo(2.0);
  }

  @Test
  void greenAlgorithmsReadsSizesPer1000AndASliceAsAWholeGpu() {
    List<SacctRecord> r = read(1000, true);
    // 4000M = 4 GB; 2000Mc × 8 cores = 16 GB; 2000000K = 2 GB; 64G = 64 GB
    assertThat(r).extracting(x -> x.memGb).containsExactly(4.0, 16.0, 2.0, 64.0);
    assertThat(r).extracting(x -> x.gpuCount).containsExactly(0.0, 0.0, 2.0, 2.0);
    assertThat(r.get(2).gpuMig).isTrue();
  }
}
