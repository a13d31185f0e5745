package org.spamtraffic.evidence;

import java.io.Serializable;
import java.util.Locale;
import org.spamtraffic.schema.Countries;

/**
 * The operator whose evidence is read: the identity its return carries.
 *
 * @param id the operator id assigned for the study ({@code KE-KILIMA})
 * @param name the operator's name
 * @param country where it provides the service, ISO 3166-1 alpha-3; also the destination country of
 *     every row, since the evidence is what reached its own subscribers
 */
public record Operator(String id, String name, String country) implements Serializable {
  /** Checks the values; fails naming the bad one. */
  public Operator {
    if (id == null || !id.matches("^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$")) {
      throw new IllegalArgumentException(
          "Operator id '" + id + "' must be 2 to 40 letters, digits, dots, dashes or underscores");
    }
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("Operator name must be 1 to 200 characters");
    }
    country = country == null ? null : country.trim().toUpperCase(Locale.ROOT);
    if (country == null || !Countries.alpha3().contains(country)) {
      throw new IllegalArgumentException(
          "Operator country '" + country + "' is not an ISO 3166-1 alpha-3 code (for example KEN)");
    }
  }
}
