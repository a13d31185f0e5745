package org.spamtraffic.schema;

/** How a return column is checked and cast. */
public enum FieldKind {
  /** Free text, optionally constrained by a pattern and a length. */
  TEXT,
  /** One code out of a closed list. */
  CODE,
  /** An ISO 3166-1 alpha-3 country code (and {@code unknown} where allowed). */
  COUNTRY,
  /** A reporting period: quarter or month. */
  PERIOD,
  /** A non-negative whole number. */
  MEASURE
}
