package org.spamtraffic.intake;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Turns spreadsheet cells into the text an operator sees, the same way for XLSX and XLS: whole
 * numbers without a decimal part or exponent, dates as ISO dates.
 */
final class CellText {
  private CellText() {}

  /** A number cell: plain digits, no exponent, no trailing zeros. */
  static String number(BigDecimal value) {
    BigDecimal v = value.stripTrailingZeros();
    return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
  }

  /** A date cell: the ISO date (time of day dropped; returns never carry one). */
  static String date(LocalDateTime value) {
    return value.toLocalDate().toString();
  }

  /** A date cell from an Excel serial number in the 1900 or 1904 date system. */
  static String serialDate(double serial, boolean date1904) {
    LocalDate epoch = date1904 ? LocalDate.of(1904, 1, 1) : LocalDate.of(1899, 12, 30);
    return epoch.plusDays((long) Math.floor(serial)).toString();
  }
}
