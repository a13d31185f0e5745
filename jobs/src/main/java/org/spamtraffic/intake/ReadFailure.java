package org.spamtraffic.intake;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spamtraffic.validate.Phrases;

/**
 * Turns whatever a reader throws into a finding an operator can act on. Readers are libraries
 * (FastCSV, fastexcel-reader, POI, the XML parser, the zip reader) whose messages are written for
 * programmers ("Block 13 not found.", "Index -1 out of bounds for length 0"); the operator reads
 * what went wrong in the terms of their file and what to do, and the technical detail goes to the
 * log ({@code --verbose}), never into a message. What it says is a phrase of the checks' catalogue
 * ({@link Phrases}), written in English into the finding and said in the reader's language when the
 * finding is shown.
 */
public final class ReadFailure {
  private static final Logger LOG = LoggerFactory.getLogger(ReadFailure.class);

  private static final Pattern LINE = Pattern.compile("line (\\d+)");
  private static final Pattern MAX_FIELDS =
      Pattern.compile("surpassed the maximum limit of (\\d+) fields");
  private static final Pattern MAX_FIELD_SIZE =
      Pattern.compile(
          "max (?:field|record) size of (\\d+) characters|maximum buffer size of (\\d+)");

  private ReadFailure() {}

  /**
   * The finding for a file that could not be inspected or opened: a specific rule where the cause
   * is known ({@code file.too_many_columns}, {@code file.damaged}...), else {@code
   * file.unreadable}.
   *
   * @param file the file's name, for the log
   * @param format what the file is, as far as known
   */
  public static FileFinding finding(String file, FileFormat format, Throwable e) {
    log(file, e);
    Throwable csv = csvCause(e);
    if (csv != null) {
      Matcher m = MAX_FIELDS.matcher(csv.getMessage());
      if (m.find() && lineOf(csv) <= 1) {
        return new FileFinding(
            "file.too_many_columns", Phrases.english("read.first_line"), thousands(m.group(1)));
      }
      return new FileFinding("file.unreadable", csvWords(csv), null);
    }
    if (e instanceof VirtualMachineError) {
      return new FileFinding("file.unreadable", memoryWords(e), null);
    }
    if (isOldExcel(e)) {
      return new FileFinding("file.not_a_table", Phrases.english("read.old_excel"), null);
    }
    if (e instanceof NoSuchFileException || e instanceof java.io.FileNotFoundException) {
      return new FileFinding("file.unreadable", Phrases.english("read.gone"), null);
    }
    if (e instanceof AccessDeniedException) {
      return new FileFinding("file.unreadable", Phrases.english("read.denied"), null);
    }
    if (isLibrary(e) || format == FileFormat.XLSX || format == FileFormat.XLS) {
      return new FileFinding("file.damaged", damagedWords(format, e), null);
    }
    if (e instanceof CharacterCodingException) {
      return new FileFinding("file.unreadable", Phrases.english("read.encoding"), null);
    }
    return new FileFinding("file.unreadable", Phrases.english("read.unexpected"), null);
  }

  /**
   * What {@code file.unreadable} says when a file fails while its rows are read (the same words in
   * {@code validate} and {@code ingest-returns}).
   */
  public static String describe(Throwable e) {
    Throwable csv = csvCause(e);
    if (csv != null) {
      return csvWords(csv);
    }
    if (e instanceof VirtualMachineError) {
      return memoryWords(e);
    }
    if (e instanceof CharacterCodingException) {
      return Phrases.english("read.encoding");
    }
    if (isLibrary(e)) {
      return Phrases.english("read.save_again", damagedWords(null, e));
    }
    if (e instanceof IOException) {
      return Phrases.english("read.storage");
    }
    return Phrases.english("read.save_again", Phrases.english("read.unexpected"));
  }

  /** Logs the technical detail for the study team ({@code --verbose}); operators never see it. */
  static void log(String file, Throwable e) {
    if (LOG.isInfoEnabled()) {
      LOG.info("{} could not be read: {}", file, technical(e));
    }
  }

  private static String technical(Throwable e) {
    StringBuilder s = new StringBuilder();
    for (Throwable t = e; t != null && s.length() < 2000; t = t.getCause()) {
      s.append(s.length() == 0 ? "" : " <- ")
          .append(t.getClass().getName())
          .append(": ")
          .append(t.getMessage());
    }
    return s.toString();
  }

  /** The CSV reader's own limit (fields per line, field size) that stopped it, or null. */
  private static Throwable csvCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof de.siegmar.fastcsv.reader.CsvParseException
          && t.getMessage() != null
          && (MAX_FIELDS.matcher(t.getMessage()).find()
              || MAX_FIELD_SIZE.matcher(t.getMessage()).find())) {
        return t;
      }
    }
    return null;
  }

  private static long lineOf(Throwable csv) {
    Matcher m = LINE.matcher(csv.getMessage());
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private static String csvWords(Throwable csv) {
    long line = lineOf(csv);
    String where =
        line > 0 ? Phrases.english("read.part.line", line) : Phrases.english("read.part.a_line");
    Matcher fields = MAX_FIELDS.matcher(csv.getMessage());
    if (fields.find()) {
      return Phrases.english("read.too_many_fields", where, Long.parseLong(fields.group(1)));
    }
    Matcher size = MAX_FIELD_SIZE.matcher(csv.getMessage());
    if (size.find()) {
      String limit = size.group(1) != null ? size.group(1) : size.group(2);
      return Phrases.english("read.open_quote_limit", where, Long.parseLong(limit));
    }
    return Phrases.english("read.open_quote", where);
  }

  private static String memoryWords(Throwable e) {
    return Phrases.english(e instanceof StackOverflowError ? "read.nested" : "read.memory");
  }

  private static String damagedWords(FileFormat format, Throwable e) {
    if (hasCause(e, "java.util.zip.ZipException")
        || hasCause(e, "org.apache.commons.compress.archivers.zip.UnsupportedZipFeatureException")
        || hasCause(e, "java.io.EOFException")) {
      return Phrases.english("read.zip_broken");
    }
    if (hasCause(e, "javax.xml.stream.XMLStreamException")
        || hasCause(e, "com.fasterxml.aalto.WFCException")) {
      return Phrases.english("read.xml_broken");
    }
    if (format == FileFormat.XLS
        || hasPackage(e, "org.apache.poi.hssf")
        || hasPackage(e, "org.apache.poi.poifs")) {
      return Phrases.english("read.xls_broken");
    }
    return Phrases.english("read.workbook_broken");
  }

  private static boolean isOldExcel(Throwable e) {
    return hasCause(e, "org.apache.poi.hssf.OldExcelFormatException");
  }

  private static boolean isLibrary(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (StackTraceElement f : t.getStackTrace()) {
        String c = f.getClassName();
        if (c.startsWith("org.apache.poi.")
            || c.startsWith("org.dhatim.fastexcel.")
            || c.startsWith("com.fasterxml.aalto.")
            || c.startsWith("org.apache.commons.compress.")
            || c.startsWith("java.util.zip.")) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hasCause(Throwable e, String className) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (Class<?> k = t.getClass(); k != null; k = k.getSuperclass()) {
        if (k.getName().equals(className)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hasPackage(Throwable e, String prefix) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getClass().getName().startsWith(prefix)) {
        return true;
      }
      StackTraceElement[] frames = t.getStackTrace();
      if (frames.length > 0 && frames[0].getClassName().startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static String thousands(String digits) {
    return String.format(Locale.ROOT, "%,d", Long.parseLong(digits));
  }
}
