package org.spamtraffic.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history's batch statuses come from the warehouse's current submissions version, found through
 * the commit log, without Spark. The table is written here the way the warehouse lays it out
 * (Parquet under {@code submissions/v-...}, named by {@code _commits/NNNNNNNN.json}).
 */
class BatchStatusesTest {
  @TempDir Path temp;

  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message spark_schema { required binary file (UTF8); required binary status (UTF8);"
              + " optional int64 rows_accepted; optional int64 rows_rejected;"
              + " optional binary superseded_by (UTF8); }");

  private void version(Path warehouse, int commit, String folder, String... rows) throws Exception {
    Path dir = Files.createDirectories(warehouse.resolve("submissions").resolve(folder));
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(
                new org.apache.hadoop.fs.Path(dir.resolve("part-00000.parquet").toUri()))
            .withType(SCHEMA)
            .withConf(new Configuration())
            .build()) {
      SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
      for (String row : rows) {
        String[] c = row.split(",", -1);
        Group g =
            groups
                .newGroup()
                .append("file", c[0])
                .append("status", c[1])
                .append("rows_accepted", Long.parseLong(c[2]))
                .append("rows_rejected", Long.parseLong(c[3]));
        if (!c[4].isEmpty()) {
          g.append("superseded_by", c[4]);
        }
        w.write(g);
      }
    }
    Path commits = Files.createDirectories(warehouse.resolve("_commits"));
    Files.writeString(
        commits.resolve(String.format(java.util.Locale.ROOT, "%08d.json", commit)),
        "{\"number\":" + commit + ",\"tables\":{\"submissions\":\"submissions/" + folder + "\"}}",
        StandardCharsets.UTF_8);
  }

  @Test
  void theLatestCommitsSubmissionsGiveEachStoredFileItsStatus() throws Exception {
    Path warehouse = temp.resolve("warehouse");
    BatchStatuses statuses = new BatchStatuses(warehouse.toUri().toString());
    assertThat(statuses.of("OP-A", "20250101T000000Z_a.csv")).isEmpty();

    version(
        warehouse,
        1,
        "v-00000001-1",
        "file:/srv/landing/OP-A/20250101T000000Z_a.csv,accepted_with_rejects,5,2,");
    assertThat(statuses.of("OP-A", "20250101T000000Z_a.csv").orElseThrow().words(Texts.ENGLISH))
        .isEqualTo("accepted: 5 rows used, 2 rejected");
    assertThat(statuses.of("OP-B", "20250101T000000Z_a.csv")).isEmpty();

    version(
        warehouse,
        2,
        "v-00000002-2",
        "file:/srv/landing/OP-A/20250101T000000Z_a.csv,accepted_with_rejects,5,2,abc",
        "file:/srv/landing/OP-A/20250102T000000Z_b.csv,accepted,7,0,");
    assertThat(statuses.of("OP-A", "20250101T000000Z_a.csv").orElseThrow().words(Texts.ENGLISH))
        .isEqualTo("accepted: 5 rows used, 2 rejected (replaced by a later upload)");
    assertThat(statuses.of("OP-A", "20250102T000000Z_b.csv").orElseThrow().words(Texts.ENGLISH))
        .isEqualTo("accepted: every row used");
  }

  @Test
  void withoutAWarehouseThereIsNoStatus() {
    BatchStatuses none = new BatchStatuses(null);
    assertThat(none.configured()).isFalse();
    assertThat(none.of("OP-A", "20250101T000000Z_a.csv")).isEmpty();
  }
}
