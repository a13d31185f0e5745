package org.spamtraffic.intake;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.spamtraffic.schema.Field;
import org.spamtraffic.schema.ReturnFormat;
import org.spamtraffic.schema.TableContract;
import org.spamtraffic.validate.RowCheck;
import org.spamtraffic.warehouse.Contracts;

/**
 * A valid line as a row of {@code returns}: the checked values in the table's column order, the
 * columns derived from the period and the source network, and where the line came from.
 */
final class ReturnRow {
  /** The table's schema, in contract order. */
  static final StructType SCHEMA = Contracts.sparkSchema(TableContract.load("returns"));

  private static final int SUBMISSION = -1;
  private static final int PERIOD_START = -2;
  private static final int PERIOD_MONTHS = -3;
  private static final int QUARTER = -4;
  private static final int NETWORK_KIND = -5;
  private static final int SOURCE_FILE = -6;
  private static final int SOURCE_SHEET = -7;
  private static final int SOURCE_ROW = -8;

  /** For each column of the table, the return-format field it is, or a derived column's code. */
  private static final int[] SOURCES = sources();

  private static final int PERIOD_FIELD = RowCheck.index("period");
  private static final int NETWORK_FIELD = RowCheck.index("source_network");

  /** Periods are few: their first days are made once. */
  private static final Map<String, Date> STARTS = new ConcurrentHashMap<>();

  private ReturnRow() {}

  private static int[] sources() {
    List<Field> fields = ReturnFormat.v1().fields();
    String[] names = SCHEMA.fieldNames();
    int[] out = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] =
          switch (names[i]) {
            case "submission_id" -> SUBMISSION;
            case "period_start" -> PERIOD_START;
            case "period_months" -> PERIOD_MONTHS;
            case "quarter" -> QUARTER;
            case "source_network_kind" -> NETWORK_KIND;
            case "source_file" -> SOURCE_FILE;
            case "source_sheet" -> SOURCE_SHEET;
            case "source_row" -> SOURCE_ROW;
            default -> RowCheck.index(names[i]);
          };
      if (out[i] >= fields.size()) {
        throw new IllegalStateException("returns column " + names[i] + " has no source");
      }
    }
    return out;
  }

  /** The row of {@code returns} for a valid line. */
  static Row of(String submission, String file, String sheet, long row, Object[] values) {
    Object[] out = new Object[SOURCES.length];
    String period = (String) values[PERIOD_FIELD];
    boolean quarterly = period.charAt(5) == 'Q';
    for (int i = 0; i < out.length; i++) {
      int s = SOURCES[i];
      out[i] =
          switch (s) {
            case SUBMISSION -> submission;
            case PERIOD_START -> STARTS.computeIfAbsent(period, ReturnRow::start);
            case PERIOD_MONTHS -> quarterly ? 3 : 1;
            case QUARTER -> quarter(period, quarterly);
            case NETWORK_KIND -> networkKind((String) values[NETWORK_FIELD]);
            case SOURCE_FILE -> file;
            case SOURCE_SHEET -> sheet;
            case SOURCE_ROW -> row;
            default -> values[s];
          };
    }
    return RowFactory.create(out);
  }

  private static Date start(String period) {
    int year = Integer.parseInt(period.substring(0, 4));
    int month =
        period.charAt(5) == 'Q'
            ? (period.charAt(6) - '0' - 1) * 3 + 1
            : Integer.parseInt(period.substring(5, 7));
    return Date.valueOf(LocalDate.of(year, month, 1));
  }

  private static String quarter(String period, boolean quarterly) {
    if (quarterly) {
      return period;
    }
    int month = Integer.parseInt(period.substring(5, 7));
    return period.substring(0, 4) + "-Q" + ((month + 2) / 3);
  }

  private static String networkKind(String network) {
    if (network.startsWith("AS")) {
      return "asn";
    }
    if (network.startsWith("+")) {
      return "number_range";
    }
    return network.equals("unknown") ? "unknown" : "mcc_mnc";
  }
}
