package org.footprint.source.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlurmFieldExceptionTest {

  @Test
  void structuredMessage() {
    SlurmFieldException e = new SlurmFieldException("Elapsed", "12x4", "expected [D-]HH:MM:SS");
    assertThat(e).hasMessage("bad Elapsed \"12x4\": expected [D-]HH:MM:SS").isInstanceOf(RuntimeException.class);
    assertThat(e.field()).isEqualTo("Elapsed");
    assertThat(e.value()).isEqualTo("12x4");
    assertThat(e.reason()).isEqualTo("expected [D-]HH:MM:SS");
  }

  @Test
  void longValuesAreClippedInTheMessageOnly() {
    String v = "x".repeat(500);
    SlurmFieldException e = new SlurmFieldException("JobName", v, "too long");
    assertThat(e.getMessage()).isEqualTo("bad JobName \"" + "x".repeat(200) + "…\": too long");
    assertThat(e.value()).isEqualTo(v);
  }

  @Test
  void nullValue() {
    assertThat(new SlurmFieldException("JobID", null, "empty job id")).hasMessage("bad JobID \"null\": empty job id");
  }

  @Test
  void composedMessage() {
    SlurmFieldException e = new SlurmFieldException("no JobID column");
    assertThat(e).hasMessage("no JobID column");
    assertThat(e.field()).isNull();
    assertThat(e.value()).isNull();
    assertThat(e.reason()).isEqualTo("no JobID column");
  }
}
