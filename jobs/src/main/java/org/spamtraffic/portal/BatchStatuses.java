package org.spamtraffic.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/**
 * What the last batch run ({@code ingest-returns}) made of each stored upload, read from the
 * warehouse's current {@code submissions} version with a plain Parquet reader: no Spark session in
 * the portal. The commit log ({@code _commits/NNNNNNNN.json}) names the current version; the table
 * is read again only when a new commit appears.
 */
final class BatchStatuses {
  /** A file's status after the batch run. */
  record Status(String status, long rowsAccepted, long rowsRejected, String supersededBy) {
    /** In plain words, for the history page, in the language of {@code texts}. */
    String words(Texts texts) {
      String s =
          switch (status) {
            case "accepted", "rejected", "failed", "duplicate" -> texts.get("batch." + status);
            case "accepted_with_rejects" ->
                texts.get("batch.accepted_with_rejects", rowsAccepted, rowsRejected);
            default -> status;
          };
      return supersededBy == null ? s : texts.get("batch.superseded", s);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String warehouse;
  private final Configuration conf = new Configuration();
  private String loadedCommit;
  private Map<String, Status> byFile = Map.of();

  /** Statuses from the warehouse at {@code uri}, or none when it is null. */
  BatchStatuses(String uri) {
    this.warehouse = uri;
  }

  /** Whether a warehouse was given at all. */
  boolean configured() {
    return warehouse != null;
  }

  /** The status of {@code operator}'s stored file, once a batch run has seen it. */
  synchronized Optional<Status> of(String operator, String storedName) {
    if (warehouse == null) {
      return Optional.empty();
    }
    try {
      refresh();
    } catch (IOException | RuntimeException e) {
      // The page still works without statuses; the history says they are not available.
      return Optional.empty();
    }
    return Optional.ofNullable(byFile.get(operator + "/" + storedName));
  }

  private void refresh() throws IOException {
    Path commits = new Path(warehouse, "_commits");
    FileSystem fs = commits.getFileSystem(conf);
    if (!fs.exists(commits)) {
      return;
    }
    String latest = null;
    for (FileStatus s : fs.listStatus(commits)) {
      String name = s.getPath().getName();
      if (name.matches("\\d+\\.json") && (latest == null || name.compareTo(latest) > 0)) {
        latest = name;
      }
    }
    if (latest == null || latest.equals(loadedCommit)) {
      return;
    }
    JsonNode commit;
    try (var in = fs.open(new Path(commits, latest))) {
      commit = JSON.readTree(in);
    }
    String relative = commit.path("tables").path("submissions").asText(null);
    if (relative == null) {
      loadedCommit = latest;
      return;
    }
    Map<String, Status> next = new HashMap<>();
    Path table = new Path(warehouse, relative);
    for (FileStatus part : fs.listStatus(table)) {
      if (!part.getPath().getName().endsWith(".parquet")) {
        continue;
      }
      try (ParquetReader<Group> reader =
          ParquetReader.builder(new GroupReadSupport(), part.getPath()).withConf(conf).build()) {
        for (Group g = reader.read(); g != null; g = reader.read()) {
          Path file = new Path(string(g, "file"));
          String key = file.getParent().getName() + "/" + file.getName();
          next.put(
              key,
              new Status(
                  string(g, "status"),
                  number(g, "rows_accepted"),
                  number(g, "rows_rejected"),
                  string(g, "superseded_by")));
        }
      }
    }
    byFile = next;
    loadedCommit = latest;
  }

  private static String string(Group g, String field) {
    return g.getType().containsField(field) && g.getFieldRepetitionCount(field) > 0
        ? g.getString(field, 0)
        : null;
  }

  private static long number(Group g, String field) {
    if (!g.getType().containsField(field) || g.getFieldRepetitionCount(field) == 0) {
      return 0;
    }
    // The contract says int64; an int32 column (an older writer) is read too.
    return g.getType().getType(field).asPrimitiveType().getPrimitiveTypeName()
            == org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32
        ? g.getInteger(field, 0)
        : g.getLong(field, 0);
  }
}
