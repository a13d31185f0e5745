package org.spamtraffic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate on the command line places a finding as the portal does: row, column letter, name. */
class ValidateWhereTest {
  @TempDir Path temp;

  private static final Path KILIMA_Q1 =
      Paths.get(
              "..",
              "data-samples",
              "returns",
              "KE-KILIMA",
              "20250415T091500Z_KE-KILIMA_2025-Q1.csv")
          .toAbsolutePath()
          .normalize();

  @Test
  void aFindingNamesItsRowColumnLetterAndColumn() {
    CommandRun run =
        CommandRun.of(
            "validate", KILIMA_Q1.toString(), "--annotate", temp.resolve("c.xlsx").toString());
    assertThat(run.exit()).isEqualTo(1);
    // source_country is the file's seventh column: G, as in the spreadsheet and the portal.
    assertThat(run.out())
        .contains("error   row 2, G (source_country): source_country 'XXX' is not")
        .contains("(1 cell marked)");
    CommandRun fr =
        CommandRun.of(
            "validate",
            KILIMA_Q1.toString(),
            "--lang",
            "fr",
            "--annotate",
            temp.resolve("f.xlsx").toString());
    assertThat(fr.out()).contains(", G (source_country)").contains("(1 cellule marquée)");
  }
}
