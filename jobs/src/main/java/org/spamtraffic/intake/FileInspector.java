package org.spamtraffic.intake;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;
import org.dhatim.fastexcel.reader.SheetVisibility;
import org.spamtraffic.validate.Phrases;

/**
 * Inspects a submitted file before its rows are read: hashes it, tells its format from its first
 * bytes (a PDF renamed {@code .xlsx} is a PDF), finds the encoding and separator of a CSV or the
 * data sheet of a workbook, maps the header, and records file-level findings (empty, encrypted, zip
 * bomb, macros, hidden sheets, merged cells...). It never throws on bad input: every problem
 * becomes a {@link FileFinding}.
 */
public final class FileInspector {
  /**
   * Limits that protect the reader from hostile or accidental files, and the size above which a
   * UTF-8 CSV is read in parallel chunks.
   *
   * @param maxFileBytes largest file accepted
   * @param maxUnzippedBytes largest total a workbook may expand to (bytes actually inflated)
   * @param maxZipRatio largest compression ratio of a big workbook part, or of the whole workbook
   * @param chunkBytes a UTF-8 CSV is cut into chunks of about this size, at line ends
   * @param maxXlsBytes largest legacy XLS accepted: POI holds the whole workbook in memory, about
   *     ten times its size (a full XLS sheet, 65,536 rows of a return, is about 10 MiB)
   */
  public record Limits(
      long maxFileBytes,
      long maxUnzippedBytes,
      int maxZipRatio,
      long chunkBytes,
      long maxXlsBytes) {
    /**
     * 2 GiB files, 8 GiB unzipped, a ratio of 200 for large workbook parts, 32 MiB chunks, 64 MiB
     * XLS.
     */
    public static final Limits DEFAULT = new Limits(2L << 30, 8L << 30, 200, 32L << 20, 64L << 20);

    /** The limits with the default XLS size. */
    public Limits(long maxFileBytes, long maxUnzippedBytes, int maxZipRatio, long chunkBytes) {
      this(maxFileBytes, maxUnzippedBytes, maxZipRatio, chunkBytes, 64L << 20);
    }

    /** The same limits with another chunk size. */
    public Limits withChunkBytes(long bytes) {
      return new Limits(maxFileBytes, maxUnzippedBytes, maxZipRatio, bytes, maxXlsBytes);
    }
  }

  private static final Pattern RECEIVED_PREFIX = Pattern.compile("^(\\d{8}T\\d{6}Z)[_-].*");
  private static final int SNIFF_BYTES = 1 << 20;
  private static final int HEADER_SEARCH_ROWS = 20;
  private static final int MIN_MATCHED_HEADERS = 3;
  // The return template's own hidden sheet of dropdown lists is expected, not a forgotten sheet.
  private static final String TEMPLATE_LISTS =
      org.spamtraffic.intake.template.ReturnTemplate.LISTS_SHEET;

  private final Configuration conf;
  private final Limits limits;

  /** An inspector reading through {@code conf}'s file systems. */
  public FileInspector(Configuration conf, Limits limits) {
    this.conf = conf;
    this.limits = limits;
  }

  /**
   * Inspects the file at {@code uri}. Whatever the file holds, this returns: a failure of any kind
   * (memory included) becomes the file's finding, so that one file never stops a batch.
   */
  public ReturnFile inspect(String uri) {
    Path path = new Path(uri);
    try {
      return inspect(path);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // The limits below make these unlikely; if one still comes, it is this file's alone.
      return unread(
          uri, path.getName(), 0, ReadFailure.finding(path.getName(), FileFormat.UNKNOWN, e));
    }
  }

