package org.spamtraffic.report.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a published CSV cell holds: numbers plainly, names as text that no spreadsheet runs. */
class CsvTablesTest {
  @Test
  void aNameThatASpreadsheetWouldRunIsWrittenAsText() {
    // A source network named by an operator's file reaches published_sources as it was written.
    assertThat(CsvTables.cell("=HYPERLINK(\"http://x.example\",\"AS1\")"))
        .isEqualTo("'=HYPERLINK(\"http://x.example\",\"AS1\")");
    assertThat(CsvTables.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(CsvTables.cell(List.of("+cmd", "AS2"))).isEqualTo("'+cmd;AS2");
  }

  @Test
  void numbersAndOrdinaryNamesAreWrittenAsTheyAre() {
    assertThat(CsvTables.cell(-0.5)).isEqualTo("-0.5");
    assertThat(CsvTables.cell(1_234_567L)).isEqualTo("1234567");
    assertThat(CsvTables.cell("Côte d'Ivoire")).isEqualTo("Côte d'Ivoire");
    assertThat(CsvTables.cell(null)).isEmpty();
  }
}
