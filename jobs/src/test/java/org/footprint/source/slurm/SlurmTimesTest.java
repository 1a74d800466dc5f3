package org.footprint.source.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.footprint.source.slurm.SlurmTimes.Interval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SlurmTimesTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

  private static Instant at(String utc) {
    return Instant.parse(utc);
  }

  private static SlurmTime berlin(String v) {
    return SlurmTimes.parse(v, BERLIN);
  }

  // ---- parse ----

  @Test
  void localTimeOutsideTransitions() {
    SlurmTime t = berlin("2025-03-30T01:40:12");
    assertThat(t).isEqualTo(new SlurmTime(at("2025-03-30T00:40:12Z"), at("2025-03-30T00:40:12Z"), false, false));
    assertThat(t.ambiguous()).isFalse();
    assertThat(berlin("2025-03-30 01:40:12")).isEqualTo(t);
    assertThat(berlin("  2025-03-30T01:40:12 ")).isEqualTo(t);
    assertThat(berlin("2025-03-30T03:10:12").earlier()).isEqualTo(at("2025-03-30T01:10:12Z"));
  }

  @Test
  void springForwardGapShiftsForwardAndIsMarked() {
    // Berlin 2025-03-30: 02:00 CET jumps to 03:00 CEST; 02:30 never happened, java.time reads it as 03:30 CEST
    SlurmTime t = berlin("2025-03-30T02:30:00");
    assertThat(t.gap()).isTrue();
    assertThat(t.earlier()).isEqualTo(at("2025-03-30T01:30:00Z"));
    assertThat(t.later()).isEqualTo(t.earlier());
    assertThat(t.earlier()).isEqualTo(
        java.time.LocalDateTime.parse("2025-03-30T02:30:00").atZone(BERLIN).toInstant());
  }

  @Test
  void fallBackOverlapHasTwoCandidates() {
    SlurmTime t = berlin("2026-10-25T02:30:00");
    assertThat(t.earlier()).isEqualTo(at("2026-10-25T00:30:00Z")); // CEST
    assertThat(t.later()).isEqualTo(at("2026-10-25T01:30:00Z"));   // CET
    assertThat(t.ambiguous()).isTrue();
    assertThat(t.gap()).isFalse();
    assertThat(t.explicitOffset()).isFalse();

    SlurmTime c = SlurmTimes.parse("2026-11-01T01:30:00", CHICAGO);
    assertThat(c.earlier()).isEqualTo(at("2026-11-01T06:30:00Z")); // CDT
    assertThat(c.later()).isEqualTo(at("2026-11-01T07:30:00Z"));   // CST
  }

  @Test
  void explicitOffsetsIgnoreTheZone() {
    SlurmTime plus = SlurmTime.exact(at("2025-03-29T23:40:12Z"), true);
    assertThat(berlin("2025-03-30T01:40:12+0200")).isEqualTo(plus);
    assertThat(berlin("2025-03-30T01:40:12+02:00")).isEqualTo(plus);
    assertThat(berlin("2025-03-30T01:40:12+02")).isEqualTo(plus);
    assertThat(berlin("2025-03-30 01:40:12 +0200")).isEqualTo(plus);
    assertThat(berlin("2025-03-30T01:40:12Z")).isEqualTo(SlurmTime.exact(at("2025-03-30T01:40:12Z"), true));
    assertThat(berlin("2025-03-30T01:40:12-0500")).isEqualTo(SlurmTime.exact(at("2025-03-30T06:40:12Z"), true));
    assertThat(berlin("2025-03-30T01:40:12+05:30").earlier()).isEqualTo(at("2025-03-29T20:10:12Z"));
    // an offset removes the fall-back ambiguity, and no zone is needed at all
    assertThat(berlin("2026-10-25T02:30:00+0100").ambiguous()).isFalse();
    assertThat(SlurmTimes.parse("2026-10-25T02:30:00+01:00", null).earlier()).isEqualTo(at("2026-10-25T01:30:00Z"));
  }

  @Test
  void utcZoneForTzUtcExports() {
    assertThat(SlurmTimes.parse("2024-11-13T11:08:00", ZoneOffset.UTC))
        .isEqualTo(SlurmTime.exact(at("2024-11-13T11:08:00Z"), false));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"Unknown", "None", "0", "   "})
  void placeholdersAreNull(String v) {
    assertThat(berlin(v)).isNull();
  }

  @Test
  void localTimeNeedsAZone() {
    assertThatThrownBy(() -> SlurmTimes.parse("2025-03-30T01:40:12", null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void messages() {
    assertThatThrownBy(() -> berlin("2025-02-30T00:00:00"))
        .isInstanceOf(SlurmFieldException.class)
        .hasMessageStartingWith("bad time \"2025-02-30T00:00:00\": no such date or time");
    assertThatThrownBy(() -> berlin("2025/03/30 01:40:12"))
        .hasMessage("bad time \"2025/03/30 01:40:12\": expected YYYY-MM-DDTHH:MM:SS (or a space for T), "
            + "optionally followed by Z, +HHMM or +HH:MM");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2025-03-30T25:00:00", "2025-13-01T00:00:00", "2025-03-30T01:40", "2025-03-30",
      "2025-03-30T01:40:12+2", "2025-03-30T01:40:12+25:00", "2025-03-30T01:40:12X", "2025-03-30T01:40:12+02:0",
      "1743298812", "2025-03-3OT01:40:12", "2025-03-30X01:40:12", "2025-03-30T01:40:12.123", "INFINITE",
      "2025-03-30T01:40:12  +0200", "2025-03-30T01:40:12Z+01"})
  void garbageRejected(String v) {
    assertThatThrownBy(() -> berlin(v)).isInstanceOf(SlurmFieldException.class).hasMessageStartingWith("bad time ");
  }

  // ---- resolve ----

  @Test
  void noStartNoEndPlacesARunJobAtSubmitAndSaysSo() {
    Interval i = SlurmTimes.resolve(null, null, 5400L, at("2026-11-02T09:00:00Z"));
    assertThat(i).isEqualTo(new Interval(at("2026-11-02T09:00:00Z"), at("2026-11-02T10:30:00Z"), 5400,
        "start estimated: no Start or End in the export, placed at Submit (the earliest it can have started)", true));
    // End known: start = End - elapsed is not an estimate
    Interval fromEnd = SlurmTimes.resolve(null, berlin("2026-11-02T11:30:00"), 5400L, at("2026-11-02T08:00:00Z"));
    assertThat(fromEnd.start()).isEqualTo(at("2026-11-02T09:00:00Z"));
    assertThat(fromEnd.startEstimated()).isFalse();
  }

  @Test
  void noStartAndZeroElapsedNeverStartedWhateverEndSays() {
    // cancelled while pending: sacct prints End = the cancel time, Start None, Elapsed 00:00:00
    assertThat(SlurmTimes.resolve(null, berlin("2026-11-02T11:30:00"), 0L, at("2026-11-02T08:00:00Z"))).isNull();
    assertThat(SlurmTimes.resolve(null, null, 0L, at("2026-11-02T08:00:00Z"))).isNull();
    assertThat(SlurmTimes.resolve(null, null, 5400L, null)).isNull();
  }

  @Test
  void berlinSpringForwardElapsedIsTheTruth() {
    // wall clock says 1 h 30 min, ElapsedRaw says 30 min: the instants agree with ElapsedRaw
    Interval i = SlurmTimes.resolve(berlin("2025-03-30T01:40:12"), berlin("2025-03-30T03:10:12"), 1800L);
    assertThat(i).isEqualTo(new Interval(at("2025-03-30T00:40:12Z"), at("2025-03-30T01:10:12Z"), 1800, null));
    assertThat(i.durationKnown()).isTrue();
  }

  @Test
  void wrongZoneShowsAsDstDisagreement() {
    // the same export read as if it were UTC: End-Start is 5400 s, an hour more than ElapsedRaw
    SlurmTime s = SlurmTimes.parse("2025-03-30T01:40:12", ZoneOffset.UTC);
    SlurmTime e = SlurmTimes.parse("2025-03-30T03:10:12", ZoneOffset.UTC);
    assertThat(SlurmTimes.resolve(s, e, 1800L)).isEqualTo(new Interval(at("2025-03-30T01:40:12Z"),
        at("2025-03-30T02:10:12Z"), 1800,
        "end from start+elapsed; DST: End-Start differs from ElapsedRaw by 3600 s"));
  }

  @Test
  void otherDisagreementIsNotCalledDst() {
    // e.g. a suspended job: Slurm's elapsed leaves out the suspended time
    SlurmTime s = SlurmTimes.parse("2025-01-10T10:00:00", ZoneOffset.UTC);
    SlurmTime e = SlurmTimes.parse("2025-01-10T12:00:00", ZoneOffset.UTC);
    assertThat(SlurmTimes.resolve(s, e, 5000L)).isEqualTo(new Interval(at("2025-01-10T10:00:00Z"),
        at("2025-01-10T11:23:20Z"), 5000, "end from start+elapsed; End-Start differs from ElapsedRaw by 2200 s"));
  }

  @Test
  void berlinFallBackPicksTheStartMatchingElapsed() {
    // 02:30 CEST (00:30Z) + 50 min = 02:20 CET (01:20Z)
    Interval i = SlurmTimes.resolve(berlin("2026-10-25T02:30:00"), berlin("2026-10-25T02:20:00"), 3000L);
    assertThat(i).isEqualTo(new Interval(at("2026-10-25T00:30:00Z"), at("2026-10-25T01:20:00Z"), 3000,
        "Start in DST overlap: chose the reading matching ElapsedRaw"));
  }

  @Test
  void berlinFallBackWithoutElapsedTakesSmallestNonNegative() {
    Interval i = SlurmTimes.resolve(berlin("2026-10-25T02:30:00"), berlin("2026-10-25T02:20:00"), null);
    assertThat(i).isEqualTo(new Interval(at("2026-10-25T00:30:00Z"), at("2026-10-25T01:20:00Z"), 3000,
        "no ElapsedRaw: duration from End-Start"));
  }

  @Test
  void laterStartCandidateChosenWhenOnlyItFits() {
    // start 02:30 CET (01:30Z) + 30 min = 03:00 CET (02:00Z); the CEST reading would end at 01:00Z
    Interval i = SlurmTimes.resolve(berlin("2026-10-25T02:30:00"), berlin("2026-10-25T03:00:00"), 1800L);
    assertThat(i).isEqualTo(new Interval(at("2026-10-25T01:30:00Z"), at("2026-10-25T02:00:00Z"), 1800,
        "Start in DST overlap: chose the reading matching ElapsedRaw"));
  }

  @Test
  void chicagoFallBack() {
    SlurmTime s = SlurmTimes.parse("2026-11-01T01:30:00", CHICAGO);
    SlurmTime e = SlurmTimes.parse("2026-11-01T01:20:00", CHICAGO);
    assertThat(SlurmTimes.resolve(s, e, 3000L)).isEqualTo(new Interval(at("2026-11-01T06:30:00Z"),
        at("2026-11-01T07:20:00Z"), 3000, "Start in DST overlap: chose the reading matching ElapsedRaw"));
    assertThat(SlurmTimes.resolve(s, e, null)).isEqualTo(new Interval(at("2026-11-01T06:30:00Z"),
        at("2026-11-01T07:20:00Z"), 3000, "no ElapsedRaw: duration from End-Start"));
  }

  @Test
  void chicagoSpringForward() {
    SlurmTime s = SlurmTimes.parse("2026-03-08T01:40:12", CHICAGO);
    SlurmTime e = SlurmTimes.parse("2026-03-08T03:10:12", CHICAGO);
    assertThat(SlurmTimes.resolve(s, e, 1800L))
        .isEqualTo(new Interval(at("2026-03-08T07:40:12Z"), at("2026-03-08T08:10:12Z"), 1800, null));
    assertThat(SlurmTimes.resolve(s, e, null)).isEqualTo(new Interval(at("2026-03-08T07:40:12Z"),
        at("2026-03-08T08:10:12Z"), 1800, "no ElapsedRaw: duration from End-Start"));
  }

  @Test
  void explicitOffsetsResolveDirectly() {
    Interval i = SlurmTimes.resolve(berlin("2025-03-30T01:40:12+01:00"), berlin("2025-03-30T03:10:12+0200"), 1800L);
    assertThat(i).isEqualTo(new Interval(at("2025-03-30T00:40:12Z"), at("2025-03-30T01:10:12Z"), 1800, null));
  }

  @Test
  void bothInOverlapAndBothReadingsFitTakesEarlier() {
    Interval i = SlurmTimes.resolve(berlin("2026-10-25T02:10:00"), berlin("2026-10-25T02:40:00"), 1800L);
    assertThat(i).isEqualTo(new Interval(at("2026-10-25T00:10:00Z"), at("2026-10-25T00:40:00Z"), 1800,
        "Start in DST overlap: took the earlier reading"));
  }

  @Test
  void ambiguousStartNoReadingFits() {
    // End 05:00 CET = 04:00Z; 04:00Z - 00:30Z - 100 s = 12500 s
    Interval i = SlurmTimes.resolve(berlin("2026-10-25T02:30:00"), berlin("2026-10-25T05:00:00"), 100L);
    assertThat(i).isEqualTo(new Interval(at("2026-10-25T00:30:00Z"), at("2026-10-25T00:31:40Z"), 100,
        "Start in DST overlap: took the earlier reading; "
            + "end from start+elapsed; End-Start differs from ElapsedRaw by 12500 s"));
  }

  @Test
  void startInGapIsNoted() {
    Interval i = SlurmTimes.resolve(berlin("2025-03-30T02:30:00"), berlin("2025-03-30T03:40:00"), 600L);
    assertThat(i).isEqualTo(new Interval(at("2025-03-30T01:30:00Z"), at("2025-03-30T01:40:00Z"), 600,
        "Start in DST gap: shifted forward"));
  }

  @Test
  void runningJobEndFromElapsed() {
    Interval i = SlurmTimes.resolve(berlin("2025-09-12T14:06:12"), berlin("Unknown"), 3600L);
    assertThat(i).isEqualTo(new Interval(at("2025-09-12T12:06:12Z"), at("2025-09-12T13:06:12Z"), 3600,
        "End unknown: end from start+elapsed (provisional if the job is still running)"));
  }

  @Test
  void ambiguousStartWithoutEnd() {
    Interval i = SlurmTimes.resolve(berlin("2026-10-25T02:30:00"), null, 600L);
    assertThat(i).isEqualTo(new Interval(at("2026-10-25T00:30:00Z"), at("2026-10-25T00:40:00Z"), 600,
        "Start in DST overlap: took the earlier reading; "
            + "End unknown: end from start+elapsed (provisional if the job is still running)"));
  }

  @Test
  void startOnlyHasUnknownDuration() {
    Interval i = SlurmTimes.resolve(berlin("2025-09-12T14:06:12"), null, null);
    assertThat(i).isEqualTo(new Interval(at("2025-09-12T12:06:12Z"), null, 0,
        "no End and no ElapsedRaw: duration unknown"));
    assertThat(i.durationKnown()).isFalse();
  }

  @Test
  void noStartButEndAndElapsed() {
    assertThat(SlurmTimes.resolve(null, berlin("2025-03-30T03:10:12"), 1800L)).isEqualTo(new Interval(
        at("2025-03-30T00:40:12Z"), at("2025-03-30T01:10:12Z"), 1800, "start from End-ElapsedRaw"));
    assertThat(SlurmTimes.resolve(null, berlin("2026-10-25T02:20:00"), 600L)).isEqualTo(new Interval(
        at("2026-10-25T00:10:00Z"), at("2026-10-25T00:20:00Z"), 600,
        "start from End-ElapsedRaw; End in DST overlap: took the earlier reading"));
  }

  @Test
  void nothingToResolve() {
    assertThat(SlurmTimes.resolve(null, null, null)).isNull();
    assertThat(SlurmTimes.resolve(null, null, 60L)).isNull();
    assertThat(SlurmTimes.resolve(null, berlin("2025-03-30T03:10:12"), null)).isNull();
  }

  @Test
  void zeroElapsedStep() {
    SlurmTime t = berlin("2019-07-31T22:30:15");
    assertThat(SlurmTimes.resolve(t, t, 0L)).isEqualTo(new Interval(t.earlier(), t.earlier(), 0, null));
  }

  @Test
  void endBeforeStartWithoutElapsedRejected() {
    SlurmTime s = SlurmTimes.parse("2025-01-01T10:00:00", ZoneOffset.UTC);
    SlurmTime e = SlurmTimes.parse("2025-01-01T09:00:00", ZoneOffset.UTC);
    assertThatThrownBy(() -> SlurmTimes.resolve(s, e, null)).isInstanceOf(SlurmFieldException.class)
        .hasMessage("bad End \"2025-01-01T09:00:00Z\": before Start 2025-01-01T10:00:00Z");
  }

  @Test
  void negativeElapsedRejected() {
    SlurmTime s = SlurmTimes.parse("2025-01-01T10:00:00", ZoneOffset.UTC);
    assertThatThrownBy(() -> SlurmTimes.resolve(s, null, -5L)).isInstanceOf(SlurmFieldException.class)
        .hasMessage("bad ElapsedRaw \"-5\": negative duration");
  }

  @Test
  void slurmTimeRejectsReversedCandidates() {
    assertThatThrownBy(() -> new SlurmTime(at("2025-01-01T01:00:00Z"), at("2025-01-01T00:00:00Z"), false, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
