package org.spamtraffic.intake;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Measures an XLSX before any reader opens it, and refuses what a reader must never meet.
 *
 * <p>Every part is inflated and the bytes that actually come out are counted: the sizes a zip
 * declares in its headers can lie, and fastexcel-reader and POI would trust them. The part's XML is
 * scanned as bytes on the way (one pass, no parser), for:
 *
 * <ul>
 *   <li>a document type or entity declaration (DTD): never written by Excel, the door to entity
 *       expansion and external entities, so refused outright;
 *   <li>any run of more than {@link #MAX_TOKEN_BYTES} without a {@code <} (the longest cell text,
 *       attribute or comment a reader would hold in memory; a cell holds at most 32,767
 *       characters), and nesting deeper than {@link #MAX_DEPTH};
 *   <li>cells and rows outside a spreadsheet (a reference such as {@code FXSHRXV2} makes the
 *       streaming reader allocate a row of two billion cells), unknown cell types, and shared
 *       string indexes beyond the strings the workbook holds;
 *   <li>more shared strings, styles or sheets than a return can need;
 * </ul>
 *
 * and the zip entries are checked for active content (macros, ActiveX controls, embedded OLE
 * objects, links to other workbooks). The same zip reader as fastexcel-reader's (Commons Compress)
 * is used, so the entries measured are the entries read.
 *
 * <p>ISO date cells ({@code t="d"}, written by some tools, never by Excel) are valid but unknown to
 * fastexcel-reader, which would give up on the whole sheet: {@link #withoutIsoDateCells} writes a
 * copy in which they are error-typed cells, whose text {@link XlsxRows} reads as the date.
 */
public final class WorkbookScan {
  /** A spreadsheet's last column (XFD) and row. */
  static final int MAX_COLUMNS = 16_384;

  static final int MAX_ROWS = 1_048_576;

  /** The longest stretch of XML a reader may have to hold at once. */
  static final int MAX_TOKEN_BYTES = 1 << 20;

  /** OOXML nests about ten deep; deeper is built to exhaust a recursive reader's stack. */
  static final int MAX_DEPTH = 128;

  /** A workbook has tens of parts, thousands with many sheets and drawings. */
  static final int MAX_ENTRIES = 10_000;

  /** Parts above this size (inflated) must not compress more than the limits' ratio. */
  static final long RATIO_FLOOR = 16L << 20;

  /** A part holding shared strings is kept whole in memory by the reader. */
  static final long MAX_STRINGS_PART = 512L << 20;

  /** The most elements of one kind that readers keep (shared strings, styles, sheets...). */
  static final long MAX_KEPT_ELEMENTS = 8_000_000;

  private static final String XML_DOCTYPE = "file.xml_doctype";

  /**
   * What the scan found.
   *
   * @param findings refusals (an error, first found) and active content, in the order found
   * @param isWorkbook whether the zip holds an Excel workbook ({@code xl/workbook.xml})
   * @param inflatedBytes bytes of every part, inflated
   * @param isoDateCells cells typed {@code d} (ISO 8601 dates)
   * @param mergedRanges {@code mergeCell} elements per part name (every worksheet part, and any
   *     other part that has some)
   */
  public record Result(
      List<FileFinding> findings,
      boolean isWorkbook,
      long inflatedBytes,
      long isoDateCells,
      Map<String, Integer> mergedRanges) {

    /** Whether a finding refuses the file. */
    public boolean refused() {
      return findings.stream().anyMatch(f -> f.level() == org.spamtraffic.schema.Rule.Level.ERROR);
    }
  }

  private WorkbookScan() {}

  /** Scans the XLSX at {@code file}; a zip that cannot be read at all throws an IOException. */
  public static Result of(File file, FileInspector.Limits limits) throws IOException {
    List<FileFinding> findings = new ArrayList<>();
    Set<String> macros = new LinkedHashSet<>();
    Set<String> active = new LinkedHashSet<>();
    Map<String, Integer> merged = new HashMap<>();
    long fileSize = file.length();
    long total = 0;
    long isoDates = 0;
    long sharedStrings = 0;
    long maxSharedIndex = -1;
    boolean isWorkbook = false;
    byte[] buffer = new byte[1 << 16];
    try (ZipFile zip = ZipFile.builder().setFile(file).get()) {
      Enumeration<ZipArchiveEntry> entries = zip.getEntries();
      int count = 0;
      while (entries.hasMoreElements()) {
        ZipArchiveEntry entry = entries.nextElement();
        if (++count > MAX_ENTRIES) {
          findings.add(
              new FileFinding(
                  "file.oversized_part", "more than " + MAX_ENTRIES + " parts", "a few dozen"));
          return result(findings, isWorkbook, total, isoDates, merged);
        }
        String name = entry.getName();
        isWorkbook |= name.equals("xl/workbook.xml");
        activeContent(name, macros, active);
        if (entry.isDirectory()) {
          continue;
        }
        long base = Math.min(Math.max(entry.getCompressedSize(), 1), Math.max(fileSize, 1));
        XmlPart xml = null;
        ByteArrayOutputStream contentTypes =
            name.equals("[Content_Types].xml") ? new ByteArrayOutputStream() : null;
        long inflated = 0;
        try (InputStream in = zip.getInputStream(entry)) {
          int n;
          while ((n = in.read(buffer)) > 0) {
            if (inflated == 0) {
              FileFinding encoding = utf16(name, buffer, n);
              if (encoding != null) {
                findings.add(encoding);
                return result(findings, isWorkbook, total, isoDates, merged);
              }
              if (looksLikeXml(buffer, n)) {
                xml = new XmlPart(name);
              }
            }
            inflated += n;
            total += n;
            if (contentTypes != null && contentTypes.size() < MAX_TOKEN_BYTES) {
              contentTypes.write(buffer, 0, n);
            }
            if (inflated > RATIO_FLOOR && inflated > base * limits.maxZipRatio()) {
              findings.add(
                  new FileFinding(
                      "file.zip_bomb",
                      name + " expands more than " + limits.maxZipRatio() + " times",
                      null));
              return result(findings, isWorkbook, total, isoDates, merged);
            }
            if (total > limits.maxUnzippedBytes()
                || (total > 4 * RATIO_FLOOR && total > fileSize * limits.maxZipRatio())) {
              findings.add(
                  new FileFinding(
                      "file.zip_bomb",
                      "it expands to more than " + FileInspector.bytes(total),
                      null));
              return result(findings, isWorkbook, total, isoDates, merged);
            }
            if (xml != null) {
              xml.feed(buffer, 0, n, null);
              if (xml.problem != null) {
                findings.add(xml.problem);
                return result(findings, isWorkbook, total, isoDates, merged);
              }
              if (xml.sharedStrings > 0 && inflated > MAX_STRINGS_PART) {
                findings.add(
                    new FileFinding(
                        "file.oversized_part",
                        "shared strings of more than "
                            + FileInspector.bytes(inflated)
                            + " in "
                            + name,
                        FileInspector.bytes(MAX_STRINGS_PART)));
                return result(findings, isWorkbook, total, isoDates, merged);
              }
            }
          }
        }
        if (xml != null) {
          xml.end();
          if (xml.problem != null) {
            findings.add(xml.problem);
            return result(findings, isWorkbook, total, isoDates, merged);
          }
          isoDates += xml.isoDateCells;
          sharedStrings += xml.sharedStrings;
          maxSharedIndex = Math.max(maxSharedIndex, xml.maxSharedIndex);
          if (xml.mergedRanges > 0 || name.startsWith("xl/worksheets/")) {
            merged.put(name, xml.mergedRanges);
          }
          for (long kept : new long[] {sharedStrings, xml.styles, xml.sheets}) {
            if (kept > MAX_KEPT_ELEMENTS) {
              findings.add(
                  new FileFinding(
                      "file.oversized_part",
                      String.format(Locale.ROOT, "%,d strings, styles or sheets", kept),
                      String.format(Locale.ROOT, "at most %,d", MAX_KEPT_ELEMENTS)));
              return result(findings, isWorkbook, total, isoDates, merged);
            }
          }
        }
        if (contentTypes != null) {
          String types = contentTypes.toString(StandardCharsets.UTF_8);
          if (types.contains("macroEnabled") || types.contains("vbaProject")) {
            macros.add("a macro-enabled workbook type (.xlsm)");
          }
        }
      }
    }
    if (maxSharedIndex >= sharedStrings && maxSharedIndex >= 0) {
      findings.add(
          new FileFinding(
              "file.damaged",
              "a cell refers to shared text number "
                  + (maxSharedIndex + 1)
                  + " but the workbook holds only "
                  + sharedStrings,
              null));
      return result(findings, isWorkbook, total, isoDates, merged);
    }
    if (!macros.isEmpty()) {
      findings.add(new FileFinding("file.macro_enabled", String.join(", ", macros), null));
    }
    if (!active.isEmpty()) {
      findings.add(new FileFinding("file.active_content", String.join(", ", active), null));
    }
    return result(findings, isWorkbook, total, isoDates, merged);
  }

  private static Result result(
      List<FileFinding> findings,
      boolean isWorkbook,
      long total,
      long isoDates,
      Map<String, Integer> merged) {
    return new Result(List.copyOf(findings), isWorkbook, total, isoDates, Map.copyOf(merged));
  }

  /** Active content named by the part's place in the package. */
  private static void activeContent(String name, Set<String> macros, Set<String> active) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith("vbaproject.bin") || n.endsWith("vbaprojectsignature.bin")) {
      macros.add("a VBA project");
    } else if (n.startsWith("xl/macrosheets/")) {
      macros.add("Excel 4.0 macro sheets");
    } else if (n.startsWith("xl/activex/")) {
      active.add("ActiveX controls");
    } else if (n.startsWith("xl/embeddings/")) {
      active.add("embedded objects (OLE)");
    } else if (n.startsWith("xl/externallinks/")) {
      active.add("links to other workbooks (in Excel: Data, Edit Links, Break Link)");
    }
  }

  private static FileFinding utf16(String name, byte[] b, int n) {
    boolean bom =
        n >= 2
            && ((b[0] == (byte) 0xFF && b[1] == (byte) 0xFE)
                || (b[0] == (byte) 0xFE && b[1] == (byte) 0xFF));
    boolean wide = n >= 2 && ((b[0] == '<' && b[1] == 0) || (b[0] == 0 && b[1] == '<'));
    if (bom || wide) {
      return new FileFinding(
          "file.damaged",
          "its part " + name + " is written in UTF-16, which Excel never does",
          null);
    }
    return null;
  }

  /** A part readers parse as XML starts with {@code <}, after an optional BOM and spaces. */
  private static boolean looksLikeXml(byte[] b, int n) {
    int i = 0;
    if (n >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF) {
      i = 3;
    }
    while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
      i++;
    }
    return i < n && b[i] == '<';
  }

  /**
   * Writes a copy of {@code from} in which every ISO date cell is typed as an error cell ({@code
   * t="e"}): fastexcel-reader then hands over its text (the ISO date) instead of giving up on the
   * sheet. Only called for a workbook that {@link #of} passed.
   */
  static void withoutIsoDateCells(File from, File to) throws IOException {
    byte[] buffer = new byte[1 << 16];
    try (ZipFile zip = ZipFile.builder().setFile(from).get();
        ZipArchiveOutputStream out =
            new ZipArchiveOutputStream(Files.newOutputStream(to.toPath()))) {
      Enumeration<ZipArchiveEntry> entries = zip.getEntries();
      while (entries.hasMoreElements()) {
        ZipArchiveEntry entry = entries.nextElement();
        out.putArchiveEntry(new ZipArchiveEntry(entry.getName()));
        if (!entry.isDirectory()) {
          try (InputStream in = zip.getInputStream(entry)) {
            XmlPart xml = null;
            boolean first = true;
            int n;
            while ((n = in.read(buffer)) > 0) {
              if (first && looksLikeXml(buffer, n)) {
                xml = new XmlPart(entry.getName());
              }
              first = false;
              if (xml != null) {
                xml.feed(buffer, 0, n, out);
              } else {
                out.write(buffer, 0, n);
              }
            }
          }
        }
        out.closeArchiveEntry();
      }
    }
  }

  /**
   * A byte-level scanner of one XML part: a small state machine fed the inflated bytes as they
   * come. It understands just enough XML to find tags, their attributes and the text of {@code
   * <v>}; anything it cannot vouch for is a problem, since the readers behind it are not built for
   * hostile input.
   */
  static final class XmlPart {
    private static final int TEXT = 0;
    private static final int OPEN = 1; // after '<'
    private static final int NAME = 2; // start tag name
    private static final int TAG = 3; // inside a start tag
    private static final int QUOTED = 4; // inside an attribute value
    private static final int END_TAG = 5; // after '</'
    private static final int BANG = 6; // after '<!'
    private static final int COMMENT = 7; // inside '<!--', until '-->'
    private static final int PI = 8; // inside '<?', until '?>'

    private static final int OTHER = 0;
    private static final int CELL = 1;
    private static final int ROW = 2;
    private static final int VALUE = 3;
    private static final int SHARED_STRING = 4;
    private static final int STYLE = 5;
    private static final int SHEET = 6;
    private static final int MERGE = 7;

    private static final int MAX_TAG_BYTES = 4096;

    private final String part;
    FileFinding problem;
    long isoDateCells;
    long sharedStrings;
    long maxSharedIndex = -1;
    long styles;
    long sheets;
    int mergedRanges;

    private int state = TEXT;
    private long run;
    private int depth;
    private byte quote;
    private byte last; // last non-space byte inside a tag
    private int dashes; // consecutive '-' in a comment
    private boolean question; // '?' just seen in a processing instruction
    private int bangBytes;
    private final byte[] name = new byte[16];
    private int nameLength;
    private boolean nameOverflow;
    private int kind;
    private final byte[] tag = new byte[MAX_TAG_BYTES];
    private int tagLength;
    private boolean sharedCell; // the open <c> is typed s: its <v> is an index
    private boolean inValue;
    private final byte[] attributeName = new byte[2];
    private int attributeLength;
    private boolean attributeEnded;
    private int valueLength;
    private long valueNumber;
    private int valueDigits;
    private boolean valueBad;

    XmlPart(String part) {
      this.part = part;
    }

    /**
     * Scans {@code n} bytes; when {@code sink} is given, writes them there, ISO date cells typed as
     * error cells (a change of one byte, made in place).
     */
    void feed(byte[] b, int off, int n, OutputStream sink) throws IOException {
      for (int i = off; i < off + n && problem == null; i++) {
        byte c = b[i];
        if (++run > MAX_TOKEN_BYTES) {
          problem =
              new FileFinding(
                  "file.oversized_part",
                  "a cell text, tag or comment of more than "
                      + FileInspector.bytes(MAX_TOKEN_BYTES)
                      + " in "
                      + part,
                  "a cell holds at most 32,767 characters");
          return;
        }
        switch (state) {
          case TEXT:
            if (c == '<') {
              run = 1;
              state = OPEN;
              if (inValue) {
                closeValue();
              }
            } else if (inValue) {
              valueByte(c);
            }
            break;
          case OPEN:
            if (c == '/') {
              state = END_TAG;
            } else if (c == '!') {
              state = BANG;
              bangBytes = 0;
            } else if (c == '?') {
              state = PI;
              question = false;
            } else {
              state = NAME;
              nameLength = 0;
              nameOverflow = false;
              nameByte(c);
            }
            break;
          case NAME:
            if (c == '>' || c == '/' || isSpace(c)) {
              startTag();
              tagLength = 0;
              attributeLength = 0;
              attributeEnded = true;
              state = TAG;
              last = 0;
              i--; // the byte belongs to the tag: look at it again in TAG
              run--;
            } else {
              nameByte(c);
            }
            break;
          case TAG:
            if (!hold(c)) {
              return;
            }
            if (c == '"' || c == '\'') {
              quote = c;
              state = QUOTED;
              valueLength = 0;
            } else if (c == '>') {
              endOfStartTag(last == '/');
              state = TEXT;
            } else if (isSpace(c)) {
              attributeEnded = true;
            } else {
              last = c;
              if (c != '=') {
                if (attributeEnded) {
                  attributeLength = 0;
                  attributeEnded = false;
                }
                if (attributeLength < 2) {
                  attributeName[attributeLength] = c;
                }
                attributeLength++;
              } else {
                attributeEnded = true;
              }
            }
            break;
          case QUOTED:
            if (c == quote) {
              state = TAG;
              last = c;
              attributeEnded = true;
            } else if (sink != null
                && kind == CELL
                && valueLength == 0
                && c == 'd'
                && attributeLength == 1
                && attributeName[0] == 't') {
              b[i] = 'e';
              c = 'e';
            }
            valueLength++;
            if (!hold(c)) {
              return;
            }
            break;
          case END_TAG:
            if (c == '>') {
              depth--;
              if (depth < 0) {
                problem =
                    new FileFinding(
                        "file.damaged", "its part " + part + " is not well-formed XML", null);
                return;
              }
              state = TEXT;
            }
            break;
          case BANG:
            bangBytes++;
            if (bangBytes <= 2 && c == '-') {
              if (bangBytes == 2) {
                state = COMMENT;
                dashes = 0;
              }
            } else {
              // <!DOCTYPE, <!ENTITY, <![CDATA[: none of them is ever written by Excel.
              problem = new FileFinding(XML_DOCTYPE, part, null);
              return;
            }
            break;
          case COMMENT:
            if (c == '-') {
              dashes++;
            } else {
              if (c == '>' && dashes >= 2) {
                state = TEXT;
              }
              dashes = 0;
            }
            break;
          case PI:
            if (c == '>' && question) {
              state = TEXT;
            }
            question = c == '?';
            break;
          default:
            throw new IllegalStateException("state " + state);
        }
      }
      if (sink != null) {
        sink.write(b, off, n);
      }
    }

    /** Keeps a byte of a cell or row tag, whose attributes are checked when it ends. */
    private boolean hold(byte c) {
      if (kind != CELL && kind != ROW) {
        return true;
      }
      if (tagLength == MAX_TAG_BYTES) {
        problem =
            new FileFinding("file.damaged", "a cell of its part " + part + " is malformed", null);
        return false;
      }
      tag[tagLength++] = c;
      return true;
    }

    /** Checks the part's end: every element closed. */
    void end() {
      if (problem == null && (depth != 0 || state != TEXT)) {
        problem =
            new FileFinding(
                "file.damaged", "its part " + part + " ends in the middle (it is cut short)", null);
      }
    }

    private void nameByte(byte c) {
      if (c == ':') {
        nameLength = 0; // a namespace prefix: keep the local name
        return;
      }
      if (nameLength < name.length) {
        name[nameLength++] = c;
      } else {
        nameOverflow = true;
      }
    }

    private void startTag() {
      kind = OTHER;
      if (nameOverflow) {
        return;
      }
      if (is("c")) {
        kind = CELL;
      } else if (is("row")) {
        kind = ROW;
      } else if (is("v")) {
        kind = VALUE;
      } else if (is("si")) {
        kind = SHARED_STRING;
        sharedStrings++;
      } else if (is("xf") || is("numFmt")) {
        kind = STYLE;
        styles++;
      } else if (is("sheet")) {
        kind = SHEET;
        sheets++;
      } else if (is("mergeCell")) {
        kind = MERGE;
        mergedRanges++;
      }
    }

    private boolean is(String s) {
      if (nameLength != s.length()) {
        return false;
      }
      for (int i = 0; i < nameLength; i++) {
        if (name[i] != s.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    private void endOfStartTag(boolean empty) {
      if (!empty) {
        depth++;
        if (depth > MAX_DEPTH) {
          problem =
              new FileFinding(
                  "file.oversized_part",
                  "elements nested more than " + MAX_DEPTH + " deep in " + part,
                  "about ten");
          return;
        }
      }
      if (kind == CELL) {
        checkCell(empty);
      } else if (kind == ROW) {
        String r = attribute("r");
        if (r != null && !validRow(r)) {
          problem = new FileFinding("file.bad_cell_reference", part, "row " + r);
        }
      } else if (kind == VALUE && sharedCell && !empty) {
        inValue = true;
        valueNumber = 0;
        valueDigits = 0;
        valueBad = false;
      }
    }

    private void checkCell(boolean empty) {
      String r = attribute("r");
      if (r != null && !validReference(r)) {
        problem = new FileFinding("file.bad_cell_reference", part, r);
        return;
      }
      String t = attribute("t");
      sharedCell = false;
      if (t != null) {
        switch (t) {
          case "b", "e", "n", "str", "inlineStr" -> {}
          case "s" -> sharedCell = !empty;
          case "d" -> isoDateCells++;
          default -> {
            problem =
                new FileFinding(
                    "file.damaged",
                    "a cell of its part " + part + " has the unknown type '" + abbreviate(t) + "'",
                    null);
            return;
          }
        }
      }
      String s = attribute("s");
      if (s != null && !(s.length() <= 9 && s.chars().allMatch(ch -> ch >= '0' && ch <= '9'))) {
        problem =
            new FileFinding(
                "file.damaged",
                "a cell of its part " + part + " has the style '" + abbreviate(s) + "'",
                null);
      }
    }

    private void valueByte(byte c) {
      if (c >= '0' && c <= '9') {
        if (++valueDigits <= 10) {
          valueNumber = valueNumber * 10 + (c - '0');
        } else {
          valueBad = true;
        }
      } else if (!isSpace(c)) {
        valueBad = true;
      }
    }

    private void closeValue() {
      inValue = false;
      sharedCell = false;
      if (valueBad || valueNumber > Integer.MAX_VALUE) {
        problem =
            new FileFinding(
                "file.damaged",
                "a text cell of its part " + part + " does not point at a shared text",
                null);
      } else if (valueDigits > 0) {
        maxSharedIndex = Math.max(maxSharedIndex, valueNumber);
      }
    }

    /** The value of attribute {@code key} of the held tag, or null (entities are not decoded). */
    private String attribute(String key) {
      int i = 0; // the held bytes start after the tag's name
      while (i < tagLength) {
        while (i < tagLength && isSpace(tag[i])) {
          i++;
        }
        int start = i;
        while (i < tagLength
            && tag[i] != '='
            && !isSpace(tag[i])
            && tag[i] != '>'
            && tag[i] != '/') {
          i++;
        }
        int end = i;
        while (i < tagLength && isSpace(tag[i])) {
          i++;
        }
        if (i >= tagLength || tag[i] != '=') {
          i++;
          continue;
        }
        i++;
        while (i < tagLength && isSpace(tag[i])) {
          i++;
        }
        if (i >= tagLength || (tag[i] != '"' && tag[i] != '\'')) {
          return null;
        }
        byte q = tag[i++];
        int valueStart = i;
        while (i < tagLength && tag[i] != q) {
          i++;
        }
        if (end - start == key.length()
            && new String(tag, start, end - start, StandardCharsets.US_ASCII).equals(key)) {
          return new String(tag, valueStart, i - valueStart, StandardCharsets.UTF_8);
        }
        i++;
      }
      return null;
    }

    private static boolean isSpace(byte c) {
      return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static String abbreviate(String s) {
      return s.length() > 20 ? s.substring(0, 17) + "..." : s;
    }
  }

  /** A1-style reference inside column XFD and row 1,048,576. */
  static boolean validReference(String r) {
    int i = 0;
    int n = r.length();
    if (i < n && r.charAt(i) == '$') {
      i++;
    }
    int column = 0;
    int letters = 0;
    while (i < n && Character.isLetter(r.charAt(i))) {
      char c = r.charAt(i);
      int v = c >= 'a' && c <= 'z' ? c - 'a' + 1 : c >= 'A' && c <= 'Z' ? c - 'A' + 1 : -1;
      if (v < 0 || ++letters > 3) {
        return false;
      }
      column = column * 26 + v;
      i++;
    }
    if (letters == 0 || column > MAX_COLUMNS) {
      return false;
    }
    if (i < n && r.charAt(i) == '$') {
      i++;
    }
    return validRow(r.substring(i));
  }

  /** A row number from 1 to 1,048,576, plain digits. */
  static boolean validRow(String s) {
    if (s.isEmpty() || s.length() > 7) {
      return false;
    }
    int row = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      row = row * 10 + (c - '0');
    }
    return row >= 1 && row <= MAX_ROWS;
  }
}
