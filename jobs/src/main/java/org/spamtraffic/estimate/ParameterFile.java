package org.spamtraffic.estimate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.spamtraffic.schema.Schemas;

/**
 * Reads parameter files ({@code schemas/investment-parameters.schema.json}): the default file from
 * the classpath, and an analyst's file on top of it. An analyst's file lists only the settings and
 * parameters it changes; each one it lists must be complete (unit, low, base, high, source and the
 * reasoning from source to values, or for an assumption the sentence that justifies it) and in the
 * unit the model expects. The forecast's per-type growth rates are derived, never given. Every
 * problem of a file is reported at once, as a {@link ParameterFileException}.
 */
public final class ParameterFile {
  /** The default parameter file, relative to {@code schemas/}. */
  public static final String DEFAULT = "investment-parameters-default.json";

  static final String HORIZON = "planning_horizon_years";
  static final String DISCOUNT_RATE = "discount_rate";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TOP_LEVEL =
      Set.of("$schema", "name", "description", "price_year", "settings", "parameters");
  private static final Set<String> PARAMETER_FIELDS =
      Set.of(
          "description",
          "unit",
          "currency",
          "price_year",
          "low",
          "base",
          "high",
          "source",
          "url",
          "reasoning",
          "note");
  private static final Set<String> SETTING_FIELDS =
      Set.of("description", "unit", "value", "source", "url", "reasoning");

  /** The word a parameter's source is when no publication backs it. */
  public static final String ASSUMPTION = "assumption";

  private ParameterFile() {}

  /** The default parameters ({@code schemas/investment-parameters-default.json}). */
  public static ParameterSet defaults() {
    try (InputStream in = Schemas.open(DEFAULT)) {
      return new Reader("schemas/" + DEFAULT, null).read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read schemas/" + DEFAULT, e);
    }
  }

  /**
   * Reads an analyst's file, whose settings and parameters replace the defaults'.
   *
   * @param in the file's content (closed by the caller)
   * @param source the file's name, for messages
   * @throws ParameterFileException listing every problem of the file
   */
  public static ParameterSet read(InputStream in, String source) {
    return new Reader(source, defaults()).read(in);
  }

  /** How many parameters a file may give (the derived ones are not among them). */
  static int fileParameters() {
    int n = 0;
    for (Parameter p : Parameter.values()) {
      n += p.derived() ? 0 : 1;
    }
    return n;
  }

  /** Reads one file; {@code base} is null for the default file, which must be complete. */
  private static final class Reader {
    private final String source;
    private final ParameterSet base;
    private final List<String> problems = new ArrayList<>();

    Reader(String source, ParameterSet base) {
      this.source = source;
      this.base = base;
    }

