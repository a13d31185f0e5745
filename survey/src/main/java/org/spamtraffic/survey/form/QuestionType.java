package org.spamtraffic.survey.form;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The question types of the XLSForm specification (xlsform.org), with every spelling pyxform
 * accepts for them ({@code int}, {@code string}, {@code get start time}, {@code q picture}, ...).
 * Selects ({@code select_one list}, {@code select all that apply from list}, {@code
 * select_one_from_file f.csv}, {@code rank list}, ...) and groups are parsed by {@link FormReader}
 * from the type text; this enum is what they become.
 */
public enum QuestionType {
  SELECT_ONE("select_one", Value.CHOICES),
  SELECT_MULTIPLE("select_multiple", Value.CHOICES),
  /** Choices put in order: the answer is every choice name, in rank order. */
  RANK("rank", Value.CHOICES),
  INTEGER("integer", Value.INTEGER),
  DECIMAL("decimal", Value.DECIMAL),
  /** A number on a slider ({@code parameters}: start, end, step). */
  RANGE("range", Value.DECIMAL),
  TEXT("text", Value.TEXT),
  DATE("date", Value.DATE),
  TIME("time", Value.TIME),
  DATETIME("datetime", Value.DATETIME),
  GEOPOINT("geopoint", Value.TEXT),
  GEOTRACE("geotrace", Value.TEXT),
  GEOSHAPE("geoshape", Value.TEXT),
  IMAGE("image", Value.TEXT),
  AUDIO("audio", Value.TEXT),
  VIDEO("video", Value.TEXT),
  FILE("file", Value.TEXT),
  BARCODE("barcode", Value.TEXT),
  /** A tick box: the answer is {@code OK} or empty. */
  ACKNOWLEDGE("acknowledge", Value.TEXT),
  /** An OpenStreetMap feature (an attached file). */
  OSM("osm", Value.TEXT),
  NOTE("note", Value.NONE),
  /** A value the form computes ({@code calculation}); exports carry it like an answer. */
  CALCULATE("calculate", Value.TEXT),
  /** A value never shown, set by {@code default} or a trigger. */
  HIDDEN("hidden", Value.TEXT),
  /**
   * An attached XML or CSV file the expressions read ({@code xml-external}, {@code csv-external}).
   */
  EXTERNAL_INSTANCE("xml-external", Value.NONE),
  /** Metadata the collecting tool fills in (start, end, today, deviceid, audit, ...): not asked. */
  METADATA("metadata", Value.NONE);

  /** What kind of value an answer is, for typing and for expressions. */
  public enum Value {
    CHOICES,
    INTEGER,
    DECIMAL,
    TEXT,
    DATE,
    TIME,
    DATETIME,
    NONE
  }

  private static final Map<String, QuestionType> SPELLINGS = new HashMap<>();

  static {
    // pyxform's question type dictionary (question_type_dictionary.py), every key: the type text
    // must be one of these exactly (after runs of spaces are collapsed), as in pyxform.
    spell(TEXT, "text", "string", "q string", "add text prompt", "phone number");
    spell(INTEGER, "integer", "int", "q int", "add integer prompt", "percentage");
    spell(
        INTEGER,
        "number of days in last month",
        "number of days in last six months",
        "number of days in last year");
    spell(DECIMAL, "decimal", "q decimal", "add decimal prompt");
    spell(RANGE, "range");
    spell(DATE, "date", "q date", "add date prompt");
    spell(TIME, "time");
    spell(
        DATETIME,
        "datetime",
        "dateTime",
        "date time",
        "q date time",
        "q dateTime",
        "add date time prompt",
        "add dateTime prompt");
    spell(GEOPOINT, "geopoint", "gps", "location", "q geopoint", "q location");
    spell(GEOPOINT, "add location prompt");
    spell(GEOTRACE, "geotrace", "q geotrace");
    spell(GEOSHAPE, "geoshape", "q geoshape");
    spell(IMAGE, "image", "photo", "q picture", "q image", "add image prompt", "add photo prompt");
    spell(AUDIO, "audio", "q audio", "add audio prompt");
    spell(VIDEO, "video", "q video", "add video prompt");
    spell(FILE, "file", "add file prompt");
    spell(BARCODE, "barcode", "q barcode", "add barcode prompt");
    spell(ACKNOWLEDGE, "acknowledge", "q acknowledge", "add acknowledge prompt", "trigger");
    spell(OSM, "osm");
    spell(NOTE, "note", "q note", "add note prompt");
    spell(CALCULATE, "calculate", "q calculate", "add calculate prompt");
    spell(HIDDEN, "hidden");
    spell(EXTERNAL_INSTANCE, "xml-external", "csv-external");
    spell(
        METADATA,
        "start",
        "end",
        "today",
        "deviceid",
        "subscriberid",
        "simserial",
        "phonenumber",
        "username",
        "email",
        "audit",
        "start-geopoint",
        "background-audio",
        "background-geopoint",
        "imei",
        "start time",
        "end time",
        "get start time",
        "get end time",
        "get today",
        "device id",
        "get device id",
        "subscriber id",
        "get subscriber id",
        "sim id",
        "get sim id",
        "get phone number",
        "uri:subscriberid",
        "uri:phonenumber",
        "uri:simserial",
        "uri:deviceid",
        "uri:username",
        "uri:email");
  }

  private static void spell(QuestionType type, String... spellings) {
    for (String s : spellings) {
      SPELLINGS.put(s, type);
    }
  }

  private final String xlsform;
  private final Value value;

  QuestionType(String xlsform, Value value) {
    this.xlsform = xlsform;
    this.value = value;
  }

  /** The canonical name in the XLSForm {@code type} column. */
  public String xlsformName() {
    return xlsform;
  }

  /** What kind of value its answer is. */
  public Value value() {
    return value;
  }

  /** Whether the answer is one or more choice names from a list. */
  public boolean isSelect() {
    return value == Value.CHOICES;
  }

  /**
   * Whether an export carries a value for it that is checked and kept as an answer: what
   * respondents give, and what the form computes ({@code calculate}, {@code hidden}); not notes,
   * metadata or attached files.
   */
  public boolean isAnswered() {
    return value != Value.NONE;
  }

  /** Whether a respondent is asked it (what the offline form shows). */
  public boolean isAsked() {
    return isAnswered() && this != CALCULATE && this != HIDDEN;
  }

  /** The type a non-select type text means, as pyxform reads it (exact, spaces collapsed). */
  static Optional<QuestionType> of(String typeText) {
    return Optional.ofNullable(SPELLINGS.get(typeText));
  }
}
