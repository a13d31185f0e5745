package org.spamtraffic.aggregate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.schema.TableContract;
import org.spamtraffic.warehouse.Contracts;

/**
 * Builds rows of the {@code returns} contract for tests: one call per accepted measurement, with
 * the operator's service-level figures repeated on every row as ingest writes them.
 */
final class ReturnRows {
  private final List<Row> rows = new ArrayList<>();
  private long nextRow = 2;

  /** A measurement: who, when, what, and the flow's figures. */
  record Measure(
      String operator,
      String country,
      String period,
      String type,
      String sourceCountry,
      String sourceNetwork,
      String route,
      String destination,
      long serviceSize,
      Long totalTraffic,
      long detected,
      long blocked,
      Long delivered,
      Long userReports) {}

  ReturnRows add(Measure m) {
    boolean monthly = !m.period().contains("Q");
    int year = Integer.parseInt(m.period().substring(0, 4));
    LocalDate start;
    String quarter;
    if (monthly) {
      int month = Integer.parseInt(m.period().substring(5, 7));
      start = LocalDate.of(year, month, 1);
      quarter = String.format(Locale.ROOT, "%d-Q%d", year, (month - 1) / 3 + 1);
    } else {
      int q = Integer.parseInt(m.period().substring(6, 7));
      start = LocalDate.of(year, (q - 1) * 3 + 1, 1);
      quarter = m.period();
    }
    String networkKind =
        m.sourceNetwork().startsWith("AS")
            ? "asn"
            : m.sourceNetwork().startsWith("+")
                ? "number_range"
                : m.sourceNetwork().equals("unknown") ? "unknown" : "mcc_mnc";
    rows.add(
        RowFactory.create(
            "sub-" + m.operator() + "-" + m.period(),
            m.operator(),
            "Operator " + m.operator(),
            m.country(),
            java.sql.Date.valueOf(start),
            monthly ? 1 : 3,
            quarter,
            m.type(),
            "commercial",
            m.sourceCountry(),
            m.sourceNetwork(),
            networkKind,
            m.route(),
            m.destination(),
            m.serviceSize(),
            m.totalTraffic(),
            m.detected(),
            m.blocked(),
            m.delivered(),
            m.userReports(),
            null,
            "landing/" + m.operator() + "-" + m.period() + ".csv",
            null,
            nextRow++,
            m.period()));
    return this;
  }

  Dataset<Row> toDataFrame(SparkSession spark) {
    return spark.createDataFrame(rows, Contracts.sparkSchema(TableContract.load("returns")));
  }

  int size() {
    return rows.size();
  }
}
