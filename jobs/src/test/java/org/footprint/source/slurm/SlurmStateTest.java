package org.footprint.source.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SlurmStateTest {

  private static final List<String> ENDED = List.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY",
      "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "DEADLINE", "REQUEUED", "REVOKED");
  private static final List<String> NOT_ENDED = List.of("PENDING", "RUNNING", "SUSPENDED", "RESIZING",
      "REQUEUE_HOLD", "REQUEUE_FED", "SIGNALING", "STAGE_OUT", "STOPPED", "COMPLETING", "CONFIGURING",
      "RESV_DEL_HOLD", "SPECIAL_EXIT");

  @ParameterizedTest
  @CsvSource({
      "BF, BOOT_FAIL", "CA, CANCELLED", "CD, COMPLETED", "DL, DEADLINE", "F, FAILED", "NF, NODE_FAIL",
      "OOM, OUT_OF_MEMORY", "PD, PENDING", "PR, PREEMPTED", "R, RUNNING", "RQ, REQUEUED", "RS, RESIZING",
      "RV, REVOKED", "S, SUSPENDED", "TO, TIMEOUT",
      "CF, CONFIGURING", "CG, COMPLETING", "RD, RESV_DEL_HOLD", "RF, REQUEUE_FED", "RH, REQUEUE_HOLD",
      "SE, SPECIAL_EXIT", "SI, SIGNALING", "SO, STAGE_OUT", "ST, STOPPED"})
  void abbreviations(String abbrev, String full) {
    assertThat(SlurmState.base(abbrev)).isEqualTo(full);
    assertThat(SlurmState.base(full)).isEqualTo(full);
  }

  @Test
  void reasonsCaseAndTruncation() {
    assertThat(SlurmState.base("CANCELLED by 1300204")).isEqualTo("CANCELLED");
    assertThat(SlurmState.base("CANCELLED by 0")).isEqualTo("CANCELLED");
    assertThat(SlurmState.base("completed")).isEqualTo("COMPLETED");
    assertThat(SlurmState.base("ca")).isEqualTo("CANCELLED");
    assertThat(SlurmState.base(" RUNNING ")).isEqualTo("RUNNING");
    assertThat(SlurmState.base("CANCELLED+")).isEqualTo("CANCELLED"); // fixed-width sacct truncation mark
    assertThat(SlurmState.base("OUT_OF_ME+")).isNull();                 // truncated beyond recognition
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"BOGUS", "  ", "+", "by 1234", "CANCELLEDX", "X"})
  void unknownIsNull(String v) {
    assertThat(SlurmState.base(v)).isNull();
    assertThat(SlurmState.isEnded(v)).isFalse();
    assertThat(SlurmState.isFailure(v)).isFalse();
    assertThat(SlurmState.isNotEnded(v)).isFalse();
  }

  @Test
  void endedAndFailure() {
    for (String s : ENDED) {
      assertThat(SlurmState.isEnded(s)).as(s).isTrue();
      assertThat(SlurmState.isNotEnded(s)).as(s).isFalse();
      assertThat(SlurmState.isFailure(s)).as(s).isEqualTo(!s.equals("COMPLETED"));
    }
    assertThat(SlurmState.isFailure("PREEMPTED")).isTrue();
    assertThat(SlurmState.isFailure("CANCELLED by 1300204")).isTrue();
    assertThat(SlurmState.isEnded("CD")).isTrue();
    assertThat(SlurmState.isFailure("CD")).isFalse();
  }

  @Test
  void publicSetsMatchThePredicates() {
    assertThat(SlurmState.ENDED).containsExactlyInAnyOrderElementsOf(ENDED);
    assertThat(SlurmState.NOT_ENDED).containsExactlyInAnyOrderElementsOf(NOT_ENDED);
  }

  @Test
  void notEnded() {
    for (String s : NOT_ENDED) {
      assertThat(SlurmState.isNotEnded(s)).as(s).isTrue();
      assertThat(SlurmState.isEnded(s)).as(s).isFalse();
      assertThat(SlurmState.isFailure(s)).as(s).isFalse();
    }
    assertThat(SlurmState.isNotEnded("PD")).isTrue();
    assertThat(SlurmState.isNotEnded("PREEMPTED")).isFalse();
  }
}