  private ReturnFile inspect(Path path) {
    String uri = path.toString();
    List<FileFinding> findings = new ArrayList<>();
    FileStatus status;
    FileSystem fs;
    String qualified;
    try {
      fs = LandingFolder.fileSystem(path, conf);
      qualified = fs.makeQualified(path).toString();
      // Before anything follows it: a dangling link has no status of its own.
      FileFinding special = notRegular(fs, path);
      if (special != null) {
        return unread(qualified, path.getName(), 0, special);
      }
      status = fs.getFileStatus(path);
    } catch (IOException e) {
      return unread(
          uri, path.getName(), 0, ReadFailure.finding(path.getName(), FileFormat.UNKNOWN, e));
    }
    long received = receivedAt(path.getName(), status.getModificationTime());
    byte[] head;
    String sha;
    List<long[]> chunks;
    Sniff sniff;
    try {
      sniff = hashAndHead(fs, path);
      head = sniff.head();
      sha = sniff.sha256();
      chunks = sniff.chunks();
    } catch (IOException e) {
      return unread(
          qualified,
          path.getName(),
          status.getLen(),
          ReadFailure.finding(path.getName(), FileFormat.UNKNOWN, e));
    }
    Base base = new Base(qualified, path.getName(), status.getLen(), sha, received);
    if (status.getLen() == 0) {
      findings.add(new FileFinding("file.empty", null, null));
      return base.file(FileFormat.UNKNOWN, null, ',', null, 0, null, findings);
    }
    if (status.getLen() > limits.maxFileBytes()) {
      findings.add(new FileFinding("file.too_large", null, bytes(limits.maxFileBytes())));
      return base.file(FileFormat.UNKNOWN, null, ',', null, 0, null, findings);
    }
    if (startsWith(head, "%PDF")) {
      findings.add(new FileFinding("file.not_a_table", Phrases.english("inspect.pdf"), null));
      return base.file(FileFormat.UNKNOWN, null, ',', null, 0, null, findings);
    }
    // The signature checks need their whole signature: a file of a few bytes is text, if anything.
    if (head.length >= 4 && ReadableWorkbook.isOOXMLZipHeader(head)) {
      return inspectXlsx(fs, path, base, findings);
    }
    if (head.length >= 8 && ReadableWorkbook.isOLE2Header(head)) {
      return inspectOle2(fs, path, base, findings);
    }
    if (looksBinary(head)) {
      findings.add(new FileFinding("file.not_a_table", Phrases.english("inspect.binary"), null));
      return base.file(FileFormat.UNKNOWN, null, ',', null, 0, null, findings);
    }
    ReturnFile csv = inspectCsv(head, sniff, base, findings);
    if (csv.readable() && chunks.size() > 1 && "UTF-8".equals(csv.charset())) {
      return csv.withChunks(chunks);
    }
    return csv;
  }

