package org.spamtraffic.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The analytics tables' contracts load, and every published one carries its disclosure marks. */
class AnalyticsContractsTest {
  private static final List<String> ANALYST =
      List.of("volumes", "coverage", "routes", "sources", "country_profile");
  private static final List<String> PUBLISHED =
      List.of("published_volumes", "published_coverage", "published_routes", "published_sources");

  @Test
  void analystTablesStayInsideTheWarehouse() {
    for (String name : ANALYST) {
      TableContract c = TableContract.load(name);
      assertThat(c.published()).as(name).isFalse();
      assertThat(c.row()).as(name).isNotBlank();
    }
  }

  @Test
  void publishedTablesAreMarkedAndSayWhatWasWithheld() {
    for (String name : PUBLISHED) {
      TableContract c = TableContract.load(name);
      assertThat(c.published()).as(name).isTrue();
      assertThat(c.row()).as(name).isNotBlank();
      assertThat(c.column("suppressed").nullable()).as(name).isFalse();
      assertThat(c.column("suppression_reason").nullable()).as(name).isTrue();
      assertThat(c.columns()).as(name).noneMatch(col -> col.name().equals("top_operator_share"));
    }
  }

  @Test
  void referenceTablesArePublicAndCarryTheGroupings() {
    TableContract countries = TableContract.load("countries");
    assertThat(countries.published()).isTrue();
    assertThat(countries.columns())
        .extracting(TableContract.Column::name)
        .contains("alpha3", "itu_region", "ldc", "lldc", "sids", "development_status");
    assertThat(TableContract.load("itu_regions").published()).isTrue();
  }

  @Test
  void countryProfileKeepsTheColumnsTheEstimateReads() {
    TableContract c = TableContract.load("country_profile");
    for (String type : List.of("email", "sms", "voice", "ip_messaging", "ip_multimedia")) {
      for (String suffix :
          List.of("_spam_detected", "_spam_national_estimate", "_market_size", "_coverage")) {
        assertThat(c.column(type + suffix)).isNotNull();
      }
    }
    assertThat(c.columns())
        .extracting(TableContract.Column::name)
        .contains(
            "itu_region", "ldc", "lldc", "sids", "development_status", "quarter", "country_code");
  }
}
