package org.spamtraffic.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The study's disclosure policy, the one place its thresholds live ({@code
 * schemas/disclosure-policy.json}); {@code publish}, {@code estimate} and {@code report} all take
 * it.
 *
 * <ul>
 *   <li><b>threshold rule</b>: a figure made from fewer than {@code minOperators} operators is
 *       withheld;
 *   <li><b>dominance rule</b>: a figure of which one operator has more than {@code maxShare} is
 *       withheld;
 *   <li><b>protection level</b>: from everything published (sums, ratios at their printed
 *       precision, bounds) a reader must not be able to narrow a withheld figure to less than
 *       {@code protection} times its value on either side: the smallest value consistent with what
 *       is published must be at most {@code (1 - protection) x value}, the largest at least {@code
 *       (1 + protection) x value}.
 * </ul>
 *
 * @param minOperators the smallest number of operators a published figure may come from (k)
 * @param maxShare the largest share (0..1] one operator may have of a published figure
 * @param protection the protection level, a fraction of the withheld figure's value (0..1)
 */
public record DisclosurePolicy(int minOperators, double maxShare, double protection)
    implements Serializable {
  /** The policy file on the classpath. */
  public static final String RESOURCE = "/spamtraffic/schemas/disclosure-policy.json";

  public DisclosurePolicy {
    if (minOperators < 1) {
      throw new IllegalArgumentException(
          "The minimum number of operators must be at least 1, got " + minOperators);
    }
    if (!(maxShare > 0 && maxShare <= 1)) {
      throw new IllegalArgumentException(
          "The maximum share of one operator must be in (0, 1], got " + maxShare);
    }
    if (!(protection >= 0 && protection < 1)) {
      throw new IllegalArgumentException(
          "The protection level must be in [0, 1) (a fraction of the withheld value), got "
              + protection);
    }
  }

  /** The study's policy: {@code schemas/disclosure-policy.json} (k = 3, 85%, 10%). */
  public static DisclosurePolicy standard() {
    try (InputStream in = DisclosurePolicy.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return parse(new ObjectMapper().readTree(in), RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }

  /** A policy file of the same shape as {@code schemas/disclosure-policy.json}. */
  public static DisclosurePolicy read(Path file) {
    try {
      return parse(new ObjectMapper().readTree(Files.readAllBytes(file)), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the disclosure policy " + file, e);
    }
  }

  private static DisclosurePolicy parse(JsonNode json, String source) {
    for (String field : new String[] {"min_operators", "max_share", "protection"}) {
      if (json == null || !json.path(field).isNumber()) {
        throw new IllegalArgumentException(
            "The disclosure policy " + source + " needs a number '" + field + "'");
      }
    }
    return new DisclosurePolicy(
        json.get("min_operators").asInt(),
        json.get("max_share").asDouble(),
        json.get("protection").asDouble());
  }

  /** Why a figure from {@code operators} operators, the largest with this share, is withheld. */
  public Optional<Suppression.Reason> primaryReason(int operators, double topOperatorShare) {
    if (operators < minOperators) {
      return Optional.of(Suppression.Reason.FEWER_OPERATORS);
    }
    if (topOperatorShare > maxShare) {
      return Optional.of(Suppression.Reason.DOMINANCE);
    }
    return Optional.empty();
  }

  /**
   * Whether a withheld figure of {@code value} is protected when a reader can only tell that it
   * lies in {@code [low, high]}. A relative tolerance of 1e-9 absorbs the solver's rounding.
   */
  public boolean protects(double value, double low, double high) {
    double margin = protection * Math.abs(value);
    double tolerance = 1e-9 * Math.max(1, Math.abs(value));
    return low <= value - margin + tolerance && high >= value + margin - tolerance;
  }
}
