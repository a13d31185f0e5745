package org.spamtraffic.warehouse;

import java.util.function.BiConsumer;
import org.apache.iceberg.ManageSnapshots;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;

/**
 * Changes to a table's branches and tags, retried on a concurrent commit. Iceberg retries a data
 * commit by itself, but a change of references made through {@link Table#manageSnapshots} fails
 * when another process committed to the table in the meantime ("Table metadata refresh is
 * required"): here the table is read again and the change decided again from what it now is.
 */
final class Refs {
  private static final int ATTEMPTS = 20;

  private Refs() {}

  /** Runs {@code change} on the table as it is, and commits it; again after a concurrent commit. */
  static void update(Table table, BiConsumer<Table, ManageSnapshots> change) {
    for (int attempt = 1; ; attempt++) {
      table.refresh();
      ManageSnapshots m = table.manageSnapshots();
      change.accept(table, m);
      try {
        m.commit();
        return;
      } catch (CommitFailedException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
        try {
          Thread.sleep(Math.min(2_000, 25L << Math.min(attempt, 6)));
        } catch (InterruptedException i) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
