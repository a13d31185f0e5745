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
import org.spamtraffic.validate.Phrases;

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
                  "file.oversized_part",
                  Phrases.english("scan.parts", String.valueOf(MAX_ENTRIES)),
                  Phrases.english("scan.few_dozen")));
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
                      Phrases.english(
                          "scan.expands_ratio", name, String.valueOf(limits.maxZipRatio())),
                      null));
              return result(findings, isWorkbook, total, isoDates, merged);
            }
            if (total > limits.maxUnzippedBytes()
                || (total > 4 * RATIO_FLOOR && total > fileSize * limits.maxZipRatio())) {
              findings.add(
                  new FileFinding(
                      "file.zip_bomb",
                      Phrases.english("scan.expands_to", FileInspector.bytes(total)),
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
                        Phrases.english("scan.shared_strings", FileInspector.bytes(inflated), name),
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
                      Phrases.english("scan.elements", kept),
                      Phrases.english("scan.at_most", MAX_KEPT_ELEMENTS)));
              return result(findings, isWorkbook, total, isoDates, merged);
            }
          }
        }
        if (contentTypes != null) {
          String types = contentTypes.toString(StandardCharsets.UTF_8);
          if (types.contains("macroEnabled") || types.contains("vbaProject")) {
            macros.add(Phrases.english("content.xlsm"));
          }
        }
      }
    }
    if (maxSharedIndex >= sharedStrings && maxSharedIndex >= 0) {
      findings.add(
          new FileFinding(
              "file.damaged",
              Phrases.english(
                  "scan.shared_index",
                  String.valueOf(maxSharedIndex + 1),
                  String.valueOf(sharedStrings)),
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
      macros.add(Phrases.english("content.vba"));
    } else if (n.startsWith("xl/macrosheets/")) {
      macros.add(Phrases.english("content.macro_sheets"));
    } else if (n.startsWith("xl/activex/")) {
      active.add(Phrases.english("content.activex"));
    } else if (n.startsWith("xl/embeddings/")) {
      active.add(Phrases.english("content.ole"));
    } else if (n.startsWith("xl/externallinks/")) {
      active.add(Phrases.english("content.links"));
    }
  }

  private static FileFinding utf16(String name, byte[] b, int n) {
    boolean bom =
        n >= 2
            && ((b[0] == (byte) 0xFF && b[1] == (byte) 0xFE)
                || (b[0] == (byte) 0xFE && b[1] == (byte) 0xFF));
    boolean wide = n >= 2 && ((b[0] == '<' && b[1] == 0) || (b[0] == 0 && b[1] == '<'));
    if (bom || wide) {
      return new FileFinding("file.damaged", Phrases.english("scan.utf16", name), null);
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
   *
   * <p>Speed matters: every workbook goes through it before it is read. Text is skipped by a tight
   * search for the next {@code <}; a tag that lies whole in the buffer (all but one in 64 KiB) is
   * parsed in place, its attributes checked as bytes, with nothing allocated. Only a tag cut by the
   * buffer's end goes through the byte-by-byte states, its bytes held in {@link #tag}.
   */
  static final class XmlPart {
    private static final int TEXT = 0;
    private static final int OPEN = 1; // after '<'
    private static final int NAME = 2; // start tag name, cut by the buffer's end
    private static final int TAG = 3; // inside a start tag, cut by the buffer's end
    private static final int QUOTED = 4; // inside an attribute value, cut by the buffer's end
    private static final int END_TAG = 5; // after '</'
    private static final int BANG = 6; // after '<!'
    private static final int COMMENT = 7; // inside '<!--', until '-->'
    private static final int PI = 8; // inside '<?', until '?>'

    private static final int OTHER = 0;
    private static final int CELL = 1;
    private static final int ROW = 2;
    private static final int VALUE = 3;

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
    private long position; // bytes fed before the current buffer
    private long lastTagStart; // where the last '<' was, counted from the part's start
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
    private final byte[] tag = new byte[MAX_TAG_BYTES]; // a cut cell or row tag, after its name
    private int tagLength;
    private int attributeLength; // of the attribute being read in a cut tag
    private byte attributeFirst;
    private boolean attributeEnded;
    private int valueLength;
    private boolean sharedCell; // the open <c> is typed s: its <v> is an index
    private boolean inValue;
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
      boolean rewrite = sink != null;
      int end = off + n;
      int i = off;
      while (i < end && problem == null) {
        switch (state) {
          case TEXT -> {
            if (inValue) {
              while (i < end && b[i] != '<') {
                valueByte(b[i++]);
              }
            } else {
              while (i < end && b[i] != '<') {
                i++;
              }
            }
            if (i < end) {
              tagStarts(position + i - off);
              if (inValue) {
                closeValue();
              }
              state = OPEN;
              i++;
              if (i < end && problem == null) {
                i = open(b, i, end, rewrite); // most tags end here, in one step
              }
            }
          }
          case OPEN -> i = open(b, i, end, rewrite);
          case NAME -> {
            byte c = b[i];
            if (c == '>' || c == '/' || isSpace(c)) {
              startTag();
              beginCutTag();
              state = TAG; // the byte belongs to the tag: look at it again there
            } else {
              nameByte(c);
              i++;
            }
          }
          case TAG -> {
            byte c = b[i++];
            if (!hold(c)) {
              return;
            }
            if (c == '"' || c == '\'') {
              quote = c;
              state = QUOTED;
              valueLength = 0;
            } else if (c == '>') {
              endOfStartTag(last == '/', tag, 0, tagLength - 1);
              state = TEXT;
            } else if (isSpace(c)) {
              attributeEnded = true;
            } else {
              last = c;
              if (c == '=') {
                attributeEnded = true;
              } else {
                if (attributeEnded) {
                  attributeLength = 0;
                  attributeEnded = false;
                  attributeFirst = c;
                }
                attributeLength++;
              }
            }
          }
          case QUOTED -> {
            byte c = b[i];
            if (c == quote) {
              state = TAG;
              last = c;
              attributeEnded = true;
            } else if (rewrite
                && kind == CELL
                && valueLength == 0
                && c == 'd'
                && attributeLength == 1
                && attributeFirst == 't') {
              b[i] = 'e';
              c = 'e';
            }
            valueLength++;
            i++;
            if (!hold(c)) {
              return;
            }
          }
          case END_TAG -> {
            while (i < end && b[i] != '>') {
              i++;
            }
            if (i < end) {
              i++;
              if (--depth < 0) {
                problem = damaged(Phrases.english("scan.not_xml", part));
                return;
              }
              state = TEXT;
            }
          }
          case BANG -> {
            byte c = b[i++];
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
          }
          case COMMENT -> {
            byte c = b[i++];
            if (c == '-') {
              dashes++;
            } else {
              if (c == '>' && dashes >= 2) {
                state = TEXT;
              }
              dashes = 0;
            }
          }
          case PI -> {
            byte c = b[i++];
            if (c == '>' && question) {
              state = TEXT;
            }
            question = c == '?';
          }
          default -> throw new IllegalStateException("state " + state);
        }
      }
      position += n;
      if (problem == null && position - lastTagStart > MAX_TOKEN_BYTES) {
        problem = oversized();
      }
      if (problem == null && rewrite) {
        sink.write(b, off, n);
      }
    }

    /** After '<': a start tag read in place when it lies whole in the buffer, else byte by byte. */
    private int open(byte[] b, int i, int end, boolean rewrite) {
      byte c = b[i];
      if (c == '/') {
        int k = i + 1;
        while (k < end && b[k] != '>') {
          k++;
        }
        if (k == end) {
          state = END_TAG;
          return end;
        }
        if (--depth < 0) {
          problem = damaged(Phrases.english("scan.not_xml", part));
        }
        state = TEXT;
        return k + 1;
      }
      if (c == '!') {
        state = BANG;
        bangBytes = 0;
        return i + 1;
      }
      if (c == '?') {
        state = PI;
        question = false;
        return i + 1;
      }
      int j = i;
      while (j < end && !(b[j] == '>' || b[j] == '/' || isSpace(b[j]))) {
        j++;
      }
      nameLength = 0;
      nameOverflow = false;
      if (j == end) {
        for (int k = i; k < end; k++) {
          nameByte(b[k]);
        }
        state = NAME;
        return end;
      }
      for (int k = i; k < j; k++) {
        nameByte(b[k]);
      }
      startTag();
      int k = j;
      byte q = 0;
      byte lastByte = 0;
      while (k < end) {
        byte x = b[k];
        if (q != 0) {
          if (x == q) {
            q = 0;
          }
        } else if (x == '"' || x == '\'') {
          q = x;
        } else if (x == '>') {
          break;
        } else if (!isSpace(x)) {
          lastByte = x;
        }
        k++;
      }
      if (k == end) {
        // The tag goes on in the next buffer: byte by byte from its name's end.
        beginCutTag();
        state = TAG;
        return j;
      }
      if (rewrite && kind == CELL) {
        retypeIsoDate(b, j, k);
      }
      endOfStartTag(lastByte == '/', b, j, k);
      state = TEXT;
      return k + 1;
    }

    private void beginCutTag() {
      tagLength = 0;
      attributeLength = 0;
      attributeEnded = true;
      last = 0;
    }

    /** Keeps a byte of a cut cell or row tag, whose attributes are checked when it ends. */
    private boolean hold(byte c) {
      if (kind != CELL && kind != ROW) {
        return true;
      }
      if (tagLength == MAX_TAG_BYTES) {
        problem = damaged(Phrases.english("scan.malformed_cell", part));
        return false;
      }
      tag[tagLength++] = c;
      return true;
    }

    private void tagStarts(long at) {
      if (at - lastTagStart > MAX_TOKEN_BYTES) {
        problem = oversized();
      }
      lastTagStart = at;
    }

    private FileFinding oversized() {
      return new FileFinding(
          "file.oversized_part",
          Phrases.english("scan.token", FileInspector.bytes(MAX_TOKEN_BYTES), part),
          Phrases.english("scan.cell_limit"));
    }

    private FileFinding damaged(String what) {
      return new FileFinding("file.damaged", what, null);
    }

    /** Checks the part's end: every element closed. */
    void end() {
      if (problem == null && (depth != 0 || state != TEXT)) {
        problem = damaged(Phrases.english("scan.cut_short", part));
      }
    }

    private void nameByte(byte c) {
      if (c == ':') {
        nameLength = 0; // a namespace prefix: keep the local name
        nameOverflow = false;
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
      if (nameOverflow || nameLength == 0) {
        return;
      }
      switch (name[0]) {
        case 'c' -> kind = nameLength == 1 ? CELL : OTHER;
        case 'r' -> kind = is("row") ? ROW : OTHER;
        case 'v' -> kind = nameLength == 1 ? VALUE : OTHER;
        case 's' -> {
          if (is("si")) {
            sharedStrings++;
          } else if (is("sheet")) {
            sheets++;
          }
        }
        case 'x' -> styles += is("xf") ? 1 : 0;
        case 'n' -> styles += is("numFmt") ? 1 : 0;
        case 'm' -> mergedRanges += is("mergeCell") ? 1 : 0;
        default -> {}
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

    /** A start tag ends; its attributes are {@code a[from, to)}. */
    private void endOfStartTag(boolean empty, byte[] a, int from, int to) {
      if (!empty && ++depth > MAX_DEPTH) {
        problem =
            new FileFinding(
                "file.oversized_part",
                Phrases.english("scan.nested", String.valueOf(MAX_DEPTH), part),
                Phrases.english("scan.about_ten"));
        return;
      }
      if (kind == CELL) {
        sharedCell = false;
        attributes(a, from, to, empty);
      } else if (kind == ROW) {
        attributes(a, from, to, empty);
      } else if (kind == VALUE && sharedCell && !empty) {
        inValue = true;
        valueNumber = 0;
        valueDigits = 0;
        valueBad = false;
      }
    }

    /** Checks the attributes of a cell ({@code r}, {@code t}, {@code s}) or row ({@code r}). */
    private void attributes(byte[] a, int from, int to, boolean empty) {
      int i = from;
      while (i < to && problem == null) {
        while (i < to && isSpace(a[i])) {
          i++;
        }
        int nameStart = i;
        while (i < to && a[i] != '=' && !isSpace(a[i]) && a[i] != '/') {
          i++;
        }
        int nameEnd = i;
        while (i < to && isSpace(a[i])) {
          i++;
        }
        if (i >= to || a[i] != '=') {
          i++;
          continue;
        }
        i++;
        while (i < to && isSpace(a[i])) {
          i++;
        }
        if (i >= to || (a[i] != '"' && a[i] != '\'')) {
          problem = damaged(Phrases.english("scan.malformed_cell", part));
          return;
        }
        byte q = a[i++];
        int valueStart = i;
        while (i < to && a[i] != q) {
          i++;
        }
        if (nameEnd - nameStart == 1) {
          attribute(a[nameStart], a, valueStart, i, empty);
        }
        i++;
      }
    }

    private void attribute(byte key, byte[] a, int from, int to, boolean empty) {
      if (key == 'r') {
        if (kind == CELL ? !validReference(a, from, to) : !validRow(a, from, to)) {
          String value = new String(a, from, Math.min(to - from, 20), StandardCharsets.UTF_8);
          problem =
              new FileFinding(
                  "file.bad_cell_reference",
                  part,
                  kind == CELL ? value : Phrases.english("scan.row", value));
        }
      } else if (key == 't' && kind == CELL) {
        int n = to - from;
        byte first = n > 0 ? a[from] : 0;
        if (n == 1 && (first == 'b' || first == 'e' || first == 'n')) {
          return;
        }
        if (n == 1 && first == 's') {
          sharedCell = !empty;
        } else if (n == 1 && first == 'd') {
          isoDateCells++;
        } else if (!(equals(a, from, to, "str") || equals(a, from, to, "inlineStr"))) {
          problem =
              damaged(
                  Phrases.english(
                      "scan.cell_type",
                      part,
                      new String(a, from, Math.min(n, 20), StandardCharsets.UTF_8)));
        }
      } else if (key == 's' && kind == CELL) {
        boolean digits = to - from >= 1 && to - from <= 9;
        for (int k = from; k < to && digits; k++) {
          digits = a[k] >= '0' && a[k] <= '9';
        }
        if (!digits) {
          problem =
              damaged(
                  Phrases.english(
                      "scan.cell_style",
                      part,
                      new String(a, from, Math.min(to - from, 20), StandardCharsets.UTF_8)));
        }
      }
    }

    /** In a tag parsed in place: {@code t="d"} becomes {@code t="e"}. */
    private static void retypeIsoDate(byte[] b, int from, int to) {
      for (int k = from + 1; k + 4 < to; k++) { // from is the space after the name
        if (b[k] == 't'
            && isSpace(b[k - 1])
            && b[k + 1] == '='
            && (b[k + 2] == '"' || b[k + 2] == '\'')
            && b[k + 3] == 'd'
            && b[k + 4] == b[k + 2]) {
          b[k + 3] = 'e';
        }
      }
    }

    private static boolean equals(byte[] a, int from, int to, String s) {
      if (to - from != s.length()) {
        return false;
      }
      for (int k = 0; k < s.length(); k++) {
        if (a[from + k] != s.charAt(k)) {
          return false;
        }
      }
      return true;
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
        problem = damaged(Phrases.english("scan.shared_pointer", part));
      } else if (valueDigits > 0) {
        maxSharedIndex = Math.max(maxSharedIndex, valueNumber);
      }
    }

    private static boolean isSpace(byte c) {
      return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
  }

  /** An A1-style reference inside column XFD and row 1,048,576, as bytes {@code [from, to)}. */
  static boolean validReference(byte[] r, int from, int to) {
    int i = from;
    if (i < to && r[i] == '$') {
      i++;
    }
    int column = 0;
    int letters = 0;
    while (i < to && ((r[i] >= 'A' && r[i] <= 'Z') || (r[i] >= 'a' && r[i] <= 'z'))) {
      if (++letters > 3) {
        return false;
      }
      column = column * 26 + ((r[i] | 0x20) - 'a' + 1);
      i++;
    }
    if (letters == 0 || column > MAX_COLUMNS) {
      return false;
    }
    if (i < to && r[i] == '$') {
      i++;
    }
    return validRow(r, i, to);
  }

  /** A row number from 1 to 1,048,576, plain digits, as bytes {@code [from, to)}. */
  static boolean validRow(byte[] s, int from, int to) {
    if (to - from < 1 || to - from > 7) {
      return false;
    }
    int row = 0;
    for (int i = from; i < to; i++) {
      if (s[i] < '0' || s[i] > '9') {
        return false;
      }
      row = row * 10 + (s[i] - '0');
    }
    return row >= 1 && row <= MAX_ROWS;
  }
}
