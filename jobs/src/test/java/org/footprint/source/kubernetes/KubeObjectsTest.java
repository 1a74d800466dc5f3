package org.footprint.source.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.Test;

/** Every shape a kubectl dump comes in, with the line each object starts on. */
class KubeObjectsTest {
  static List<KubeObject> read(String text) throws Exception {
    List<KubeObject> out = new ArrayList<>();
    KubeObjects.open(() -> new BufferedReader(new StringReader(text))).forEachRemaining(out::add);
    return out;
  }

  static List<KubeObject> readFile(String fixture) throws Exception {
    List<KubeObject> out = new ArrayList<>();
    KubeObjects.open(TestPaths.fixture("k8s/" + fixture).toString()).forEachRemaining(out::add);
    return out;
  }

  @Test
  void podListItemsStartOnTheLineOfTheirBrace() throws Exception {
    List<KubeObject> objs = readFile("pods-list.json");
    assertThat(objs).hasSize(20).noneMatch(KubeObject::isProblem);
    assertThat(objs.get(0).line()).isEqualTo(8);
    assertThat(objs.get(0).node().path("metadata").path("name").asText()).isEqualTo("train-ok");
    assertThat(objs.get(1).line()).isEqualTo(87);
    assertThat(objs.get(19).line()).isEqualTo(986);
  }

  @Test
  void jsonLinesKeepReadingAfterABadLineAndUnwrapWatchEvents() throws Exception {
    List<KubeObject> objs = readFile("pods-watch.jsonl");
    assertThat(objs).extracting(KubeObject::line).containsExactly(1L, 2L, 3L, 4L);
    assertThat(objs.get(2).isProblem()).isTrue();
    assertThat(objs.get(2).problem()).startsWith("invalid JSON at line 3, column ")
        .contains("the other lines are read");
    assertThat(objs.get(2).raw()).contains("\"broken\"");
    assertThat(objs.get(3).node().path("metadata").path("uid").asText()).isEqualTo("u17b");
  }

  @Test
  void truncatedDumpKeepsTheCompleteItemsThenOneProblemAtTheCut() throws Exception {
    List<KubeObject> objs = readFile("pods-truncated.json");
    assertThat(objs).hasSize(3);
    assertThat(objs.get(0).line()).isEqualTo(5);
    assertThat(objs.get(1).line()).isEqualTo(52);
    KubeObject cut = objs.get(2);
    assertThat(cut.isProblem()).isTrue();
    assertThat(cut.line()).isEqualTo(103);
    assertThat(cut.problem()).startsWith("invalid JSON at line 103, column ").contains("truncated dump?")
        .contains("the rest of the file is not read");
    assertThat(cut.raw()).isEqualTo("                \"name\": \"ts-");
  }

  @Test
  void syntaxErrorGivesLineAndColumn() throws Exception {
    List<KubeObject> objs = readFile("katib-broken.json");
    assertThat(objs).hasSize(1);
    assertThat(objs.get(0).problem()).startsWith("invalid JSON at line 2, column 25:");
    assertThat(objs.get(0).raw()).isEqualTo("  {\"kind\": \"Experiment\",,}");
  }

  @Test
  void concatenatedPrettyObjectsAsKubectlWatchPrintsThem() throws Exception {
    List<KubeObject> objs = read("{\n  \"kind\": \"Pod\",\n  \"metadata\": {\"name\": \"a\"}\n}\n"
        + "{\n  \"kind\": \"Pod\",\n  \"metadata\": {\"name\": \"b\"}\n}\n");
    assertThat(objs).extracting(KubeObject::line).containsExactly(1L, 5L);
    assertThat(objs.get(1).node().path("metadata").path("name").asText()).isEqualTo("b");
  }

  @Test
  void compactListOnOneLineAndBookmarksDropped() throws Exception {
    List<KubeObject> objs = read("{\"kind\":\"PodList\",\"items\":[{\"metadata\":{\"name\":\"a\"}},"
        + "{\"metadata\":{\"name\":\"b\"}}]}\n{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\"}}\n");
    assertThat(objs).hasSize(2).extracting(KubeObject::line).containsOnly(1L);
  }

  @Test
  void multiDocumentYamlWithCommentsFromTheCorpus() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(TestPaths.hasCorpus(), "shared corpus absent");
    List<KubeObject> objs = new ArrayList<>();
    KubeObjects o = KubeObjects.open(TestPaths.corpus().resolve("kubernetes/enas-gpu.yaml").toString());
    assertThat(o.format()).isEqualTo(KubeObjects.Format.YAML);
    o.forEachRemaining(objs::add);
    assertThat(objs).hasSize(1);
    // the file starts with "---" and six comment lines: the object starts at apiVersion on line 8
    assertThat(objs.get(0).line()).isEqualTo(8);
    assertThat(objs.get(0).node().path("kind").asText()).isEqualTo("Experiment");
  }

  @Test
  void emptyFileHasNoObjects() throws Exception {
    assertThat(read("\n\n")).isEmpty();
  }
}
