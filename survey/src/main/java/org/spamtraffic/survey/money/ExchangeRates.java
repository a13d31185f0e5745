package org.spamtraffic.survey.money;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.spamtraffic.schema.Schemas;
import org.spamtraffic.survey.sheet.Sheet;
import org.spamtraffic.survey.sheet.Sheets;

/**
 * Exchange rates to US dollars from {@code schemas/reference/fx-usd.csv} (units of the currency per
 * USD, with the year and the source of each rate; see {@code fx-usd.SOURCE.md}).
 */
public final class ExchangeRates {
  /** The reference file, relative to {@code schemas/}. */
  public static final String FILE = "reference/fx-usd.csv";

  /**
   * One rate.
   *
   * @param currency ISO 4217 code
   * @param unitsPerUsd units of the currency per US dollar
   * @param year the year the rate is for
   * @param source where it comes from, or {@code assumption ...}
   */
  public record Rate(String currency, double unitsPerUsd, int year, String source) {
    /** {@code amount} of this currency in US dollars. */
    public double toUsd(double amount) {
      return amount / unitsPerUsd;
    }
  }

  private final Map<String, Rate> rates;

  private ExchangeRates(Map<String, Rate> rates) {
    this.rates = rates;
  }

  /** The project's reference rates, from the classpath. */
  public static ExchangeRates reference() {
    byte[] bytes;
    try (var in = Schemas.open(FILE)) {
      bytes = in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot read schemas/" + FILE, e);
    }
    Sheet s = Sheets.csv(FILE, bytes);
    Map<String, Rate> rates = new LinkedHashMap<>();
    int currency = s.column("currency");
    int units = s.column("units_per_usd");
    int year = s.column("rate_year");
    int source = s.column("source");
    for (Sheet.Row r : s.rows()) {
      double u = Double.parseDouble(r.cell(units));
      if (!(u > 0)) {
        throw new IllegalStateException(
            "schemas/" + FILE + " row " + r.number() + ": units_per_usd must be positive");
      }
      rates.put(
          r.cell(currency).toUpperCase(Locale.ROOT),
          new Rate(r.cell(currency), u, Integer.parseInt(r.cell(year)), r.cell(source)));
    }
    return new ExchangeRates(Map.copyOf(rates));
  }

  /** The rate of {@code currency}, if the table has it. */
  public Optional<Rate> rate(String currency) {
    return currency == null
        ? Optional.empty()
        : Optional.ofNullable(rates.get(currency.trim().toUpperCase(Locale.ROOT)));
  }

  /** Every currency the table has. */
  public java.util.Set<String> currencies() {
    return rates.keySet();
  }
}
