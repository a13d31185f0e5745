package org.spamtraffic.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spamtraffic.report.data.PublishedTables;
import org.spamtraffic.report.data.ReportTable;
import org.spamtraffic.schema.TableContract;

/**
 * Small published tables conforming to the contracts: two quarters, the world, two ITU-D regions
 * and three countries, three spam types, with withheld rows among them (a country with two
 * operators, and its complementary cell).
 */
final class Fixtures {
  private Fixtures() {}

  static final String Q1 = "2025-Q3";
  static final String Q2 = "2025-Q4";

  static PublishedTables all() {
    return PublishedTables.of(
        List.of(
            volumes(),
            sources(),
            routes(),
            coverage(),
            countries(),
            intervals(),
            sensitivity(),
            totals(),
            indicators()));
  }

  private static void model(Map<String, Object> v) {
    v.put("parameter_set", "default");
    v.put("price_year", 2024);
    v.put("horizon_years", 5);
    v.put("discount_rate", 0.05);
  }

  static ReportTable intervals() {
    TableContract c = TableContract.load("investment_intervals");
    List<List<Object>> rows = new ArrayList<>();
    String[][] areas = {
      {"reporting", "Reporting countries", "true"},
      {"itu_region", "Africa", "true"},
      {"itu_region", "Europe", "true"},
      {"group", "ldc", "true"},
      {"world", "World", "true"},
      {"country", "KEN", "true"},
      {"country", "DEU", "false"}
    };
    int a = 0;
    for (String[] area : areas) {
      a++;
      int m = 0;
      for (String measure : List.of("need", "gap", "technical")) {
        m++;
        double p50 = 1_000_000.0 * a * (4 - m) + 0.25;
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("level", area[0]);
        v.put("area", area[1]);
        v.put("area_name", area[1]);
        v.put("as_of_quarter", Q2);
        v.put("measure", measure);
        v.put("p5_usd", p50 * 0.6);
        v.put("p50_usd", p50);
        v.put("p95_usd", p50 * 1.7);
        v.put("mean_usd", p50 * 1.05);
        v.put("base_usd", p50 * 0.9);
        v.put("base_percentile", 0.3);
        v.put("basis", area[0].equals("world") ? "extrapolated" : "sum");
        v.put("draws", 10_000);
        v.put("seed", 42L);
        v.put("distribution", "pert");
        v.put("publishable", Boolean.parseBoolean(area[2]));
        model(v);
        rows.add(row(c, v));
      }
    }
    return ReportTable.of(c, rows);
  }

