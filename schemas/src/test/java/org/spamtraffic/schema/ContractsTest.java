package org.spamtraffic.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every contract file loads, and the return format is complete and consistent. */
class ContractsTest {
  @Test
  void everyTableContractLoads() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(Paths.get("tables"))) {
      files = s.filter(p -> p.toString().endsWith(".schema.json")).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      String name = f.getFileName().toString().replace(".schema.json", "");
      TableContract c = TableContract.load(name);
      assertThat(c.name()).isEqualTo(name);
      assertThat(c.columns()).as(name).isNotEmpty();
      assertThat(c.row()).as("%s says what one row means", name).isNotBlank();
      c.partitionBy().forEach(p -> assertThat(c.column(p)).isNotNull());
    }
  }

  @Test
  void theReturnFormatHasEverythingTheIssueAsksFor() {
    ReturnFormat f = ReturnFormat.v1();
    assertThat(f.fields())
        .extracting(Field::name)
        .contains(
            "operator_id",
            "operator_name",
            "reporting_country",
            "period",
            "spam_type",
            "content_category",
            "source_country",
            "source_network",
            "entry_route",
            "destination_country",
            "service_size",
            "total_traffic",
            "spam_detected",
            "spam_blocked",
            "spam_delivered",
            "user_reports");
    assertThat(f.field("spam_type").codes())
        .contains("email", "sms", "voice", "ip_messaging", "ip_multimedia");
    assertThat(f.field("source_country").allowsUnknown()).isTrue();
    assertThat(f.field("reporting_country").allowsUnknown()).isFalse();
    for (Field field : f.fields()) {
      assertThat(field.labels()).as(field.name()).containsKeys("en", "fr");
      assertThat(field.description()).as(field.name()).isNotBlank();
    }
    assertThat(f.columnForHeader(" Spam  Type ")).contains("spam_type");
    assertThat(f.columnForHeader("Type de spam")).contains("spam_type");
    assertThat(f.columnForHeader("SPAM-DETECTED")).contains("spam_detected");
    assertThat(f.columnForHeader("colour")).isEmpty();
  }

  @Test
  void rulesHaveMessagesAndCountriesAreIso() {
    ReturnFormat.v1()
        .rules()
        .values()
        .forEach(r -> assertThat(r.message()).as(r.id()).isNotBlank());
    assertThat(Countries.alpha3()).contains("KEN", "FRA", "USA").hasSizeGreaterThan(240);
    assertThat(Countries.alpha3Of("KE")).contains("KEN");
  }
}
