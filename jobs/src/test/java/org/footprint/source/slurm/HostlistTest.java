package org.footprint.source.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HostlistTest {

  @Test
  void plainCommaList() {
    assertThat(Hostlist.expand("a1,b2")).containsExactly("a1", "b2");
    assertThat(Hostlist.expand("gpu-9")).containsExactly("gpu-9");
  }

  @Test
  void rangeAndSingleInOneGroup() {
    List<String> hosts = Hostlist.expand("linux[0-64,128]");
    assertThat(hosts).hasSize(66);
    assertThat(hosts.get(0)).isEqualTo("linux0");
    assertThat(hosts.get(9)).isEqualTo("linux9");
    assertThat(hosts.get(10)).isEqualTo("linux10");
    assertThat(hosts.get(64)).isEqualTo("linux64");
    assertThat(hosts.get(65)).isEqualTo("linux128");
    assertThat(Hostlist.count("linux[0-64,128]")).isEqualTo(66);
  }

  @Test
  void singlesAndRanges() {
    assertThat(Hostlist.expand("lx[15,18,32-33]")).containsExactly("lx15", "lx18", "lx32", "lx33");
  }

  @Test
  void zeroPaddingKept() {
    assertThat(Hostlist.expand("gpu[001-004,010]"))
        .containsExactly("gpu001", "gpu002", "gpu003", "gpu004", "gpu010");
    assertThat(Hostlist.expand("n[098-101]")).containsExactly("n098", "n099", "n100", "n101");
    assertThat(Hostlist.expand("node[08-10]")).containsExactly("node08", "node09", "node10");
    // no leading zero: no padding, even when the range crosses a power of ten
    assertThat(Hostlist.expand("node[8-10]")).containsExactly("node8", "node9", "node10");
  }

  @Test
  void severalGroupsMultiplyFirstGroupSlowest() {
    assertThat(Hostlist.expand("rack[0-1]_blade[0-2]")).containsExactly(
        "rack0_blade0", "rack0_blade1", "rack0_blade2", "rack1_blade0", "rack1_blade1", "rack1_blade2");
    assertThat(Hostlist.count("rack[0-63]_blade[0-41]")).isEqualTo(64 * 42);
    List<String> big = Hostlist.expand("rack[0-63]_blade[0-41]");
    assertThat(big).hasSize(2688);
    assertThat(big.get(42)).isEqualTo("rack1_blade0");
    assertThat(big.get(2687)).isEqualTo("rack63_blade41");
  }

  @Test
  void suffixAfterBracketAndCorpusForms() {
    assertThat(Hostlist.expand("node[1-2]-ib")).containsExactly("node1-ib", "node2-ib");
    assertThat(Hostlist.expand("c1-[9-10]")).containsExactly("c1-9", "c1-10");
    assertThat(Hostlist.expand("gpu-[1,4],bigmem-1,c1-[28-29]"))
        .containsExactly("gpu-1", "gpu-4", "bigmem-1", "c1-28", "c1-29");
  }

  @Test
  void commasInsideBracketsDoNotSplitHosts() {
    assertThat(Hostlist.expand("a[1,3],b[2,4]")).containsExactly("a1", "a3", "b2", "b4");
    assertThat(Hostlist.count("a[1,3],b[2,4]")).isEqualTo(4);
  }

  @Test
  void duplicatesKeptAsSlurmPrintsThem() {
    assertThat(Hostlist.expand("a1,a1")).containsExactly("a1", "a1");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"None assigned", "(null)", "   ", " None assigned "})
  void placeholdersAreEmpty(String v) {
    assertThat(Hostlist.expand(v)).isEmpty();
    assertThat(Hostlist.count(v)).isZero();
  }

  @Test
  void surroundingWhitespaceIgnored() {
    assertThat(Hostlist.expand(" a[1-2] ")).containsExactly("a1", "a2");
  }

  @Test
  void exactlyTheLimitIsAccepted() {
    assertThat(Hostlist.count("n[0-99999]")).isEqualTo(100_000);
    assertThat(Hostlist.expand("n[1-100000]")).hasSize(100_000).endsWith("n100000");
  }

  @Test
  void messagesNameValueAndReason() {
    assertThatThrownBy(() -> Hostlist.expand("a[3-1]"))
        .isInstanceOf(SlurmFieldException.class)
        .hasMessage("bad NodeList \"a[3-1]\": reversed range 3-1 (low bound above high bound)");
    assertThatThrownBy(() -> Hostlist.expand("linux[0-3"))
        .hasMessage("bad NodeList \"linux[0-3\": unbalanced '[' (missing ']')");
    assertThatThrownBy(() -> Hostlist.count("n[0-100000]"))
        .hasMessage("bad NodeList \"n[0-100000]\": expands to more than 100000 hosts");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "linux0-3]", "a]b[", "a[1-[2]]", "a[[1]]", "a[]", "a[1-]", "a[-1]", "a[x]", "a[1,,2]", "a[1-2-3]",
      "a[1,]", "a,,b", "a,", ",a", "a b", "a\tb", "a[5-3],b1",
      "n[0-99999],m[0-1]",            // 100,002 in total
      "a[0-99999]b[0-99999]",         // product overflows any sane size
      "n[0-999999999999999999]",      // one huge range
      "n[0-9999999999999999999]"})    // more digits than a long holds
  void garbageRejected(String v) {
    assertThatThrownBy(() -> Hostlist.expand(v)).isInstanceOf(SlurmFieldException.class)
        .hasMessageStartingWith("bad NodeList \"");
    assertThatThrownBy(() -> Hostlist.count(v)).isInstanceOf(SlurmFieldException.class);
  }
}
