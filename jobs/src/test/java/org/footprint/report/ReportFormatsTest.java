package org.footprint.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Slugs, pseudonyms, number formats and the equivalence factors, without Spark. */
class ReportFormatsTest {

  @Test
  void slugsAreFileNameSafeAndNeverShared() {
    assertThat(Slugs.of("nlp")).isEqualTo("nlp");
    assertThat(Slugs.of("vision-2")).isEqualTo("vision-2");
    assertThat(Slugs.of("a/b & c")).matches("a-b-c-[0-9a-f]{6}");
    // names that clean to the same text, or differ only in case, get different pages
    List<String> names = List.of("a/b & c", "a-b-c", "a b c", "A-B-C", "../../etc/passwd", "<script>alert(1)</script>",
        "\u65e5\u672c", "", " ");
    assertThat(names.stream().map(Slugs::of)).doesNotHaveDuplicates().allMatch(s -> s.matches("[a-z0-9-]+"));
    assertThat(Slugs.of("../../etc/passwd")).startsWith("etc-passwd-");
    assertThat(Slugs.of("\u65e5\u672c")).matches("p-[0-9a-f]{6}");
    assertThat(Slugs.of(null)).matches("none-[0-9a-f]{6}").isNotEqualTo(Slugs.of("none"));
    assertThat(Slugs.of("x".repeat(300)).length()).isLessThanOrEqualTo(Slugs.MAX_BASE + 7);
    assertThat(Slugs.pageName("nlp")).isEqualTo("project-nlp.html");
  }

  @Test
  void pseudonymsAreSaltedStableAndOpaque() {
    String a = Pseudonyms.of("alice", "s3cret");
    assertThat(a).matches("user-[0-9a-f]{10}").doesNotContain("alice");
    assertThat(Pseudonyms.of("alice", "s3cret")).isEqualTo(a);
    assertThat(Pseudonyms.of("alice", "other")).isNotEqualTo(a);
    assertThat(Pseudonyms.of("bob", "s3cret")).isNotEqualTo(a);
    assertThat(Pseudonyms.of(null, "s3cret")).isNull();
  }

  @Test
  void optionsNeedASaltToPseudonymise() {
    assertThatThrownBy(() -> new ReportOptions(true, " ", "t", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("report.salt");
    assertThat(new ReportOptions(false, null, null, null).title()).isEqualTo(ReportOptions.DEFAULT_TITLE);
    assertThat(new ReportOptions(true, "s", "t", "Lab X").title()).isEqualTo("Lab X");
  }

  @Test
  void equivalencesUseStrubellFactorsInPounds() {
    // 100 kg = 220.46 lbs
    List<Equivalences.Equivalent> e = Equivalences.of(100);
    assertThat(e).extracting(x -> x.factor().lbs()).containsExactly(1_984.0, 11_023.0, 36_156.0, 126_000.0);
    assertThat(e).extracting(x -> Fmt.sig3(x.value())).containsExactly("0.111", "0.0200", "0.00610", "0.00175");
    assertThat(Fmt.sig3(Equivalences.of(899.927).get(0).value())).isEqualTo("1.00");
    assertThat(Fmt.sig3(Equivalences.of(1_000_000).get(0).value())).isEqualTo("1,110");
  }

  @Test
  void numbersAreFormattedForPeople() {
    assertThat(Fmt.qty(2575.14)).isEqualTo("2,575.1");
    assertThat(Fmt.qty(3.5)).isEqualTo("3.50");
    assertThat(Fmt.qty(0.0)).isEqualTo("0");
    assertThat(Fmt.qty(0.001)).isEqualTo("< 0.01");
    assertThat(Fmt.qty(null)).isEqualTo("\u2013");
    assertThat(Fmt.band(90.0, 110.0)).isEqualTo("90.0 \u2013 110.0");
    assertThat(Fmt.pct(0.919655)).isEqualTo("92.0%");
    assertThat(Fmt.pct(null)).isEqualTo("\u2013");
    assertThat(Fmt.width(0.5)).isEqualTo("50");
    assertThat(Fmt.width(1.7)).isEqualTo("100");
    assertThat(Fmt.usdRange(9.684, 10943.6)).isEqualTo("$9.68 \u2013 $10,944");
    assertThat(Fmt.factor(3.0)).isEqualTo("\u00d73.0");
    assertThat(Fmt.count(1674)).isEqualTo("1,674");
    assertThat(Pages.duration(45)).isEqualTo("45 s");
    assertThat(Pages.duration(3 * 3600 + 25 * 60)).isEqualTo("3 h 25 min");
    assertThat(Pages.duration(3 * 86_400 + 3600)).isEqualTo("3 d 1 h");
  }

  @Test
  void freeTextIsCutAt200CharactersWithAnEllipsis() {
    assertThat(Fmt.clip("train-big")).isEqualTo("train-big");
    assertThat(Fmt.clip(null)).isNull();
    assertThat(Fmt.clip("a".repeat(200))).isEqualTo("a".repeat(200));
    assertThat(Fmt.clip("a".repeat(201))).isEqualTo("a".repeat(200) + "\u2026");
    // characters, not UTF-16 units: an emoji at the cut is kept whole, never split into a lone surrogate
    String emoji = "\uD83D\uDE80";
    assertThat(Fmt.clip(emoji.repeat(300))).isEqualTo(emoji.repeat(200) + "\u2026");
    assertThat(Fmt.clip(emoji.repeat(150))).as("300 UTF-16 units, 150 characters").isEqualTo(emoji.repeat(150));
  }
}
