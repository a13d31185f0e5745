package org.spamtraffic.survey.response;

/** Where a questionnaire response came from. */
public enum SourceFormat {
  /** A CSV export of KoboToolbox, ODK Central or SurveyCTO: one row per submission. */
  CSV_EXPORT("csv_export"),
  /** An XLSX export of the same tools: the first sheet holds one row per submission. */
  XLSX_EXPORT("xlsx_export"),
  /** The offline Excel form this project generates, filled in by a country. */
  OFFLINE_FORM("offline_form"),
  /** JSON submissions from an API: KoboToolbox's {@code data.json}, ODK Central's OData. */
  JSON_EXPORT("json_export");

  private final String id;

  SourceFormat(String id) {
    this.id = id;
  }

  /** The value stored in {@code survey_responses.source_format}. */
  public String id() {
    return id;
  }
}
