package org.footprint.source.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.footprint.model.RejectCodes;
import org.junit.jupiter.api.Test;

/** The two dump formats line by line, with the traps of each (no Spark). */
class NodeDumpParsersTest {
  private static List<NodeLine> all(Iterator<NodeLine> it) {
    List<NodeLine> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private static List<NodeLine> scontrol(String file, String text) {
    return all(new ScontrolNodeReader("c", file, new BufferedReader(new StringReader(text))));
  }

  private static List<NodeLine> sinfo(String file, String text) {
    return all(new SinfoNodeReader("c", file, new BufferedReader(new StringReader(text))));
  }

  @Test
  void scontrolLinesWithSpacesInValuesAndFlagsInTheState() {
    List<NodeLine> r = scontrol("/d/nodes-2026-11-02.txt", String.join("\n",
        "NodeName=g01 Arch=x86_64 CoresPerSocket=32 CPUAlloc=16 CPUEfctv=64 CPUTot=64 CPULoad=3.10"
            + " AvailableFeatures=a100 ActiveFeatures=a100 Gres=gpu:a100:4(S:0-1) NodeAddr=g01 NodeHostName=g01"
            + " Version=23.11.4 OS=Linux 5.14.0-362.el9.x86_64 #1 SMP PREEMPT_DYNAMIC Wed Nov 1 2023"
            + " RealMemory=515000 AllocMem=64000 FreeMem=400000 Sockets=2 Boards=1 State=MIXED ThreadsPerCore=1"
            + " Partitions=gpu,gpu-long BootTime=2026-10-01T08:00:00 CfgTRES=cpu=64,mem=515000M,gres/gpu=4",
        "NodeName=g02 CPUTot=64 Gres=(null) CfgTRES=cpu=64,mem=500G,billing=64,gres/gpu=8 State=IDLE+DRAIN"
            + " Partitions=gpu Reason=bad fan State=DOWN [root@2026-11-01T10:00:00]",
        "NodeName=g03 CPUTot=64 State=IDLE+CLOUD+POWERED_DOWN Partitions=gpu Gres=gpu:4",
        "NodeName=c01 CPUTot=128 State=DOWN*+NOT_RESPONDING Gres=(null)",
        "",
        "   Arch=x86_64 CoresPerSocket=32",
        "NodeName=b01 CPUTot=64 Gres=gpu:a100:four State=IDLE Partitions=gpu",
        "NodeName=b02 CPUTot=64 Gres=gpu:a100:4"));
    assertThat(r).hasSize(7);
    NodeLine g01 = r.get(0);
    assertThat(g01.day).isEqualTo(LocalDate.of(2026, 11, 2));
    assertThat(g01.node).isEqualTo("g01");
    assertThat(g01.partitions).containsExactly("gpu", "gpu-long");
    assertThat(g01.cpus).isEqualTo(64);
    assertThat(g01.gpus).isEqualTo(4);
    assertThat(g01.gpuType).isEqualTo("a100");
    assertThat(g01.inService).isTrue();
    NodeLine g02 = r.get(1); // Gres=(null) with gres/gpu in CfgTRES would be 0: Gres= present wins
    assertThat(g02.gpus).isEqualTo(0);
    assertThat(g02.state).isEqualTo("IDLE+DRAIN"); // the first State=, not the one inside Reason
    assertThat(g02.inService).isTrue();
    assertThat(r.get(2).inService).isFalse();
    assertThat(r.get(2).gpus).isEqualTo(4);
    assertThat(r.get(2).gpuType).isNull();
    assertThat(r.get(3).partitions).isEmpty();
    assertThat(r.get(3).state).isEqualTo("DOWN*+NOT_RESPONDING");
    assertThat(r.get(3).inService).isTrue();
    assertThat(r.subList(4, 7)).allMatch(n -> n.kind.equals("reject"));
    assertThat(r.get(4).line).isEqualTo(6);
    assertThat(RejectCodes.of(r.get(4).reason)).isEqualTo("bad_value");
    assertThat(r.get(5).reason).startsWith("bad GRES 'gpu:a100:four'");
    assertThat(RejectCodes.of(r.get(5).reason)).isEqualTo("bad_number");
    assertThat(RejectCodes.of(r.get(6).reason)).isEqualTo("missing_value");
  }

  @Test
  void cfgTresGivesTheGpusWhenTheLineHasNoGres() {
    List<NodeLine> r = scontrol("/d/undated.txt", "NodeName=g9 CfgTRES=cpu=8,gres/gpu=2 State=IDLE Partitions=p");
    assertThat(r.get(0).gpus).isEqualTo(2);
    assertThat(r.get(0).day).isNull();
  }

  @Test
  void sinfoNodeLinesWithTheDefaultPartitionMarkAndStateSuffixes() {
    List<NodeLine> r = sinfo("/d/sinfo_20261102.txt", String.join("\n",
        "NODELIST PARTITION CPUS GRES STATE",
        "g01 gpu* 64 gpu:a100:4(S:0-1) mixed",
        "g01 gpu-long 64 gpu:a100:4(S:0-1) mixed",
        "g03 gpu* 64 gpu:a100:4(S:0,1),shard:16 idle~",
        "c01 cpu 128 (null) down*",
        "g[04-05] gpu* 64 gpu:a100:4 idle",
        "g06 gpu* 64+ gpu:a100:4 idle",
        "g07 gpu* 64 gpu:a100:4"));
    assertThat(r).hasSize(7);
    assertThat(r.get(0).day).isEqualTo(LocalDate.of(2026, 11, 2));
    assertThat(r.get(0).partitions).containsExactly("gpu");
    assertThat(r.get(1).partitions).containsExactly("gpu-long");
    assertThat(r.get(0).state).isEqualTo("MIXED");
    assertThat(r.get(2).gpus).isEqualTo(4); // shards are slices of the same boards
    assertThat(r.get(2).inService).isFalse(); // ~ powered off
    assertThat(r.get(3).gpus).isEqualTo(0);
    assertThat(r.get(3).state).isEqualTo("DOWN");
    assertThat(r.get(3).inService).isTrue();
    assertThat(RejectCodes.of(r.get(4).reason)).isEqualTo("bad_value");
    assertThat(RejectCodes.of(r.get(5).reason)).isEqualTo("bad_number");
    assertThat(RejectCodes.of(r.get(6).reason)).isEqualTo("field_count");
  }

  @Test
  void sinfoWithoutItsHeaderIsRejectedLineByLine() {
    List<NodeLine> r = sinfo("/d/sinfo.txt", "g01 gpu* 64 gpu:a100:4 mixed\ng02 gpu* 64 gpu:a100:4 idle\n");
    assertThat(r).hasSize(2).allMatch(n -> RejectCodes.of(n.reason).equals("no_header"));
  }

  @Test
  void gresStrings() {
    assertThat(Gres.gpus("gpu:2,gpu:v100:2")).isEqualTo(new Gres.Gpus(4, "v100"));
    assertThat(Gres.gpus("(null)")).isEqualTo(new Gres.Gpus(0, null));
    assertThat(Gres.gpus("mps:100,gpu:H100:8(S:0-1)")).isEqualTo(new Gres.Gpus(8, "h100"));
    // MIG profiles: 4 one-slice + 8 three-slice instances = 28 of 7 slices = 4 boards
    assertThat(Gres.gpus("gpu:1g.5gb:4(S:0),gpu:3g.20gb:8(S:0-1)")).isEqualTo(new Gres.Gpus(4, null));
    assertThatThrownBy(() -> Gres.gpus("gpu:a100:x")).hasMessageContaining("not a number");
  }

  @Test
  void theNightOfADumpIsTheDateInItsName() {
    assertThat(DumpDay.of("/x/2025-01-01/nodes-2026-03-01.txt")).isEqualTo(LocalDate.of(2026, 3, 1));
    assertThat(DumpDay.of("/x/scontrol_20260301.out")).isEqualTo(LocalDate.of(2026, 3, 1));
    assertThat(DumpDay.of("/x/nodes.txt")).isNull();
    assertThat(DumpDay.of("/x/nodes-20261399.txt")).isNull();
  }
}
