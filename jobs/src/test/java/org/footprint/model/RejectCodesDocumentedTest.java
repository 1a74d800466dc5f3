package org.footprint.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.Test;

/** Every reason_code is explained where users look: the table in docs/outputs.md and the rejects schema. */
class RejectCodesDocumentedTest {
  private static List<String> codes() {
    List<String> all = new ArrayList<>(RejectCodes.RULES.stream().map(RejectCodes.Rule::code).toList());
    all.add(RejectCodes.OTHER);
    return all;
  }

  @Test
  void theOutputsDocHasOneRowPerCodeAndNoOther() throws Exception {
    String doc = Files.readString(TestPaths.repo().resolve("docs/outputs.md"));
    List<String> documented = new ArrayList<>();
    String table = doc.substring(doc.indexOf("| reason_code |"));
    table = table.substring(0, table.indexOf("\n\n"));
    Matcher m = Pattern.compile("(?m)^\\| `([a-z_]+)` \\|").matcher(table);
    while (m.find()) {
      documented.add(m.group(1));
    }
    assertThat(documented).containsExactlyElementsOf(codes());
  }

  @Test
  void theRejectsSchemaListsThem() throws Exception {
    String ddl = Files.readString(TestPaths.repo().resolve("schemas/rejects.ddl"));
    assertThat(ddl).contains("reason_code STRING NOT NULL COMMENT '").contains(String.join(" | ", codes()));
  }
}
