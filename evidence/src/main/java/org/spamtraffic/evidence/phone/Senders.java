package org.spamtraffic.evidence.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.spamtraffic.evidence.CountryCodes;

/**
 * Where an SMS sender or a caller is from, by its number: country and number range through
 * libphonenumber (Google's numbering metadata), the carrier of the range where libphonenumber's
 * carrier data has it; alphanumeric sender ids and short codes are application-to-person (A2P)
 * senders. Numbers in national form are read as numbers of the operator's country.
 */
public final class Senders implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What a sender is. */
  public enum Kind {
    /** A valid E.164 number. */
    NUMBER,
    /** An alphanumeric sender id ({@code BANK-INFO}): A2P. */
    ALPHANUMERIC,
    /** A short code (3 to 8 digits, not a valid number): A2P, national. */
    SHORT_CODE,
    /** A withheld or empty number ({@code anonymous}, {@code private}, empty). */
    WITHHELD,
    /** Digits that libphonenumber finds possible but not allocated to any range. */
    UNALLOCATED,
    /** Text that is no possible number. */
    INVALID
  }

  /**
   * The origin of one sender.
   *
   * @param kind what the sender is
   * @param country alpha-3 code, or {@code unknown}
   * @param range the number range {@code +<country code><destination code>*}, or {@code unknown}
   * @param carrier the carrier of the range, or null
   */
  public record Origin(Kind kind, String country, String range, String carrier) {
    /** Whether the sender is an application (alphanumeric id or short code). */
    public boolean a2p() {
      return kind == Kind.ALPHANUMERIC || kind == Kind.SHORT_CODE;
    }
  }

  private static final Set<String> WITHHELD =
      Set.of("anonymous", "private", "restricted", "unknown", "unavailable", "withheld", "hidden");

  /** Digits of a number kept hidden in a range, so that a range never names a subscriber. */
  private static final int HIDDEN_DIGITS = 4;

  private static final java.util.regex.Pattern PUNCTUATION =
      java.util.regex.Pattern.compile("[\\s().-]");
  private static final java.util.regex.Pattern SHORT_CODE =
      java.util.regex.Pattern.compile("[0-9]{3,8}");

  private final String operatorCountry;
  private final String region;
  private final CarrierNames carriers;

  /** Senders seen by an operator of {@code operatorCountry} (alpha-3). */
  public Senders(String operatorCountry, CarrierNames carriers) {
    this.operatorCountry = operatorCountry;
    this.region = CountryCodes.alpha2(operatorCountry);
    this.carriers = carriers;
  }

  /** The origin of {@code sender} as the log writes it. */
  public Origin of(String sender) {
    String s = sender == null ? "" : sender.trim();
    if (s.isEmpty() || WITHHELD.contains(s.toLowerCase(Locale.ROOT))) {
      return new Origin(Kind.WITHHELD, "unknown", "unknown", null);
    }
    boolean letters = s.chars().anyMatch(Character::isLetter);
    if (letters) {
      return new Origin(Kind.ALPHANUMERIC, "unknown", "unknown", null);
    }
    String digits = PUNCTUATION.matcher(s).replaceAll("");
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    PhoneNumber n = null;
    try {
      n = util.parse(digits, region);
    } catch (NumberParseException e) {
      // Not a number at all: a short code or text, told apart below.
    }
    if (n != null && util.isValidNumber(n)) {
      String country =
          Optional.ofNullable(util.getRegionCodeForNumber(n))
              .flatMap(CountryCodes::alpha3)
              .orElse("unknown");
      return new Origin(Kind.NUMBER, country, range(util, n), carriers.of(n).orElse(null));
    }
    boolean plainDigits = SHORT_CODE.matcher(digits).matches();
    if (plainDigits) {
      return new Origin(Kind.SHORT_CODE, operatorCountry, "unknown", null);
    }
    if (n != null && util.isPossibleNumber(n)) {
      return new Origin(Kind.UNALLOCATED, "unknown", "unknown", null);
    }
    return new Origin(Kind.INVALID, "unknown", "unknown", null);
  }

  /** {@code +<cc><ndc>*}, at least four digits short of the whole number. */
  private static String range(PhoneNumberUtil util, PhoneNumber n) {
    String nsn = util.getNationalSignificantNumber(n);
    int ndc = util.getLengthOfNationalDestinationCode(n);
    int keep = ndc > 0 ? ndc : Math.min(2, nsn.length());
    keep = Math.max(0, Math.min(keep, nsn.length() - HIDDEN_DIGITS));
    return "+" + n.getCountryCode() + nsn.substring(0, keep) + "*";
  }
}
