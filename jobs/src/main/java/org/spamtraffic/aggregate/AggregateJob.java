package org.spamtraffic.aggregate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.spamtraffic.schema.TableContract;
import org.spamtraffic.stage.StageResult;
import org.spamtraffic.warehouse.Contracts;
import org.spamtraffic.warehouse.Warehouse;

/**
 * The study's analytics: reads {@code returns} (and {@code survey_country_facts} when the
 * questionnaire has been ingested, and the warnings of {@code rejects}) and writes, in one
 * warehouse commit, the reference tables {@code countries} and {@code itu_regions} and the analyst
 * tables {@code volumes}, {@code coverage}, {@code routes}, {@code sources} and {@code
 * country_profile} (contracts in {@code schemas/tables/}). These keep full figures; {@code publish}
 * applies disclosure control.
 *
 * <p>Plan: one aggregation over {@code returns} ({@link OperatorCube}, persisted), everything else
 * from that much smaller result, with the reference tables and the questionnaire broadcast.
 */
public final class AggregateJob {
  /** The tables this job writes, in the order it writes them. */
  public static final List<String> TABLES =
      List.of(
          "countries",
          "itu_regions",
          "volumes",
          "coverage",
          "routes",
          "sources",
          "country_profile");

  private final SparkSession spark;

  public AggregateJob(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * What to run on.
   *
   * @param warehouse the warehouse to read {@code returns} from and write to
   * @param lowCoverage coverage ratio (0..1] under which a national estimate is flagged low
   */
  public record Options(Warehouse warehouse, double lowCoverage) {
    public static final double DEFAULT_LOW_COVERAGE = 0.5;

    public Options {
      if (warehouse == null) {
        throw new IllegalArgumentException("aggregate needs a warehouse");
      }
      if (!(lowCoverage > 0 && lowCoverage <= 1)) {
        throw new IllegalArgumentException(
            "The low-coverage threshold must be in (0, 1], got " + lowCoverage);
      }
    }

    /** Options with the default low-coverage threshold (0.5). */
    public static Options defaults(Warehouse warehouse) {
      return new Options(warehouse, DEFAULT_LOW_COVERAGE);
    }
  }

  /**
   * What the job did.
   *
   * @param returnsRows rows of {@code returns} read
   * @param rows rows written, by table
   * @param questionnaire whether {@code survey_country_facts} was there (else markets are unknown)
   * @param commit the warehouse commit number
   */
  public record Result(long returnsRows, Map<String, Long> rows, boolean questionnaire, long commit)
      implements StageResult {
    @Override
    public String summary() {
      StringBuilder s =
          new StringBuilder(String.format(Locale.ROOT, "read returns %,d rows", returnsRows));
      s.append(questionnaire ? " + questionnaire facts" : " (no questionnaire: markets unknown)");
      s.append(" →");
      rows.forEach((t, n) -> s.append(String.format(Locale.ROOT, " %s %,d", t, n)));
      return s.toString();
    }
  }

  /** Runs the job and commits every table at once. */
  public Result run(Options options) {
    Warehouse warehouse = options.warehouse();
    if (!warehouse.has("returns")) {
      throw new IllegalStateException(
          "The warehouse at "
              + warehouse.root()
              + " has no returns table: run ingest-returns first");
    }
    Dataset<Row> returns = warehouse.read("returns");
    boolean questionnaire = warehouse.has("survey_country_facts");
    Dataset<Row> facts =
        questionnaire ? warehouse.read("survey_country_facts") : empty("survey_country_facts");

    Dataset<Row> countries = ReferenceTables.countries(spark).cache();
    Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    tables.put("countries", countries);
    tables.put("itu_regions", ReferenceTables.ituRegions(spark));
    try (OperatorCube cube = OperatorCube.of(returns)) {
      Dataset<Row> operatorQuarters = cube.operatorQuarters().cache();
      Dataset<Row> volumes = Volumes.build(operatorQuarters, countries).cache();
      Dataset<Row> coverage = Coverage.build(volumes, facts, options.lowCoverage()).cache();
      tables.put("volumes", volumes);
      tables.put("coverage", coverage);
      tables.put("routes", Routes.build(cube.flows()));
      tables.put("sources", Sources.build(cube.flows(), cube.networks(), countries));
      Dataset<Row> figureWarnings =
          FigureWarnings.of(
              warehouse.has("rejects") ? warehouse.read("rejects") : empty("rejects"));
      tables.put(
          "country_profile",
          CountryProfile.build(
              operatorQuarters,
              volumes,
              coverage,
              facts,
              countries,
              figureWarnings,
              ReferenceTables.population(spark)));

      Warehouse.Transaction tx = warehouse.begin("aggregate");
      tables.forEach(tx::write);
      var commit = tx.commit();
      operatorQuarters.unpersist();
      volumes.unpersist();
      coverage.unpersist();
      countries.unpersist();
      // The commit's snapshots (the warehouse now reads it), counted from their summaries: no
      // Spark job only to count.
      Map<String, Long> rows = new LinkedHashMap<>();
      for (String table : tables.keySet()) {
        rows.put(table, warehouse.rows(table));
      }
      long returnsRows = warehouse.rows("returns");
      return new Result(returnsRows, rows, questionnaire, commit.number());
    }
  }

  private Dataset<Row> empty(String table) {
    StructType schema = Contracts.sparkSchema(TableContract.load(table));
    return spark.createDataFrame(List.of(), schema);
  }
}
