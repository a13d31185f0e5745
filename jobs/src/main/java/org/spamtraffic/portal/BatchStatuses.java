package org.spamtraffic.portal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.spamtraffic.warehouse.Warehouse;
import org.spamtraffic.warehouse.WarehouseReader;

/**
 * What the last batch run ({@code ingest-returns}) made of each stored upload, read from the
 * warehouse's {@code submissions} table at the latest study commit, through {@link WarehouseReader}
 * (Iceberg's own reader: no Spark session in the portal). The table is read again only when a new
 * commit appears.
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

  private static final List<String> COLUMNS =
      List.of("file", "status", "rows_accepted", "rows_rejected", "superseded_by");

  private final String warehouse;
  private final Configuration conf = new Configuration();
  private WarehouseReader reader;
  private long loadedCommit = -1;
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
    } catch (RuntimeException e) {
      // The page still works without statuses; the history says they are not available.
      return Optional.empty();
    }
    return Optional.ofNullable(byFile.get(operator + "/" + storedName));
  }

  private void refresh() {
    if (reader == null || !reader.exists()) {
      reader = WarehouseReader.at(warehouse, conf); // one catalog connection, kept
    }
    Warehouse.Commit head = reader.head();
    if (head.number() == loadedCommit) {
      return;
    }
    Map<String, Status> next = new HashMap<>();
    for (Map<String, Object> row : reader.rows(head, "submissions", COLUMNS)) {
      Path file = new Path((String) row.get("file"));
      String key = file.getParent().getName() + "/" + file.getName();
      next.put(
          key,
          new Status(
              (String) row.get("status"),
              number(row.get("rows_accepted")),
              number(row.get("rows_rejected")),
              (String) row.get("superseded_by")));
    }
    byFile = next;
    loadedCommit = head.number();
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }
}
