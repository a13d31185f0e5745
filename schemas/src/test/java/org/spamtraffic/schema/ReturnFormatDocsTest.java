package org.spamtraffic.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class ReturnFormatDocsTest {
  static final Path DOC = Paths.get("..", "docs", "return-format.md");

  @Test
  void theDocumentIsTheSchema() throws Exception {
    String rendered = ReturnFormatDocs.markdown(ReturnFormat.v1());
    if (Boolean.getBoolean("regenerate.docs")) {
      Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
        .as("docs/return-format.md is out of date: mvn -pl schemas test -Dregenerate.docs=true")
        .isEqualTo(rendered);
  }
}
