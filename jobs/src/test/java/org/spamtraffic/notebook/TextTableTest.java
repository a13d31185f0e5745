package org.spamtraffic.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How Display lays out a table, as text and as HTML. */
class TextTableTest {
  private static final String[] COLUMNS = {"operator_id", "rule"};
  private static final List<String[]> ROWS =
      List.of(new String[] {"KE-KILIMA", "country_code"}, new String[] {"NG-DELTA", "a<b & c"});

  @Test
  void plainTextPadsEveryColumnToItsWidestValue() {
    assertThat(TextTable.plain(COLUMNS, ROWS))
        .isEqualTo(
            """
            +-------------+--------------+
            | operator_id | rule         |
            +-------------+--------------+
            | KE-KILIMA   | country_code |
            | NG-DELTA    | a<b & c      |
            +-------------+--------------+
            """);
  }

  @Test
  void htmlEscapesValuesAndCarriesTheCaption() {
    assertThat(TextTable.html(COLUMNS, ROWS, "2 rows"))
        .contains("<th>operator_id</th><th>rule</th>")
        .contains("<td>NG-DELTA</td><td>a&lt;b &amp; c</td>")
        .endsWith("<p>2 rows</p>\n");
  }
}
