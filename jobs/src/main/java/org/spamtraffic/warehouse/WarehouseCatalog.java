package org.spamtraffic.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

/**
 * The Iceberg catalog that keeps the warehouse's tables: its Spark name and its properties, exactly
 * as Iceberg's Spark documentation sets them ({@code spark.sql.catalog.<name>=...SparkCatalog},
 * {@code spark.sql.catalog.<name>.type}, {@code .uri}, {@code .warehouse}, ...).
 *
 * <p>A site's catalog (Hive, REST, JDBC, Glue, Nessie) is used as configured ({@link #configured}).
 * Without one, the warehouse gets an <em>embedded</em> catalog ({@link #embedded}):
 *
 * <ul>
 *   <li>on the local file system, a JDBC catalog on one SQLite file beside the tables ({@code
 *       <warehouse>/catalog.db}). An Iceberg commit is then one SQL compare-and-swap of the table's
 *       metadata location, and SQLite serialises writers across processes with its file lock: two
 *       jobs can never overwrite each other's commit. Hadoop's file-system catalog was not chosen:
 *       it commits by renaming a metadata file into place, and the local file system's rename
 *       replaces an existing target, so two writers could both "win". H2 and Derby embedded admit
 *       one process at a time;
 *   <li>on HDFS, Iceberg's Hadoop catalog, whose commit relies on HDFS's rename that refuses an
 *       existing target (atomic there);
 *   <li>on an object store (S3, GCS, ABFS), whose rename is not atomic, no embedded catalog: the
 *       site's catalog must be configured, and the error says how.
 * </ul>
 *
 * @param name the Spark catalog name ({@code spark.sql.catalog.<name>})
 * @param properties the catalog's properties, without the {@code spark.sql.catalog.<name>.} prefix
 * @param location where the warehouse is, for messages and people
 */
public record WarehouseCatalog(String name, Map<String, String> properties, String location) {
  /** The namespace of every table: {@code spamtraffic.returns} in Spark SQL. */
  public static final String NAMESPACE = "spamtraffic";

  /** The file of the embedded JDBC catalog, in the warehouse folder. */
  static final String SQLITE_FILE = "catalog.db";

  private static final String SPARK_CATALOG = "org.apache.iceberg.spark.SparkCatalog";

  /**
   * The embedded catalog of the warehouse at {@code uri} (any Hadoop file system URI), named {@code
   * name} in Spark.
   */
  public static WarehouseCatalog embedded(String name, String uri, Configuration conf) {
    Path root = qualified(uri, conf);
    String scheme = root.toUri().getScheme().toLowerCase(Locale.ROOT);
    Map<String, String> props = new LinkedHashMap<>();
    props.put("warehouse", root.toString());
    switch (scheme) {
      case "file" -> {
        // Iceberg's JDBC catalog, under one name for every Spark name (EmbeddedJdbcCatalog).
        props.put("catalog-impl", EmbeddedJdbcCatalog.class.getName());
        props.put("uri", "jdbc:sqlite:" + new Path(root, SQLITE_FILE).toUri().getPath());
        // Views are not used; V1 is the catalog schema Iceberg creates for new catalogs.
        props.put("jdbc.schema-version", "V1");
        // A second process waits for SQLite's write lock instead of failing at once.
        props.put("jdbc.busy_timeout", "60000");
        // Tables are read at the snapshots the study log names; a cached table object from
        // before another process's commit would not know them.
        props.put("cache-enabled", "false");
      }
      case "hdfs", "viewfs" -> {
        props.put("type", "hadoop");
        props.put("cache-enabled", "false");
      }
      default ->
          throw new IllegalArgumentException(
              "The warehouse "
                  + uri
                  + " is on "
                  + scheme
                  + ", whose rename is not atomic: configure the site's Iceberg catalog instead,"
                  + " e.g. --conf spark.sql.catalog.local=org.apache.iceberg.spark.SparkCatalog"
                  + " --conf spark.sql.catalog.local.type=rest --conf"
                  + " spark.sql.catalog.local.uri=https://... --conf"
                  + " spark.sql.catalog.local.warehouse="
                  + uri);
    }
    return new WarehouseCatalog(name, Map.copyOf(props), root.toString());
  }

  /**
   * The embedded catalog of the warehouse at {@code uri}, with a Spark name derived from the URI
   * (so that several warehouses can be open in one session, as tests and {@code compare} do).
   */
  public static WarehouseCatalog embedded(String uri, Configuration conf) {
    String qualified = qualified(uri, conf).toString();
    return embedded("wh_" + shortHash(qualified), qualified, conf);
  }

  /**
   * A catalog configured in Spark ({@code spark.sql.catalog.<name>} and its properties), such as a
   * site's Hive, REST or Glue catalog.
   */
  public static WarehouseCatalog configured(String name, Map<String, String> sparkConf) {
    String prefix = "spark.sql.catalog." + name + ".";
    Map<String, String> props = new LinkedHashMap<>();
    sparkConf.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            props.put(k.substring(prefix.length()), v);
          }
        });
    String location = props.getOrDefault("warehouse", props.getOrDefault("uri", name));
    return new WarehouseCatalog(name, Map.copyOf(props), location);
  }

  /** The Spark settings that register this catalog. */
  public Map<String, String> sparkConf() {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.sql.catalog." + name, SPARK_CATALOG);
    properties.forEach((k, v) -> conf.put("spark.sql.catalog." + name + "." + k, v));
    return conf;
  }

  /** Opens the catalog with Iceberg's own API, without Spark (the portal reads this way). */
  public Catalog open(Configuration conf) {
    if (properties.get("uri") != null && properties.get("uri").startsWith("jdbc:sqlite:")) {
      loadSqliteDriver();
    }
    return CatalogUtil.buildIcebergCatalog(name, properties, conf);
  }

  /**
   * Registers the SQLite driver with {@link java.sql.DriverManager}: under spark-submit the driver
   * is in the application's class loader, which the driver manager's own service lookup does not
   * search.
   */
  static void loadSqliteDriver() {
    try {
      Class.forName("org.sqlite.JDBC");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("The SQLite JDBC driver is not on the class path", e);
    }
  }

  private static Path qualified(String uri, Configuration conf) {
    Path root = new Path(uri);
    try {
      FileSystem fs = root.getFileSystem(conf);
      return fs.makeQualified(root);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open warehouse " + uri, e);
    }
  }

  private static String shortHash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
