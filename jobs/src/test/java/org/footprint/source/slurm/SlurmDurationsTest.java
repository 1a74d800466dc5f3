package org.footprint.source.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SlurmDurationsTest {

  @Test
  void elapsedFormsSacctPrints() {
    assertThat(SlurmDurations.elapsedSeconds("03:33:25")).isEqualTo(12_805L);
    assertThat(SlurmDurations.elapsedSeconds("00:00:00")).isEqualTo(0L);
    assertThat(SlurmDurations.elapsedSeconds("1-02:03:04")).isEqualTo(93_784L);
    assertThat(SlurmDurations.elapsedSeconds("5-00:00:00")).isEqualTo(432_000L);
    assertThat(SlurmDurations.elapsedSeconds("11:29:20")).isEqualTo(41_360L);
  }

  @Test
  void elapsedShortForms() {
    assertThat(SlurmDurations.elapsedSeconds("12:34")).isEqualTo(754L);          // MM:SS
    assertThat(SlurmDurations.elapsedSeconds("2-03")).isEqualTo(183_600L);       // D-HH
    assertThat(SlurmDurations.elapsedSeconds("2-03:04")).isEqualTo(183_840L);    // D-HH:MM
    assertThat(SlurmDurations.elapsedSeconds("0-00:00:01")).isEqualTo(1L);
  }

  @Test
  void elapsedLeadingFieldUnbounded() {
    assertThat(SlurmDurations.elapsedSeconds("100:00:00")).isEqualTo(360_000L);
    assertThat(SlurmDurations.elapsedSeconds("75:00")).isEqualTo(4_500L);
    assertThat(SlurmDurations.elapsedSeconds(" 00:00:17 ")).isEqualTo(17L);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"INVALID", "Unknown", "  "})
  void elapsedPlaceholdersAreNull(String v) {
    assertThat(SlurmDurations.elapsedSeconds(v)).isNull();
    assertThat(SlurmDurations.cpuSeconds(v)).isNull();
  }

  @Test
  void elapsedMessage() {
    assertThatThrownBy(() -> SlurmDurations.elapsedSeconds("12x4"))
        .isInstanceOf(SlurmFieldException.class)
        .hasMessage("bad Elapsed \"12x4\": expected [D-]HH:MM:SS, MM:SS, D-HH or D-HH:MM");
    assertThatThrownBy(() -> SlurmDurations.elapsedSeconds("3600"))
        .hasMessageContaining("a bare number is ambiguous");
    assertThatThrownBy(() -> SlurmDurations.elapsedSeconds("1-24:00:00"))
        .hasMessageEndingWith("(24 is out of range)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"12", "1-24:00:00", "00:60:00", "00:00:60", "-1:00:00", "-00:00:01", "1:2:3:4",
      "1-", "1-:00", "00:00:01.5", ":30", "30:", "1--02:00:00", "a-01:00:00", "01:00:0x", "1 day",
      "1234567890:00:00"})
  void elapsedGarbageRejected(String v) {
    assertThatThrownBy(() -> SlurmDurations.elapsedSeconds(v)).isInstanceOf(SlurmFieldException.class)
        .hasMessageStartingWith("bad Elapsed ");
  }

  @Test
  void cpuSecondsExamples() {
    assertThat(SlurmDurations.cpuSeconds("00:15.057")).isEqualTo(15.057);
    assertThat(SlurmDurations.cpuSeconds("07:06:50")).isEqualTo(25_610.0);
    assertThat(SlurmDurations.cpuSeconds("1-02:03:04")).isEqualTo(93_784.0);
  }

  @Test
  void cpuSecondsFromCorpus() {
    assertThat(SlurmDurations.cpuSeconds("22:53.824")).isEqualTo(1_373.824);
    assertThat(SlurmDurations.cpuSeconds("00:00.002")).isEqualTo(0.002);
    assertThat(SlurmDurations.cpuSeconds("00:01.062")).isEqualTo(1.062);
    assertThat(SlurmDurations.cpuSeconds("11:06:33")).isEqualTo(39_993.0);
    assertThat(SlurmDurations.cpuSeconds("00:00:00")).isEqualTo(0.0);
    assertThat(SlurmDurations.cpuSeconds("00:00:15")).isEqualTo(15.0);
  }

  @Test
  void cpuSecondsOtherPrecisions() {
    assertThat(SlurmDurations.cpuSeconds("01:02.5")).isEqualTo(62.5);
    assertThat(SlurmDurations.cpuSeconds("00:00.000001")).isEqualTo(0.000001);
    assertThat(SlurmDurations.cpuSeconds("1-00:00:00.250")).isEqualTo(86_400.25);
    assertThat(SlurmDurations.cpuSeconds("61:00.5")).isEqualTo(3_660.5);
  }

  @Test
  void cpuSecondsMessage() {
    assertThatThrownBy(() -> SlurmDurations.cpuSeconds("1-03:04"))
        .isInstanceOf(SlurmFieldException.class)
        .hasMessage("bad CPU time \"1-03:04\": expected [D-][HH:]MM:SS[.mmm] (hours required after a day part)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "15", "15.057", "00:15.", "00:15.0a5", "1-24:00:00", "00:61:00", "00:15:60",
      "1:2:3:4", "-00:15.057", "00:15.057.1", "00:1.5:00", "1-", "00:15.0571234567"})
  void cpuSecondsGarbageRejected(String v) {
    assertThatThrownBy(() -> SlurmDurations.cpuSeconds(v)).isInstanceOf(SlurmFieldException.class)
        .hasMessageStartingWith("bad CPU time ");
  }
}