  /**
   * A file that could not be read at all: its one finding says why. Its bytes were not hashed, so
   * it is told apart by a hash of its place (two unreadable files are not duplicates of each other,
   * and a re-run gives it the same submission id).
   */
  private static ReturnFile unread(String uri, String name, long size, FileFinding finding) {
    String placeHash;
    try {
      placeHash =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(("unread " + uri).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return new ReturnFile(
        uri,
        name,
        FileFormat.UNKNOWN,
        size,
        placeHash,
        0,
        null,
        ',',
        null,
        0,
        null,
        List.of(finding));
  }

  /**
   * A symbolic link, a pipe or a device is refused before it is opened: a link in the landing
   * folder would read whatever it points at (another operator's file, a system file), and a pipe
   * would block the run.
   */
  private static FileFinding notRegular(FileSystem fs, Path path) {
    if (!(fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem)) {
      return null; // object stores and HDFS (symlinks disabled) hold only plain files
    }
    java.nio.file.Path local = LandingFolder.localPath(fs.makeQualified(path));
    if (Files.isSymbolicLink(local)) {
      return new FileFinding("file.not_regular", Phrases.english("inspect.symlink"), null);
    }
    if (!Files.isRegularFile(local, LinkOption.NOFOLLOW_LINKS)) {
      return new FileFinding("file.not_regular", Phrases.english("inspect.special"), null);
    }
    return null;
  }

  private record Base(String uri, String name, long size, String sha, long received) {
    ReturnFile file(
        FileFormat format,
        String charset,
        char delimiter,
        String sheet,
        int headerRow,
        HeaderMapping mapping,
        List<FileFinding> findings) {
      return new ReturnFile(
          uri,
          name,
          format,
          size,
          sha,
          received,
          charset,
          delimiter,
          sheet,
          headerRow,
          mapping,
          List.copyOf(findings));
    }
  }

  /**
   * What one read of the whole file learned.
   *
   * @param head the first {@link #SNIFF_BYTES} bytes
   * @param sha256 hex SHA-256 of the bytes
   * @param chunks byte ranges cut at line ends, {start, end, first line}
   * @param firstNonUtf8Line the line of the first byte sequence that is not UTF-8, or -1
   * @param nonUtf8Sample bytes around it (to show the operator what was read)
   */
  private record Sniff(
      byte[] head,
      String sha256,
      List<long[]> chunks,
      long firstNonUtf8Line,
      byte[] nonUtf8Sample) {}

  /**
   * Hashes the file and keeps its first bytes; on the way, notes where to cut it into chunks of
   * about {@code chunkBytes} at line ends, how many lines come before each cut (so that a big CSV
   * can be read in parallel with exact line numbers at no extra read), and where the bytes stop
   * being UTF-8 (a file whose encoding changes after the sniffed head).
   */
  private Sniff hashAndHead(FileSystem fs, Path path) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    byte[] buffer = new byte[1 << 16];
    List<long[]> cuts = new ArrayList<>(); // {offset of a line start, lines before it}
    long chunk = limits.chunkBytes();
    long position = 0;
    long lines = 0;
    long nextCut = chunk;
    boolean lookingForCut = false;
    boolean checkUtf8 = true;
    int pending = 0; // continuation bytes a UTF-8 sequence still needs
    long badLine = -1;
    byte[] sample = null;
    try (InputStream in = new DigestInputStream(fs.open(path), digest)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (head.size() < SNIFF_BYTES) {
          head.write(buffer, 0, Math.min(n, SNIFF_BYTES - head.size()));
        }
        if (position == 0) {
          // Workbooks are binary: only text is checked for its encoding.
          checkUtf8 =
              !(n >= 4 && ReadableWorkbook.isOOXMLZipHeader(buffer))
                  && !(n >= 8 && ReadableWorkbook.isOLE2Header(buffer));
        }
        for (int i = 0; i < n; i++) {
          byte b = buffer[i];
          if (b == '\n') {
            lines++;
            if (lookingForCut) {
              cuts.add(new long[] {position + i + 1, lines});
              lookingForCut = false;
              nextCut = position + i + 1 + chunk;
            }
          }
          if (!lookingForCut && position + i >= nextCut) {
            lookingForCut = true;
          }
          if (checkUtf8 && (b < 0 || pending > 0)) {
            pending = utf8Step(pending, b);
            if (pending < 0) {
              checkUtf8 = false;
              badLine = lines + 1;
              int from = Math.max(0, i - 24);
              while (from < i && (buffer[from] & 0xC0) == 0x80) {
                from++; // start the sample on a whole character
              }
              sample = java.util.Arrays.copyOfRange(buffer, from, Math.min(n, i + 24));
            }
          }
        }
        position += n;
      }
    }
    List<long[]> chunks = new ArrayList<>();
    long start = 0;
    long firstLine = 1;
    for (long[] cut : cuts) {
      if (cut[0] < position) {
        chunks.add(new long[] {start, cut[0], firstLine});
        start = cut[0];
        firstLine = cut[1] + 1;
      }
    }
    chunks.add(new long[] {start, position, firstLine});
    return new Sniff(
        head.toByteArray(), HexFormat.of().formatHex(digest.digest()), chunks, badLine, sample);
  }