  static ReportTable sensitivity() {
    TableContract c = TableContract.load("investment_sensitivity");
    List<List<Object>> rows = new ArrayList<>();
    String[] parameters = {
      "capacity_capex_usd.sms", "filtering_usd_per_user_year.email", "staff_cost_usd_per_fte_year"
    };
    for (int i = 0; i < parameters.length; i++) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("level", "reporting");
      v.put("area", "Reporting countries");
      v.put("as_of_quarter", Q2);
      v.put("measure", "need");
      v.put("parameter", parameters[i]);
      v.put("unit", "USD");
      v.put("parameter_low", 1.0);
      v.put("parameter_base", 2.0);
      v.put("parameter_high", 3.0);
      v.put("total_base_usd", 3_000_000.0);
      v.put("total_at_low_usd", 3_000_000.0 - 900_000.0 / (i + 1));
      v.put("total_at_high_usd", 3_000_000.0 + 1_200_000.0 / (i + 1));
      v.put("swing_usd", 2_100_000.0 / (i + 1));
      v.put("rank", i + 1);
      v.put("publishable", true);
      model(v);
      rows.add(row(c, v));
    }
    return ReportTable.of(c, rows);
  }

  /** What {@code estimate} records of the parameter file it read: the default file's SHA-256. */
  static final String PARAMETER_FILES_SHA256 =
      org.spamtraffic.estimate.ParameterFile.defaults().sha256();

  static ReportTable totals() {
    TableContract c = TableContract.load("investment_totals");
    List<List<Object>> rows = new ArrayList<>();
    String[][] areas = {
      {"reporting", "Reporting countries", "true"},
      {"world", "World", "true"},
      {"itu_region", "Africa", "true"},
      {"country", "DEU", "false"}
    };
    for (String[] area : areas) {
      for (String scenario : List.of("low", "base", "high")) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("level", area[0]);
        v.put("area", area[1]);
        v.put("area_name", area[1]);
        v.put("as_of_quarter", Q2);
        v.put("scenario", scenario);
        v.put("countries", area[0].equals("reporting") ? 3 : area[0].equals("world") ? 194 : 1);
        v.put("countries_extrapolated", area[0].equals("world") ? 191 : 0);
        v.put("countries_imputed", area[0].equals("reporting") ? 1 : 0);
        v.put("countries_readiness_unknown", 0);
        v.put("countries_existing_unknown", 0);
        v.put("technical_usd", 2_000_000.0);
        v.put("institutional_usd", 500_000.0);
        v.put("need_usd", 2_500_000.0);
        v.put("existing_usd", 400_000.0);
        v.put("planned_usd", 600_000.0);
        v.put("gap_usd", 2_100_000.0);
        v.put("types_not_estimated", area[0].equals("reporting") ? 12 : 0);
        v.put("not_estimated_at_least_usd", area[0].equals("reporting") ? 3_000_000.0 : 0.0);
        v.put("basis", area[0].equals("world") ? "extrapolated" : "sum");
        v.put("publishable", Boolean.parseBoolean(area[2]));
        model(v);
        v.put("parameter_files_sha256", PARAMETER_FILES_SHA256);
        rows.add(row(c, v));
      }
    }
    return ReportTable.of(c, rows);
  }

  static ReportTable indicators() {
    TableContract c = TableContract.load("survey_indicators");
    List<List<Object>> rows = new ArrayList<>();
    String[][] answers = {
      {"KEN", "Africa", "s-ken"}, {"FRA", "Europe", "s-fra"}, {"HTI", "Americas", "s-hti"}
    };
    String[] pillars = {"legislation", "technical", "partnerships", "education", "cooperation"};
    for (int a = 0; a < answers.length; a++) {
      for (int p = 0; p < pillars.length; p++) {
        for (boolean latest : List.of(true, false)) {
          Map<String, Object> v = new LinkedHashMap<>();
          v.put("submission_id", answers[a][2] + (latest ? "" : "-old"));
          v.put("country_code", answers[a][0]);
          v.put("itu_region", answers[a][1]);
          v.put("is_latest", latest);
          v.put("kind", "wsis_pillar");
          v.put("indicator", pillars[p]);
          // An earlier submission scored 0: it must never reach the report.
          Double score = 0.125 * (a + 1) + 0.1 * p;
          if (!latest) {
            score = 0.0;
          } else if (a == 2 && p == 3) {
            score = null; // Haiti left the education questions unanswered
          }
          v.put("score", score);
          v.put("points", 1.0);
          v.put("max_points", 4.0);
          v.put("rules_matched", 1);
          v.put("rules_total", 4);
          rows.add(row(c, v));
        }
      }
    }
    return ReportTable.of(c, rows);
  }

  /** Tables as they are before the aggregate stage ran: only the reference tables. */
  static PublishedTables referenceOnly() {
    return PublishedTables.of(List.of(countries()));
  }

  static ReportTable volumes() {
    TableContract c = TableContract.load("published_volumes");
    List<List<Object>> rows = new ArrayList<>();
    String[][] areas = {
      {"world", "World", "World"},
      {"itu_region", "Africa", "Africa"},
      {"itu_region", "Europe", "Europe"},
      {"country", "KEN", "Kenya"},
      {"country", "FRA", "France"},
      {"country", "DEU", "Germany"}
    };
    String[] types = {"email", "sms", "voice"};
    long base = 1_234_567;
    for (String quarter : List.of(Q1, Q2)) {
      for (int a = 0; a < areas.length; a++) {
        for (int t = 0; t < types.length; t++) {
          long detected = base * (a + 1) * (t + 2) + (quarter.equals(Q2) ? 98_765L * (t + 1) : 0);
          boolean withheld =
              areas[a][1].equals("DEU") && types[t].equals("voice")
                  || areas[a][1].equals("FRA") && types[t].equals("voice") && quarter.equals(Q2);
          Map<String, Object> v = new LinkedHashMap<>();
          v.put("level", areas[a][0]);
          v.put("area", areas[a][1]);
          v.put("area_name", areas[a][2]);
          v.put("quarter", quarter);
          v.put("spam_type", types[t]);
          v.put("reporting_operators", withheld ? 2 : 3 + a + t);
          v.put("suppressed", withheld);
          if (withheld) {
            v.put(
                "suppression_reason",
                areas[a][1].equals("DEU") ? "fewer_operators" : "complementary");
          } else {
            v.put("service_size", 5_000_000L * (a + 1));
            v.put("total_traffic", detected * 4 + 17);
            v.put("traffic_operators", 3);
            v.put("spam_detected", detected);
            v.put("spam_blocked", detected * 9 / 10);
            v.put("spam_share", 0.1234 + 0.01 * a + 0.001 * t);
            v.put("block_rate", 0.9 - 0.01 * t);
            v.put("spam_per_subscriber_month", 12.345 + a);
            v.put("share_on_net", 0.2 + 0.01 * t);
            v.put("share_off_net", 0.7 - 0.01 * t);
            v.put("share_international_gateway", 0.35 + 0.02 * t);
            v.put("share_grey_route", 0.15 + 0.03 * t);
            v.put("growth_year_on_year", quarter.equals(Q2) ? 0.0567 * (t + 1) : null);
          }
          rows.add(row(c, v));
        }
      }
    }
    return ReportTable.of(c, rows);
  }

  static ReportTable sources() {
    TableContract c = TableContract.load("published_sources");
    List<List<Object>> rows = new ArrayList<>();
    String[] sources = {"CHN", "USA", "RUS", "BRA", "IND", "FRA"};
    for (String type : List.of("email", "sms")) {
      for (int i = 0; i < sources.length; i++) {
        boolean withheld = type.equals("sms") && i == 5;
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("level", "world");
        v.put("area", "World");
        v.put("quarter", Q2);
        v.put("spam_type", type);
        v.put("source_kind", "country");
        v.put("source", sources[i]);
        v.put("reporting_operators", withheld ? 1 : 5);
        v.put("suppressed", withheld);
        if (!withheld) {
          v.put("spam_detected", 9_000_000L - 1_000_003L * i);
          v.put("share_of_area", 0.3 - 0.04 * i);
          v.put("rank", i + 1);
        } else {
          v.put("suppression_reason", "fewer_operators");
        }
        rows.add(row(c, v));
      }
    }
    // Kenya's own sources of SMS spam (its country profile), the third not identified.
    String[] kenya = {"CHN", "USA", "unknown"};
    for (int i = 0; i < kenya.length; i++) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("level", "country");
      v.put("area", "KEN");
      v.put("quarter", Q2);
      v.put("spam_type", "sms");
      v.put("source_kind", "country");
      v.put("source", kenya[i]);
      v.put("reporting_operators", 3);
      v.put("suppressed", false);
      v.put("spam_detected", 500_000L - 100_000L * i);
      v.put("share_of_area", 0.5 - 0.15 * i);
      v.put("rank", i + 1);
      rows.add(row(c, v));
    }
    return ReportTable.of(c, rows);
  }

  static ReportTable routes() {
    TableContract c = TableContract.load("published_routes");
    List<List<Object>> rows = new ArrayList<>();
    String[][] flows = {
      {"CHN", "KEN", "international_gateway", "4000000"},
      {"CHN", "FRA", "grey_route", "3000000"},
      {"USA", "FRA", "international_gateway", "2500000"},
      {"FRA", "FRA", "on_net", "1500000"},
      {"RUS", "DEU", "grey_route", "-1"}
    };
    for (String[] f : flows) {
      boolean withheld = f[3].equals("-1");
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("quarter", Q2);
      v.put("spam_type", "sms");
      v.put("source_country", f[0]);
      v.put("destination_country", f[1]);
      v.put("entry_route", f[2]);
      v.put("net", f[2].equals("on_net") ? "on_net" : "off_net");
      v.put("reporting_operators", withheld ? 1 : 4);
      v.put("suppressed", withheld);
      if (!withheld) {
        v.put("spam_detected", Long.parseLong(f[3]));
        v.put("spam_blocked", Long.parseLong(f[3]) / 2);
        v.put("share_of_destination", 0.25);
      }
      rows.add(row(c, v));
    }
    return ReportTable.of(c, rows);
  }

  static ReportTable coverage() {
    TableContract c = TableContract.load("published_coverage");
    List<List<Object>> rows = new ArrayList<>();
    String[] countries = {"KEN", "FRA", "DEU"};
    for (int i = 0; i < countries.length; i++) {
      boolean withheld = countries[i].equals("DEU");
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("country_code", countries[i]);
      v.put("quarter", Q2);
      v.put("spam_type", "email");
      v.put("reporting_operators", withheld ? 2 : 3);
      v.put("incomplete_operators", 0);
      v.put("market_size", 20_000_000L);
      v.put("coverage_status", "known");
      v.put("estimate_method", i == 0 ? "low_coverage_extrapolated" : "extrapolated");
      v.put("suppressed", withheld);
      if (!withheld) {
        v.put("service_size", 6_000_000L + 5_000_000L * i);
        v.put("coverage_ratio", 0.3 + 0.25 * i);
        v.put("low_coverage", i == 0);
        v.put("spam_detected", 7_000_000L);
        v.put("spam_national_estimate", 7_000_000.0 / (0.3 + 0.25 * i));
      }
      rows.add(row(c, v));
    }
    return ReportTable.of(c, rows);
  }

  static ReportTable countries() {
    TableContract c = TableContract.load("countries");
    List<List<Object>> rows = new ArrayList<>();
    String[][] list = {
      {"KEN", "KE", "404", "Kenya", "Kenya (le)", "Africa"},
      {"FRA", "FR", "250", "France", "France (la)", "Europe"},
      {"DEU", "DE", "276", "Germany", "Allemagne (l')", "Europe"},
      {"CHN", "CN", "156", "China", "Chine (la)", "Asia & Pacific"},
      {"USA", "US", "840", "United States", "États-Unis d'Amérique (les)", "Americas"},
      {"RUS", "RU", "643", "Russia", "Fédération de Russie (la)", "CIS"},
      {"BRA", "BR", "076", "Brazil", "Brésil (le)", "Americas"},
      {"IND", "IN", "356", "India", "Inde (l')", "Asia & Pacific"},
      {"HTI", "HT", "332", "Haiti", "Haïti", "Americas"}
    };
    for (String[] r : list) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("alpha3", r[0]);
      v.put("alpha2", r[1]);
      v.put("numeric", r[2]);
      v.put("name_en", r[3]);
      v.put("name_fr", r[4]);
      v.put("itu_region", r[5]);
      v.put("ldc", r[0].equals("HTI"));
      v.put("lldc", false);
      v.put("sids", r[0].equals("HTI"));
      v.put(
          "development_status",
          r[0].equals("KEN") || r[0].equals("IND") ? "developing" : "developed");
      rows.add(row(c, v));
    }
    return ReportTable.of(c, rows);
  }

  /** A row in contract order, values cast to the contract's Java types, absent columns null. */
  static List<Object> row(TableContract contract, Map<String, Object> values) {
    for (String k : values.keySet()) {
      contract.column(k); // fails on a column the contract does not have
    }
    List<Object> row = new ArrayList<>();
    for (TableContract.Column col : contract.columns()) {
      Object v = values.get(col.name());
      if (v instanceof Number n) {
        switch (col.type()) {
          case INT:
            v = n.intValue();
            break;
          case LONG:
            v = n.longValue();
            break;
          case DOUBLE:
            v = n.doubleValue();
            break;
          default:
            break;
        }
      }
      if (v == null && !col.nullable()) {
        throw new IllegalArgumentException("Fixture misses required column " + col.name());
      }
      row.add(v);
    }
    return row;
  }
}
