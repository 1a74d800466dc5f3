package org.footprint.source.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Damage the fuzz test (KubernetesReaderFuzzTest) found, kept as plain cases. */
class KubeObjectsDamageTest {
  private static List<KubeObject> read(String text) throws IOException {
    KubeObjects objects = KubeObjects.open(() -> new BufferedReader(new StringReader(text)));
    List<KubeObject> out = new ArrayList<>();
    objects.forEachRemaining(out::add);
    return out;
  }

  private static final String POD_B = "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"b\"}}";
  private static final String POD_C = "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"c\"}}";

  @Test
  void aTruncatedFirstLineOfJsonLinesLosesOnlyThatLine() throws IOException {
    // before: the cut first line made the file "one JSON document", one reject, and lines 2 and 3 were never read
    List<KubeObject> objs = read("{\"kind\":\"Pod\",\"metadata\":{\"na\n" + POD_B + "\n" + POD_C + "\n");
    assertThat(objs).extracting(KubeObject::line).containsExactly(1L, 2L, 3L);
    assertThat(objs.get(0).problem()).startsWith("invalid JSON at line 1").endsWith("; the other lines are read");
    assertThat(objs.get(2).node().path("metadata").path("name").asText()).isEqualTo("c");
  }

  @Test
  void aFirstLineWithJunkBeforeItsBraceIsNotYaml() throws IOException {
    // before: a first line not starting with '{' made the whole JSON-lines file YAML
    List<KubeObject> objs = read("\u0007" + POD_B + "\n" + POD_C + "\n");
    assertThat(objs).extracting(KubeObject::line).containsExactly(1L, 2L);
    assertThat(objs.get(0).isProblem()).isTrue();
    assertThat(objs.get(1).isProblem()).isFalse();
  }

  @Test
  void aPrettyPrintedDocumentIsStillOneDocument() throws IOException {
    List<KubeObject> objs = read("{\n  \"kind\": \"PodList\",\n  \"items\": [\n    " + POD_B + "\n  ]\n}\n");
    assertThat(objs).singleElement().satisfies(o -> assertThat(o.line()).isEqualTo(4));
  }

  @Test
  void aCutDocumentIsStillOneReject() throws IOException {
    List<KubeObject> objs = read("{\"kind\": \"PodList\", \"items\": [\n  {\"kind\": \"Pod\",\n");
    assertThat(objs).singleElement().satisfies(o -> assertThat(o.problem()).contains("truncated dump?"));
  }
}
