package org.spamtraffic.warehouse;

import java.util.Map;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Iceberg's JDBC catalog under one fixed catalog name, whatever Spark calls it. The JDBC catalog
 * files every table under the name it was initialised with, and Spark initialises it with its own
 * catalog name ({@code spark.sql.catalog.<name>}): a warehouse written by the command line (as
 * {@code local}) would look empty to a test, to {@code compare} or to the portal, which open it
 * under other names. With this class, every name sees the same tables in {@code catalog.db}.
 */
public class EmbeddedJdbcCatalog extends JdbcCatalog {
  /** The name every table of an embedded catalog is filed under. */
  static final String NAME = "local";

  /** Iceberg builds catalogs by reflection, through this constructor. */
  public EmbeddedJdbcCatalog() {
    super();
  }

  @Override
  public void initialize(String name, Map<String, String> properties) {
    super.initialize(NAME, properties);
  }
}