    ParameterSet read(InputStream in) {
      JsonNode root;
      byte[] bytes;
      try {
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read parameter file " + source, e);
      }
      try {
        root = JSON.readTree(bytes);
      } catch (JsonProcessingException e) {
        throw new ParameterFileException(
            source,
            List.of(
                String.format(
                    Locale.ROOT,
                    "not valid JSON at line %d, column %d: %s",
                    e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNr(),
                    e.getOriginalMessage())));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read parameter file " + source, e);
      }
      if (root == null || !root.isObject()) {
        throw new ParameterFileException(source, List.of("must be a JSON object"));
      }
      unknownFields(root, TOP_LEVEL, "at the top level");
      String name = text(root, "name");
      if (name == null || name.isBlank()) {
        problems.add(
            "'name' is missing: give the parameter set a name (it is written into"
                + " every output row)");
      }
      Integer priceYear = integer(root, "price_year", "'price_year'");
      if (priceYear == null && !root.has("price_year")) {
        problems.add("'price_year' is missing: the price year of every USD value in the file");
      }

      int horizon = base == null ? 0 : base.horizonYears();
      double rate = base == null ? 0 : base.discountRate();
      JsonNode settings = root.path("settings");
      if (base == null && (!settings.has(HORIZON) || !settings.has(DISCOUNT_RATE))) {
        problems.add("settings must give " + HORIZON + " and " + DISCOUNT_RATE);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String what = "setting '" + e.getKey() + "'";
        JsonNode s = e.getValue();
        unknownFields(s, SETTING_FIELDS, "in " + what);
        String unit = text(s, "unit");
        Double value = number(s, "value", what);
        requireSource(s, what);
        requireReasoning(s, what);
        if (e.getKey().equals(HORIZON)) {
          checkUnit(what, unit, "years");
          if (value != null) {
            if (value != Math.rint(value) || value < 1 || value > 50) {
              problems.add(what + ": value " + value + " must be a whole number of years, 1 to 50");
            } else {
              horizon = value.intValue();
            }
          }
        } else if (e.getKey().equals(DISCOUNT_RATE)) {
          checkUnit(what, unit, "fraction per year");
          if (value != null) {
            if (value < 0 || value >= 1) {
              problems.add(what + ": value " + value + " must be a fraction from 0 to below 1");
            } else {
              rate = value;
            }
          }
        } else {
          problems.add(
              what + " is unknown: the model's settings are " + HORIZON + " and " + DISCOUNT_RATE);
        }
      }

      Map<Parameter, Range> ranges = new EnumMap<>(Parameter.class);
      Map<Parameter, String> units = new EnumMap<>(Parameter.class);
      Map<Parameter, String> sources = new EnumMap<>(Parameter.class);
      Map<Parameter, String> reasoning = new EnumMap<>(Parameter.class);
      Map<Parameter, String> urls = new EnumMap<>(Parameter.class);
      if (base != null) {
        ranges.putAll(base.ranges());
        units.putAll(base.units());
        sources.putAll(base.sources());
        reasoning.putAll(base.reasoning());
        urls.putAll(base.urls());
      }
      JsonNode parameters = root.path("parameters");
      if (!parameters.isObject()) {
        problems.add("'parameters' is missing or not an object");
      }
      List<Parameter> moneyGiven = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String what = "parameter '" + e.getKey() + "'";
        Parameter p = Parameter.byKey(e.getKey());
        if (p == null) {
          problems.add(
              what
                  + " is unknown to the model (the "
                  + fileParameters()
                  + " known names are in schemas/investment-parameters.schema.json"
                  + " and docs/investment-model.md)");
          continue;
        }
        if (p.derived()) {
          problems.add(
              what
                  + " is derived by the volume forecast from the measured trend and the prior"
                  + " spam_growth_rate: give spam_growth_rate instead");
          continue;
        }
        JsonNode n = e.getValue();
        if (!n.isObject()) {
          problems.add(what + " must be an object with unit, low, base, high and source");
          continue;
        }
        unknownFields(n, PARAMETER_FIELDS, "in " + what);
        String unit = text(n, "unit");
        if (unit == null || unit.isBlank()) {
          problems.add(
              what
                  + ": unit is missing"
                  + (base == null ? "" : " (the model expects '" + base.units().get(p) + "')"));
        } else if (base != null) {
          checkUnit(what, unit, base.units().get(p));
        }
        boolean money = unit != null && unit.contains("USD");
        if (money) {
          moneyGiven.add(p);
          String currency = text(n, "currency");
          if (!"USD".equals(currency)) {
            problems.add(
                what
                    + ": currency must be USD (got "
                    + (currency == null ? "none" : currency)
                    + ")");
          }
          Integer year = integer(n, "price_year", what + ": price_year");
          if (year == null) {
            if (!n.has("price_year")) {
              problems.add(what + ": price_year is missing");
            }
          } else if (priceYear != null && !year.equals(priceYear)) {
            problems.add(
                what
                    + ": price_year "
                    + year
                    + " differs from the file's price_year "
                    + priceYear
                    + "; convert the values to "
                    + priceYear
                    + " prices");
          }
        }
        Double low = number(n, "low", what);
        Double mid = number(n, "base", what);
        Double high = number(n, "high", what);
        String src = requireSource(n, what);
        String why = requireReasoning(n, what);
        if (low == null || mid == null || high == null) {
          continue;
        }
        if (low > mid || mid > high) {
          problems.add(
              String.format(
                  Locale.ROOT,
                  "%s: low %s, base %s, high %s are not in order (need low <= base <= high)",
                  what,
                  plain(low),
                  plain(mid),
                  plain(high)));
          continue;
        }
        double floor = p == Parameter.SPAM_GROWTH_RATE ? -1 : 0;
        if (low < floor || (p == Parameter.SPAM_GROWTH_RATE && low == -1)) {
          problems.add(
              what
                  + ": low "
                  + plain(low)
                  + (p == Parameter.SPAM_GROWTH_RATE
                      ? " must be above -1 (a decline of less than 100% a year)"
                      : " must not be negative"));
          continue;
        }
        ranges.put(p, new Range(low, mid, high));
        units.put(p, unit);
        sources.put(p, src);
        reasoning.put(p, why);
        String url = text(n, "url");
        if (url != null && !url.isBlank()) {
          urls.put(p, url);
        } else {
          urls.remove(p);
        }
      }
      if (base == null) {
        for (Parameter p : Parameter.values()) {
          if (!p.derived() && !parameters.has(p.key())) {
            problems.add("parameter '" + p.key() + "' is missing from the default file");
          }
        }
      } else if (priceYear != null && priceYear != base.priceYear()) {
        List<String> missing = new ArrayList<>();
        for (Parameter p : Parameter.values()) {
          if (base.units().get(p).contains("USD") && !moneyGiven.contains(p)) {
            missing.add(p.key());
          }
        }
        if (!missing.isEmpty()) {
          problems.add(
              "price_year "
                  + priceYear
                  + " differs from the defaults' "
                  + base.priceYear()
                  + ", so every USD parameter must be given in "
                  + priceYear
                  + " prices; missing: "
                  + String.join(", ", missing));
        }
      }
      if (!problems.isEmpty()) {
        throw new ParameterFileException(source, problems);
      }
      String fullSource = base == null ? source : base.source() + " + " + source;
      String digest = sha256(bytes);
      String fullSha256 = base == null ? digest : base.sha256() + " + " + digest;
      // Until a forecast replaces them, the per-type growth rates are the prior.
      Parameter prior = Parameter.SPAM_GROWTH_RATE;
      for (Parameter p : Parameter.values()) {
        if (p.derived()) {
          ranges.put(p, ranges.get(prior));
          units.put(p, units.get(prior));
          sources.put(p, "prior: " + prior.key() + " (no forecast applied)");
          reasoning.put(p, "No forecast applied yet: the prior growth rate, " + prior.key() + ".");
          urls.remove(p);
        }
      }
      return new ParameterSet(
          name,
          fullSource,
          fullSha256,
          priceYear,
          horizon,
          rate,
          ranges,
          units,
          sources,
          reasoning,
          urls);
    }

