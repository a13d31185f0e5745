package org.spamtraffic.surveyingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.spamtraffic.schema.TableContract;
import org.spamtraffic.warehouse.Contracts;

class SurveyContractsTest {
  @Test
  void everyTableTheJobWritesHasADocumentedContract() {
    for (String table : IngestSurvey.TABLES) {
      TableContract c = TableContract.load(table);
      assertThat(c.name()).isEqualTo(table);
      assertThat(c.row()).as(table).isNotBlank();
      assertThat(c.description()).as(table).isNotBlank();
      assertThat(c.columns()).as(table).isNotEmpty();
      c.columns()
          .forEach(col -> assertThat(col.description()).as(table + "." + col.name()).isNotBlank());
      assertThat(Contracts.sparkSchema(c).fieldNames()).hasSameSizeAs(c.columns().toArray());
    }
  }

  @Test
  void theRegionTableCoversEveryCountryOfTheQuestionnaire() {
    var regions = Regions.reference();
    var countries =
        org.spamtraffic.survey.form.Questionnaire.form().choiceLists().get("country").choices();
    assertThat(countries).allSatisfy(c -> assertThat(regions).containsKey(c.name()));
    assertThat(new java.util.TreeSet<>(regions.values()))
        .containsExactly("Africa", "Americas", "Arab States", "Asia & Pacific", "CIS", "Europe");
  }
}