  /**
   * One byte of UTF-8: how many continuation bytes are still needed after it, or -1 when the byte
   * cannot be where it is (overlong forms and surrogates are left to the decoder).
   */
  private static int utf8Step(int pending, byte b) {
    int u = b & 0xFF;
    if (pending > 0) {
      return (u & 0xC0) == 0x80 ? pending - 1 : -1;
    }
    if (u < 0x80) {
      return 0;
    }
    if (u >= 0xC2 && u <= 0xDF) {
      return 1;
    }
    if ((u & 0xF0) == 0xE0) {
      return 2;
    }
    if (u >= 0xF0 && u <= 0xF4) {
      return 3;
    }
    return -1;
  }

  // ---- CSV ----------------------------------------------------------------------------------

  private ReturnFile inspectCsv(byte[] head, Sniff sniff, Base base, List<FileFinding> findings) {
    Charset charset;
    int bom = 0;
    if (head.length >= 3
        && (head[0] & 0xFF) == 0xEF
        && (head[1] & 0xFF) == 0xBB
        && (head[2] & 0xFF) == 0xBF) {
      charset = StandardCharsets.UTF_8;
      bom = 3;
    } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
      charset = StandardCharsets.UTF_16LE;
      bom = 2;
    } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
      charset = StandardCharsets.UTF_16BE;
      bom = 2;
    } else if (head.length >= 4 && head[1] == 0 && head[3] == 0 && head[0] != 0) {
      charset = StandardCharsets.UTF_16LE;
    } else if (head.length >= 4 && head[0] == 0 && head[2] == 0 && head[1] != 0) {
      charset = StandardCharsets.UTF_16BE;
    } else if (validUtf8(head)) {
      charset = StandardCharsets.UTF_8;
    } else {
      charset = Charset.forName("windows-1252");
      findings.add(new FileFinding("file.encoding", Phrases.english("inspect.windows_1252"), null));
    }
    if (charset.equals(StandardCharsets.UTF_8) && sniff.firstNonUtf8Line() > 0) {
      // Valid UTF-8 in the head, not further on: the reader takes those bytes as Windows-1252.
      findings.add(
          new FileFinding(
              "file.mixed_encoding",
              String.format(Locale.ROOT, "%,d", sniff.firstNonUtf8Line()),
              abbreviate(sampleText(sniff.nonUtf8Sample()))));
    }
    String text = new String(head, bom, head.length - bom, charset);
    String[] lines = text.split("\r\n|\n|\r", -1);
    int headerIndex = -1;
    for (int i = 0; i < lines.length && i < HEADER_SEARCH_ROWS; i++) {
      if (!lines[i].isBlank() && !lines[i].replace("\uFEFF", "").isBlank()) {
        headerIndex = i;
        break;
      }
    }
    if (headerIndex < 0) {
      findings.add(new FileFinding("file.empty", null, null));
      return base.file(FileFormat.CSV, charset.name(), ',', null, 0, null, findings);
    }
    // Title lines above the header, as in a workbook: the first of the first lines that matches
    // the return's columns is the header; else the first non-blank line is, and is judged.
    for (int i = headerIndex; i < lines.length && i < HEADER_SEARCH_ROWS; i++) {
      if (!lines[i].isBlank() && headerMatches(lines[i])) {
        headerIndex = i;
        break;
      }
    }
    char delimiter = delimiterOf(lines[headerIndex]);
    List<String> header;
    try {
      header = CsvRows.parseLine(lines[headerIndex], delimiter);
    } catch (RuntimeException e) {
      findings.add(ReadFailure.finding(base.name(), FileFormat.CSV, e));
      return base.file(
          FileFormat.CSV, charset.name(), delimiter, null, headerIndex + 1, null, findings);
    }
    HeaderMapping mapping = HeaderMapping.of(header);
    if (mapping.matched() == 0) {
      findings.add(
          new FileFinding(
              "file.not_a_table",
              Phrases.english("inspect.no_header", abbreviate(lines[headerIndex])),
              null));
      return base.file(
          FileFormat.CSV, charset.name(), delimiter, null, headerIndex + 1, null, findings);
    }
    findings.addAll(mapping.findings());
    return base.file(
        FileFormat.CSV, charset.name(), delimiter, null, headerIndex + 1, mapping, findings);
  }

  /** The bytes around the first non-UTF-8 sequence, as the reader decodes them. */
  private static String sampleText(byte[] sample) {
    if (sample == null) {
      return "";
    }
    try (java.io.Reader r =
        TextDecoding.reader(new java.io.ByteArrayInputStream(sample), StandardCharsets.UTF_8)) {
      StringBuilder s = new StringBuilder();
      int c;
      while ((c = r.read()) >= 0) {
        s.append(c == '\n' || c == '\r' ? ' ' : (char) c);
      }
      return s.toString().strip();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean headerMatches(String line) {
    try {
      return HeaderMapping.of(CsvRows.parseLine(line, delimiterOf(line))).matched()
          >= MIN_MATCHED_HEADERS;
    } catch (RuntimeException e) {
      return false; // judged as the header below, if it is the first line
    }
  }

  /** The separator that occurs most often outside quotes in the header line. */
  static char delimiterOf(String line) {
    char[] candidates = {',', ';', '\t', '|'};
    int[] counts = new int[candidates.length];
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        for (int k = 0; k < candidates.length; k++) {
          if (c == candidates[k]) {
            counts[k]++;
          }
        }
      }
    }
    int best = 0;
    for (int k = 1; k < candidates.length; k++) {
      if (counts[k] > counts[best]) {
        best = k;
      }
    }
    return candidates[best];
  }

  private static boolean validUtf8(byte[] head) {
    // The sniffed prefix may end inside a multi-byte character: ignore the last 3 bytes' tail.
    int end = head.length;
    if (end == SNIFF_BYTES) {
      end = Math.max(0, end - 3);
      while (end > 0 && (head[end] & 0xC0) == 0x80) {
        end--;
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(head, 0, end));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  // ---- XLSX ---------------------------------------------------------------------------------

  private ReturnFile inspectXlsx(FileSystem fs, Path path, Base base, List<FileFinding> findings) {
    File local = null;
    File readable = null;
    try {
      local = LocalCopy.of(fs, path);
      WorkbookScan.Result scan = WorkbookScan.of(local, limits);
      if (!scan.isWorkbook() && !scan.refused()) {
        findings.add(
            new FileFinding("file.not_a_table", Phrases.english("inspect.zip_not_workbook"), null));
        return base.file(FileFormat.UNKNOWN, null, ',', null, 0, null, findings);
      }
      findings.addAll(scan.findings());
      if (scan.refused()) {
        return base.file(FileFormat.XLSX, null, ',', null, 0, null, findings);
      }
      readable = local;
      if (scan.isoDateCells() > 0) {
        findings.add(
            new FileFinding(
                XlsxRows.ISO_DATES, String.format(Locale.ROOT, "%,d", scan.isoDateCells()), null));
        readable = LocalCopy.withoutIsoDateCells(local);
      }
      try (ReadableWorkbook wb = XlsxRows.open(readable)) {
        List<String> hidden = new ArrayList<>();
        List<Sheet> visible = new ArrayList<>();
        wb.getSheets()
            .forEach(
                s -> {
                  if (s.getVisibility() == SheetVisibility.VISIBLE) {
                    visible.add(s);
                  } else if (!TEMPLATE_LISTS.equals(s.getName())) {
                    hidden.add(s.getName());
                  }
                });
        for (int v = 0; v < visible.size(); v++) {
          Sheet sheet = visible.get(v);
          HeaderRow found = XlsxRows.findHeader(wb, sheet, HEADER_SEARCH_ROWS, MIN_MATCHED_HEADERS);
          if (found != null) {
            if (!hidden.isEmpty()) {
              findings.add(new FileFinding("file.hidden_sheets", String.join(", ", hidden), null));
            }
            List<String> others = new ArrayList<>();
            for (Sheet other : visible.subList(v + 1, visible.size())) {
              if (XlsxRows.findHeader(wb, other, HEADER_SEARCH_ROWS, MIN_MATCHED_HEADERS) != null) {
                others.add("'" + other.getName() + "'");
              }
            }
            if (!others.isEmpty()) {
              findings.add(
                  new FileFinding(
                      "file.other_sheets", String.join(", ", others), "'" + sheet.getName() + "'"));
            }
            int merged = MergedCells.inXlsx(scan.mergedRanges(), sheet);
            if (merged > 0) {
              findings.add(
                  new FileFinding(
                      "file.merged_cells", Phrases.english("inspect.ranges", merged), null));
            }
            findings.addAll(found.mapping().findings());
            return base.file(
                FileFormat.XLSX,
                null,
                ',',
                sheet.getName(),
                found.row(),
                found.mapping(),
                findings);
          }
        }
      }
      findings.add(new FileFinding("file.no_data_sheet", null, null));
      return base.file(FileFormat.XLSX, null, ',', null, 0, null, findings);
    } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
      findings.add(ReadFailure.finding(base.name(), FileFormat.XLSX, e));
      return base.file(FileFormat.XLSX, null, ',', null, 0, null, findings);
    } finally {
      LocalCopy.release(readable); // only temporary copies are deleted, each once
      LocalCopy.release(local);
    }
  }

  // ---- OLE2: XLS, or an encrypted XLSX ------------------------------------------------------

  private ReturnFile inspectOle2(FileSystem fs, Path path, Base base, List<FileFinding> findings) {
    File local = null;
    try {
      local = LocalCopy.of(fs, path);
      try (POIFSFileSystem poifs = new POIFSFileSystem(local, true)) {
        DirectoryNode root = poifs.getRoot();
        if (root.hasEntry("EncryptedPackage")) {
          findings.add(new FileFinding("file.encrypted", null, null));
          return base.file(FileFormat.XLSX, null, ',', null, 0, null, findings);
        }
        if (!root.hasEntry("Workbook") && !root.hasEntry("Book")) {
          findings.add(
              new FileFinding(
                  "file.not_a_table", Phrases.english("inspect.office_not_workbook"), null));
          return base.file(FileFormat.UNKNOWN, null, ',', null, 0, null, findings);
        }
        if (base.size() > limits.maxXlsBytes()) {
          // POI holds an XLS whole in memory: a bigger one is not opened.
          findings.add(
              new FileFinding(
                  "file.too_large",
                  Phrases.english("inspect.xls_workbook"),
                  bytes(limits.maxXlsBytes())));
          return base.file(FileFormat.XLS, null, ',', null, 0, null, findings);
        }
        if (root.hasEntry("_VBA_PROJECT_CUR") || root.hasEntry("Macros")) {
          findings.add(new FileFinding("file.macro_enabled", Phrases.english("content.vba"), null));
        }
        boolean embedded = false;
        for (org.apache.poi.poifs.filesystem.Entry e : root) {
          embedded |= e.getName().startsWith("MBD") || e.getName().equals("ObjectPool");
        }
        if (embedded) {
          findings.add(
              new FileFinding("file.active_content", Phrases.english("content.ole"), null));
        }
        if (findings.stream().anyMatch(f -> f.level() == org.spamtraffic.schema.Rule.Level.ERROR)) {
          return base.file(FileFormat.XLS, null, ',', null, 0, null, findings);
        }
        try (HSSFWorkbook wb = new HSSFWorkbook(root, true)) {
          List<String> hidden = new ArrayList<>();
          List<Integer> visible = new ArrayList<>();
          for (int i = 0; i < wb.getNumberOfSheets(); i++) {
            if (wb.isSheetHidden(i) || wb.isSheetVeryHidden(i)) {
              if (!TEMPLATE_LISTS.equals(wb.getSheetName(i))) {
                hidden.add(wb.getSheetName(i));
              }
            } else {
              visible.add(i);
            }
          }
          for (int v = 0; v < visible.size(); v++) {
            int i = visible.get(v);
            HeaderRow found =
                XlsRows.findHeader(wb.getSheetAt(i), HEADER_SEARCH_ROWS, MIN_MATCHED_HEADERS);
            if (found != null) {
              if (!hidden.isEmpty()) {
                findings.add(
                    new FileFinding("file.hidden_sheets", String.join(", ", hidden), null));
              }
              List<String> others = new ArrayList<>();
              for (int other : visible.subList(v + 1, visible.size())) {
                if (XlsRows.findHeader(
                        wb.getSheetAt(other), HEADER_SEARCH_ROWS, MIN_MATCHED_HEADERS)
                    != null) {
                  others.add("'" + wb.getSheetName(other) + "'");
                }
              }
              if (!others.isEmpty()) {
                findings.add(
                    new FileFinding(
                        "file.other_sheets",
                        String.join(", ", others),
                        "'" + wb.getSheetName(i) + "'"));
              }
              int merged = wb.getSheetAt(i).getNumMergedRegions();
              if (merged > 0) {
                findings.add(
                    new FileFinding(
                        "file.merged_cells", Phrases.english("inspect.ranges", merged), null));
              }
              findings.addAll(found.mapping().findings());
              return base.file(
                  FileFormat.XLS,
                  null,
                  ',',
                  wb.getSheetName(i),
                  found.row(),
                  found.mapping(),
                  findings);
            }
          }
        }
      }
      findings.add(new FileFinding("file.no_data_sheet", null, null));
      return base.file(FileFormat.XLS, null, ',', null, 0, null, findings);
    } catch (EncryptedDocumentException e) {
      findings.add(new FileFinding("file.encrypted", null, null));
      return base.file(FileFormat.XLS, null, ',', null, 0, null, findings);
    } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
      findings.add(ReadFailure.finding(base.name(), FileFormat.XLS, e));
      return base.file(FileFormat.XLS, null, ',', null, 0, null, findings);
    } finally {
      LocalCopy.release(local);
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** A header row found in a workbook sheet. */
  record HeaderRow(int row, HeaderMapping mapping) {}

  static long receivedAt(String fileName, long modificationTime) {
    Matcher m = RECEIVED_PREFIX.matcher(fileName);
    if (m.matches()) {
      try {
        return java.time.LocalDateTime.parse(
                m.group(1),
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT))
            .toInstant(java.time.ZoneOffset.UTC)
            .toEpochMilli();
      } catch (java.time.format.DateTimeParseException e) {
        return modificationTime;
      }
    }
    return modificationTime;
  }

  private static boolean startsWith(byte[] head, String magic) {
    byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
    if (head.length < m.length) {
      return false;
    }
    for (int i = 0; i < m.length; i++) {
      if (head[i] != m[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean looksBinary(byte[] head) {
    int n = Math.min(head.length, 4096);
    int zeros = 0;
    int control = 0;
    for (int i = 0; i < n; i++) {
      int b = head[i] & 0xFF;
      if (b == 0) {
        zeros++;
      } else if (b < 0x09 || (b > 0x0D && b < 0x20)) {
        control++;
      }
    }
    // UTF-16 text has many zeros but no other control bytes; binary files have both.
    return control > n / 20 || (zeros > 0 && zeros < n / 4);
  }

  static String bytes(long n) {
    if (n >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
    }
    if (n >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
    }
    return String.format(Locale.ROOT, "%d KiB", Math.max(1, n >> 10));
  }

  private static String abbreviate(String s) {
    String t = s.strip();
    return t.length() > 60 ? t.substring(0, 57) + "..." : t;
  }

  /**
   * What went wrong while a file's rows were read, in words for an operator (the value of {@code
   * file.unreadable}); see {@link ReadFailure}.
   */
  public static String describe(Throwable e) {
    return ReadFailure.describe(e);
  }
}