    private static String sha256(byte[] bytes) {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every Java platform", e);
      }
    }

    private String requireReasoning(JsonNode n, String what) {
      String why = text(n, "reasoning");
      if (why == null || why.isBlank()) {
        String src = text(n, "source");
        problems.add(
            what
                + (ASSUMPTION.equals(src)
                    ? ": reasoning is missing (say in a sentence why the assumed values are"
                        + " reasonable)"
                    : ": reasoning is missing (say how the values follow from the source)"));
      }
      return why;
    }

    private void checkUnit(String what, String unit, String expected) {
      if (unit == null || unit.isBlank()) {
        problems.add(what + ": unit is missing (the model expects '" + expected + "')");
      } else if (!unit.equals(expected)) {
        problems.add(
            what
                + ": unit '"
                + unit
                + "' is not the model's unit '"
                + expected
                + "'; convert the values to it");
      }
    }

    private String requireSource(JsonNode n, String what) {
      String src = text(n, "source");
      if (src == null || src.isBlank()) {
        problems.add(
            what
                + ": source is missing (cite where the values come from, or write"
                + " 'assumption')");
      }
      return src;
    }

    private void unknownFields(JsonNode n, Set<String> known, String where) {
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!known.contains(f)) {
          problems.add("unknown field '" + f + "' " + where);
        }
      }
    }

    private Double number(JsonNode n, String field, String what) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) {
        problems.add(what + ": " + field + " is missing");
        return null;
      }
      if (!v.isNumber()) {
        problems.add(what + ": " + field + " must be a number, got " + v);
        return null;
      }
      return v.doubleValue();
    }

    private Integer integer(JsonNode n, String field, String what) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isIntegralNumber()) {
        problems.add(what + " must be a whole number (a year), got " + v);
        return null;
      }
      return v.intValue();
    }

    private static String text(JsonNode n, String field) {
      JsonNode v = n.get(field);
      return v == null || !v.isTextual() ? null : v.asText();
    }

    private static String plain(double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
  }
}
