package org.footprint.source.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SlurmJobIdTest {

  @Test
  void plainAllocation() {
    SlurmJobId id = SlurmJobId.parse("1234");
    assertThat(id).isEqualTo(new SlurmJobId("1234", null, null, null, false, null, null));
    assertThat(id.isStep()).isFalse();
    assertThat(SlurmJobId.parse(" 973821 ").allocationId()).isEqualTo("973821");
  }

  @Test
  void steps() {
    assertThat(SlurmJobId.parse("1234.batch")).isEqualTo(new SlurmJobId("1234", "batch", null, null, false, null, null));
    assertThat(SlurmJobId.parse("1234.extern").step()).isEqualTo("extern");
    assertThat(SlurmJobId.parse("1234.interactive").step()).isEqualTo("interactive");
    assertThat(SlurmJobId.parse("1234.0").step()).isEqualTo("0");
    assertThat(SlurmJobId.parse("1234.17").step()).isEqualTo("17");
    assertThat(SlurmJobId.parse("1234.TBD").step()).isEqualTo("TBD");
    assertThat(SlurmJobId.parse("1234.0+1").step()).isEqualTo("0+1"); // step of a heterogeneous srun
    assertThat(SlurmJobId.parse("1234.batch").isStep()).isTrue();
  }

  @Test
  void arrayTask() {
    assertThat(SlurmJobId.parse("1234_7")).isEqualTo(new SlurmJobId("1234_7", null, "1234", 7, false, null, null));
    assertThat(SlurmJobId.parse("1234_7.0")).isEqualTo(new SlurmJobId("1234_7", "0", "1234", 7, false, null, null));
    assertThat(SlurmJobId.parse("1234_0.batch").arrayTask()).isZero();
  }

  @Test
  void pendingArrayRange() {
    assertThat(SlurmJobId.parse("1234_[8-100%4]"))
        .isEqualTo(new SlurmJobId("1234_[8-100%4]", null, "1234", null, true, null, null));
    assertThat(SlurmJobId.parse("1234_[1,3,5-7]").pendingArrayRange()).isTrue();
    assertThat(SlurmJobId.parse("1234_[0-99:2]").pendingArrayRange()).isTrue();
    assertThat(SlurmJobId.parse("1234_[5]").pendingArrayRange()).isTrue();
  }

  @Test
  void hetComponent() {
    assertThat(SlurmJobId.parse("1234+0")).isEqualTo(new SlurmJobId("1234+0", null, null, null, false, "1234", 0));
    assertThat(SlurmJobId.parse("1234+1.batch"))
        .isEqualTo(new SlurmJobId("1234+1", "batch", null, null, false, "1234", 1));
  }

  @Test
  void message() {
    assertThatThrownBy(() -> SlurmJobId.parse("abc"))
        .isInstanceOf(SlurmFieldException.class)
        .hasMessage("bad JobID \"abc\": expected ID, ID_TASK, ID_[RANGE] or ID+OFFSET, optionally .STEP "
            + "(numeric or a name such as batch)");
    assertThatThrownBy(() -> SlurmJobId.parse("")).hasMessage("bad JobID \"\": empty job id");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "abc", "12a4", "1234.", ".batch", "1234_", "1234_x", "1234+", "+0", "_7",
      "1234_7+0", "1234+0_7", "1234_[", "1234_[]", "1234_[a-b]", "1234_[1-3].batch", "1234_[1-3]x", "1234.ba-tch",
      "12345678901", "1234.0+", "1234.+1", "1234_99999999999", "1234.batch.0", "-1234", "1234 5", "1234_[-3]",
      "1234+0+1"})
  void garbageRejected(String v) {
    assertThatThrownBy(() -> SlurmJobId.parse(v)).isInstanceOf(SlurmFieldException.class)
        .hasMessageStartingWith("bad JobID ");
  }
}
