package org.spamtraffic.aggregate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The areas a country's figures roll up to: the country itself, its ITU-D region, its M49 region,
 * its development groups (LDC, LLDC, SIDS, developed or developing) and the world. A country is in
 * several areas at once; each area's figures are sums over the operators of its countries.
 */
public final class Areas {
  public static final String COUNTRY = "country";
  public static final String ITU_REGION = "itu_region";
  public static final String M49_REGION = "m49_region";
  public static final String GROUP = "group";
  public static final String WORLD = "world";

  /** The levels, from the finest. */
  public static final List<String> LEVELS = List.of(COUNTRY, ITU_REGION, M49_REGION, GROUP, WORLD);

  /** The name of the world area. */
  public static final String WORLD_AREA = "World";

  private Areas() {}

  /**
   * Adds {@code level}, {@code area} and {@code area_name} to every row of {@code data}, one copy
   * per area the row's country belongs to. {@code countryColumn} holds an alpha-3 code; {@code
   * countries} is the reference table (broadcast: a few hundred rows). A code missing from the
   * reference (ingest validates codes, so only a stale reference could cause it) keeps its country
   * and world rows.
   */
  public static Dataset<Row> explodeAreas(
      Dataset<Row> data, String countryColumn, Dataset<Row> countries) {
    Dataset<Row> refs =
        countries.select(
            col("alpha3").as("_ref_alpha3"),
            col("name_en").as("_ref_name"),
            col("itu_region").as("_ref_itu"),
            col("m49_region").as("_ref_m49"),
            col("ldc").as("_ref_ldc"),
            col("lldc").as("_ref_lldc"),
            col("sids").as("_ref_sids"),
            col("development_status").as("_ref_dev"));
    Dataset<Row> joined =
        data.join(
            functions.broadcast(refs), col(countryColumn).equalTo(col("_ref_alpha3")), "left");
    Column code = col(countryColumn);
    Column areas =
        array(
            area(lit(COUNTRY), code, functions.coalesce(col("_ref_name"), code)),
            area(lit(ITU_REGION), col("_ref_itu"), col("_ref_itu")),
            area(lit(M49_REGION), col("_ref_m49"), col("_ref_m49")),
            when(col("_ref_ldc"), area(lit(GROUP), lit("ldc"), lit("Least developed countries"))),
            when(
                col("_ref_lldc"),
                area(lit(GROUP), lit("lldc"), lit("Landlocked developing countries"))),
            when(
                col("_ref_sids"),
                area(lit(GROUP), lit("sids"), lit("Small island developing states"))),
            area(
                lit(GROUP),
                col("_ref_dev"),
                functions.concat(
                    functions.upper(functions.substring(col("_ref_dev"), 1, 1)),
                    functions.substring(col("_ref_dev"), 2, 100),
                    lit(" countries"))),
            area(lit(WORLD), lit(WORLD_AREA), lit(WORLD_AREA)));
    return joined
        .withColumn("_area", explode(areas))
        .filter(col("_area").isNotNull().and(col("_area.area").isNotNull()))
        .withColumn("level", col("_area.level"))
        .withColumn("area", col("_area.area"))
        .withColumn("area_name", col("_area.area_name"))
        .drop(
            "_area",
            "_ref_alpha3",
            "_ref_name",
            "_ref_itu",
            "_ref_m49",
            "_ref_ldc",
            "_ref_lldc",
            "_ref_sids",
            "_ref_dev");
  }

  private static Column area(Column level, Column area, Column name) {
    return struct(level.as("level"), area.as("area"), name.as("area_name"));
  }
}
