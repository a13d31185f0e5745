package org.spamtraffic.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Suppression solved over volumes, routes and sources together: a total published in one table is a
 * member of the relations of the other tables' rows that add up to it.
 */
class CrossTableSuppressionTest {
  private static final StructType COUNTRY =
      new StructType()
          .add("alpha3", DataTypes.StringType)
          .add("itu_region", DataTypes.StringType)
          .add("m49_region", DataTypes.StringType)
          .add("ldc", DataTypes.BooleanType)
          .add("lldc", DataTypes.BooleanType)
          .add("sids", DataTypes.BooleanType)
          .add("development_status", DataTypes.StringType);
  private static final StructType VOLUME =
      new StructType()
          .add("level", DataTypes.StringType)
          .add("area", DataTypes.StringType)
          .add("quarter", DataTypes.StringType)
          .add("spam_type", DataTypes.StringType)
          .add("reporting_operators", DataTypes.IntegerType)
          .add("top_operator_share", DataTypes.DoubleType)
          .add("spam_detected", DataTypes.LongType);
  private static final StructType ROUTE =
      new StructType()
          .add("quarter", DataTypes.StringType)
          .add("spam_type", DataTypes.StringType)
          .add("source_country", DataTypes.StringType)
          .add("destination_country", DataTypes.StringType)
          .add("entry_route", DataTypes.StringType)
          .add("reporting_operators", DataTypes.IntegerType)
          .add("top_operator_share", DataTypes.DoubleType)
          .add("spam_detected", DataTypes.LongType);

  /**
   * Kenya's only flow (from China) is withheld as the complement of China's flow to Ghana (one
   * operator). Solved within routes alone, nothing else would be withheld, and Kenya's published
   * volume row (100) would equal the withheld flow. Solved together, Kenya's volume row is a member
   * of the flows' relation and is withheld with it.
   */
  @Test
  void aFlowWithheldAloneIsNotGivenBackByTheVolumeOfItsDestination() {
    Hierarchy hierarchy =
        Hierarchy.of(
            List.of(
                row(COUNTRY, "KEN", "Africa", "Africa", false, false, false, "developing"),
                row(COUNTRY, "GHA", "Africa", "Africa", false, false, false, "developing")));
    List<Row> volumes =
        List.of(
            row(VOLUME, "country", "KEN", "2025-Q1", "sms", 3, 0.5, 100L),
            row(VOLUME, "country", "GHA", "2025-Q1", "sms", 1, 1.0, 50L));
    List<Row> routes =
        List.of(
            row(ROUTE, "2025-Q1", "sms", "CHN", "KEN", "international_gateway", 3, 0.5, 100L),
            row(ROUTE, "2025-Q1", "sms", "CHN", "GHA", "international_gateway", 1, 1.0, 50L));

    Suppression.Reason[][] r =
        PublishJob.solveTogether(hierarchy, DisclosureRules.defaults(), volumes, routes, List.of());

    assertThat(r[1][1]).isEqualTo(Suppression.Reason.FEWER_OPERATORS);
    assertThat(r[1][0])
        .as("CHN to KEN, complement of CHN to GHA")
        .isEqualTo(Suppression.Reason.COMPLEMENTARY);
    assertThat(r[0][0])
        .as("KEN's volume row, which equals its only flow")
        .isEqualTo(Suppression.Reason.COMPLEMENTARY);
    assertThat(r[0][1]).isEqualTo(Suppression.Reason.FEWER_OPERATORS);
  }

  /** The other way round: a withheld volume row is not the sum of published flows into it. */
  @Test
  void aWithheldVolumeRowIsNotTheSumOfPublishedFlows() {
    Hierarchy hierarchy =
        Hierarchy.of(
            List.of(row(COUNTRY, "KEN", "Africa", "Africa", false, false, false, "developing")));
    List<Row> volumes = List.of(row(VOLUME, "country", "KEN", "2025-Q1", "sms", 3, 0.9, 100L));
    List<Row> routes =
        List.of(
            row(ROUTE, "2025-Q1", "sms", "CHN", "KEN", "international_gateway", 3, 0.5, 60L),
            row(ROUTE, "2025-Q1", "sms", "USA", "KEN", "internet", 3, 0.5, 40L));

    Suppression.Reason[][] r =
        PublishJob.solveTogether(hierarchy, DisclosureRules.defaults(), volumes, routes, List.of());

    assertThat(r[0][0]).isEqualTo(Suppression.Reason.DOMINANCE);
    assertThat(r[1][1])
        .as("the smaller flow, so that the sum gives nothing back")
        .isEqualTo(Suppression.Reason.COMPLEMENTARY);
    assertThat(r[1][0]).isNull();
  }

  private static Row row(StructType schema, Object... values) {
    return new GenericRowWithSchema(values, schema);
  }
}
