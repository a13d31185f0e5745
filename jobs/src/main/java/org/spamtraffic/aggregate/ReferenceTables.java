package org.spamtraffic.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.spamtraffic.schema.Countries;
import org.spamtraffic.schema.DevelopmentStatus;
import org.spamtraffic.schema.ItuRegions;
import org.spamtraffic.schema.Population;
import org.spamtraffic.schema.ReferenceCsv;
import org.spamtraffic.schema.TableContract;
import org.spamtraffic.warehouse.Contracts;

/**
 * The reference tables {@code countries} and {@code itu_regions}, built from the files of {@code
 * schemas/reference/} (their sources and licence are in {@code schemas/reference/SOURCE.md}). They
 * are a few hundred rows: the aggregation broadcasts them.
 */
public final class ReferenceTables {
  private ReferenceTables() {}

  /** One row per country or territory, in the {@code countries} contract's columns. */
  public static Dataset<Row> countries(SparkSession spark) {
    Map<String, String> regions = ItuRegions.byAlpha3();
    Map<String, String> status = DevelopmentStatus.byAlpha3();
    List<Row> rows = new ArrayList<>();
    for (Map<String, String> c : ReferenceCsv.rows(Countries.FILE)) {
      String alpha3 = c.get("alpha3");
      rows.add(
          RowFactory.create(
              alpha3,
              c.get("alpha2"),
              c.get("numeric"),
              c.get("name_en"),
              blankToNull(c.get("name_fr")),
              blankToNull(c.get("m49_region")),
              blankToNull(c.get("m49_subregion")),
              blankToNull(c.get("m49_intermediate_region")),
              ItuRegions.regionOf(alpha3),
              Boolean.parseBoolean(c.get("ldc")),
              Boolean.parseBoolean(c.get("lldc")),
              Boolean.parseBoolean(c.get("sids")),
              require(status, alpha3, DevelopmentStatus.FILE),
              blankToNull(c.get("dial")),
              blankToNull(c.get("currency"))));
    }
    return spark.createDataFrame(rows, schema("countries"));
  }

  /**
   * {@code alpha3}, {@code population} (long): the population reference ({@code
   * schemas/reference/population.csv}), one row per code that has a figure.
   */
  public static Dataset<Row> population(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Long> e : Population.byAlpha3().entrySet()) {
      rows.add(RowFactory.create(e.getKey(), e.getValue()));
    }
    StructType schema =
        new StructType()
            .add("alpha3", DataTypes.StringType, false)
            .add("population", DataTypes.LongType, false);
    return spark.createDataFrame(rows, schema);
  }

  /** One row per country code: its ITU-D region and why. */
  public static Dataset<Row> ituRegions(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Map<String, String> r : ReferenceCsv.rows(ItuRegions.FILE)) {
      rows.add(RowFactory.create(r.get("alpha3"), r.get("itu_region"), r.get("basis")));
    }
    return spark.createDataFrame(rows, schema("itu_regions"));
  }

  private static StructType schema(String table) {
    return Contracts.sparkSchema(TableContract.load(table));
  }

  private static String require(Map<String, String> map, String alpha3, String file) {
    String value = map.get(alpha3);
    if (value == null) {
      throw new IllegalStateException("schemas/" + file + " has no row for '" + alpha3 + "'");
    }
    return value;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
