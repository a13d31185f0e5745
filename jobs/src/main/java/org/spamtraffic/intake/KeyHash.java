package org.spamtraffic.intake;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.codec.digest.MurmurHash3;
import org.spamtraffic.schema.ReturnFormat;
import org.spamtraffic.validate.RowCheck;

/**
 * A 64-bit hash of a row's duplicate key (the return format's key columns), MurmurHash3 from Apache
 * Commons Codec: the tasks keep hashes, not keys, so that a return of ten million rows can be
 * searched for repeated keys on the driver; rows whose hashes repeat are then compared by their
 * exact keys. The same function runs in the tasks and, as a UDF, over {@code returns}.
 */
final class KeyHash {
  /** The key columns' positions in the return format. */
  static final int[] FIELDS = ReturnFormat.v1().key().stream().mapToInt(RowCheck::index).toArray();

  /** The key columns' names. */
  static final List<String> COLUMNS = ReturnFormat.v1().key();

  private KeyHash() {}

  /** The hash of a checked row's key. */
  static long of(Object[] values) {
    StringBuilder s = new StringBuilder(128);
    for (int f : FIELDS) {
      append(s, values[f]);
    }
    return hash(s);
  }

  /** The hash of a key given column by column (as the UDF sees it). */
  static long ofKey(Object... key) {
    StringBuilder s = new StringBuilder(128);
    for (Object k : key) {
      append(s, k);
    }
    return hash(s);
  }

  private static void append(StringBuilder s, Object v) {
    // A separator no cell can hold after stripping, and a marker for an empty value.
    s.append(v == null ? "\u0001" : v.toString()).append('\u0000');
  }

  private static long hash(StringBuilder s) {
    return MurmurHash3.hash128x64(s.toString().getBytes(StandardCharsets.UTF_8))[0];
  }
}
