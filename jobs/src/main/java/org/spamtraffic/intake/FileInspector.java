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
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;
import org.dhatim.fastexcel.reader.SheetVisibility;

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
   * @param maxUnzippedBytes largest total a workbook may expand to
   * @param maxZipRatio largest compression ratio of a big workbook part
   * @param chunkBytes a UTF-8 CSV is cut into chunks of about this size, at line ends
   */
  public record Limits(long maxFileBytes, long maxUnzippedBytes, int maxZipRatio, long chunkBytes) {
    /** 2 GiB files, 8 GiB unzipped, a ratio of 200 for large workbook parts, 32 MiB chunks. */
    public static final Limits DEFAULT = new Limits(2L << 30, 8L << 30, 200, 32L << 20);

    /** The same limits with another chunk size. */
    public Limits withChunkBytes(long bytes) {
      return new Limits(maxFileBytes, maxUnzippedBytes, maxZipRatio, bytes);
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

  /** Inspects the file at {@code uri}. */
  public ReturnFile inspect(String uri) {
    Path path = new Path(uri);
    List<FileFinding> findings = new ArrayList<>();
    FileStatus status;
    FileSystem fs;
    try {
      fs = path.getFileSystem(conf);
      status = fs.getFileStatus(path);
    } catch (IOException e) {
      findings.add(new FileFinding("file.unreadable", e.getMessage(), null));
      return new ReturnFile(
          uri,
          path.getName(),
          FileFormat.UNKNOWN,
          0,
          "0".repeat(64),
          0,
          null,
          ',',
          null,
          0,
          null,
          findings);
    }
    String qualified = fs.makeQualified(path).toString();
    long received = receivedAt(path.getName(), status.getModificationTime());
    byte[] head;
    String sha;
    List<long[]> chunks;
    try {
      Sniff sniff = hashAndHead(fs, path);
      head = sniff.head();
      sha = sniff.sha256();
      chunks = sniff.chunks();
    } catch (IOException e) {
      findings.add(new FileFinding("file.unreadable", e.getMessage(), null));
      return new ReturnFile(
          qualified,
          path.getName(),
          FileFormat.UNKNOWN,
          status.getLen(),
          "0".repeat(64),
          received,
          null,
          ',',
          null,
          0,
          null,
          findings);
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
      findings.add(new FileFinding("file.not_a_table", "a PDF document", null));
      return base.file(FileFormat.UNKNOWN, null, ',', null, 0, null, findings);
    }
    if (ReadableWorkbook.isOOXMLZipHeader(head)) {
      return inspectXlsx(fs, path, base, findings);
    }
    if (ReadableWorkbook.isOLE2Header(head)) {
      return inspectOle2(fs, path, base, findings);
    }
    if (looksBinary(head)) {
      findings.add(new FileFinding("file.not_a_table", "a binary file", null));
      return base.file(FileFormat.UNKNOWN, null, ',', null, 0, null, findings);
    }
    ReturnFile csv = inspectCsv(head, base, findings);
    if (csv.readable() && chunks.size() > 1 && "UTF-8".equals(csv.charset())) {
      return csv.withChunks(chunks);
    }
    return csv;
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

  private record Sniff(byte[] head, String sha256, List<long[]> chunks) {}

  /**
   * Hashes the file and keeps its first bytes; on the way, notes where to cut it into chunks of
   * about {@code chunkBytes} at line ends, and how many lines come before each cut, so that a big
   * CSV can be read in parallel with exact line numbers at no extra read.
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
    try (InputStream in = new DigestInputStream(fs.open(path), digest)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (head.size() < SNIFF_BYTES) {
          head.write(buffer, 0, Math.min(n, SNIFF_BYTES - head.size()));
        }
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
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
    return new Sniff(head.toByteArray(), HexFormat.of().formatHex(digest.digest()), chunks);
  }

  // ---- CSV ----------------------------------------------------------------------------------

  private ReturnFile inspectCsv(byte[] head, Base base, List<FileFinding> findings) {
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
      findings.add(new FileFinding("file.encoding", "Windows-1252 (Western European)", null));
    }
    String text = new String(head, bom, head.length - bom, charset);
    String[] lines = text.split("\r\n|\n|\r", -1);
    int headerIndex = -1;
    for (int i = 0; i < lines.length && i < HEADER_SEARCH_ROWS; i++) {
      if (!lines[i].isBlank()) {
        headerIndex = i;
        break;
      }
    }
    if (headerIndex < 0) {
      findings.add(new FileFinding("file.empty", null, null));
      return base.file(FileFormat.CSV, charset.name(), ',', null, 0, null, findings);
    }
    char delimiter = delimiterOf(lines[headerIndex]);
    List<String> header = CsvRows.parseLine(lines[headerIndex], delimiter);
    HeaderMapping mapping = HeaderMapping.of(header);
    if (mapping.matched() == 0) {
      findings.add(
          new FileFinding(
              "file.not_a_table",
              "text without the return's header row (first line: '"
                  + abbreviate(lines[headerIndex])
                  + "')",
              null));
      return base.file(
          FileFormat.CSV, charset.name(), delimiter, null, headerIndex + 1, null, findings);
    }
    findings.addAll(mapping.findings());
    return base.file(
        FileFormat.CSV, charset.name(), delimiter, null, headerIndex + 1, mapping, findings);
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
    try {
      local = LocalCopy.of(fs, path);
      boolean isWorkbook = false;
      long unzipped = 0;
      try (ZipFile zip = new ZipFile(local)) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
          ZipEntry e = entries.nextElement();
          String name = e.getName();
          isWorkbook |= name.equals("xl/workbook.xml");
          if (name.equals("xl/vbaProject.bin")) {
            findings.add(new FileFinding("file.macro_enabled", null, null));
          }
          long size = e.getSize();
          unzipped += Math.max(size, 0);
          long compressed = Math.max(e.getCompressedSize(), 1);
          if (size > (64L << 20) && size / compressed > limits.maxZipRatio()) {
            findings.add(
                new FileFinding(
                    "file.zip_bomb",
                    name + " expands " + (size / compressed) + " times to " + bytes(size),
                    null));
            return base.file(FileFormat.XLSX, null, ',', null, 0, null, findings);
          }
        }
      }
      if (!isWorkbook) {
        findings.add(
            new FileFinding(
                "file.not_a_table", "a ZIP archive that is not an Excel workbook", null));
        return base.file(FileFormat.UNKNOWN, null, ',', null, 0, null, findings);
      }
      if (unzipped > limits.maxUnzippedBytes()) {
        findings.add(new FileFinding("file.zip_bomb", "it expands to " + bytes(unzipped), null));
        return base.file(FileFormat.XLSX, null, ',', null, 0, null, findings);
      }
      try (ReadableWorkbook wb = new ReadableWorkbook(local, XlsxRows.OPTIONS)) {
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
        for (Sheet sheet : visible) {
          HeaderRow found = XlsxRows.findHeader(wb, sheet, HEADER_SEARCH_ROWS, MIN_MATCHED_HEADERS);
          if (found != null) {
            if (!hidden.isEmpty()) {
              findings.add(new FileFinding("file.hidden_sheets", String.join(", ", hidden), null));
            }
            int merged = MergedCells.countInXlsx(local, sheet);
            if (merged > 0) {
              findings.add(new FileFinding("file.merged_cells", merged + " ranges", null));
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
    } catch (IOException | RuntimeException e) {
      findings.add(new FileFinding("file.unreadable", describe(e), null));
      return base.file(FileFormat.XLSX, null, ',', null, 0, null, findings);
    } finally {
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
                  "file.not_a_table", "an Office document that is not an Excel workbook", null));
          return base.file(FileFormat.UNKNOWN, null, ',', null, 0, null, findings);
        }
        if (root.hasEntry("_VBA_PROJECT_CUR")) {
          findings.add(new FileFinding("file.macro_enabled", null, null));
        }
        try (HSSFWorkbook wb = new HSSFWorkbook(root, true)) {
          List<String> hidden = new ArrayList<>();
          for (int i = 0; i < wb.getNumberOfSheets(); i++) {
            if ((wb.isSheetHidden(i) || wb.isSheetVeryHidden(i))
                && !TEMPLATE_LISTS.equals(wb.getSheetName(i))) {
              hidden.add(wb.getSheetName(i));
            }
          }
          for (int i = 0; i < wb.getNumberOfSheets(); i++) {
            if (wb.isSheetHidden(i) || wb.isSheetVeryHidden(i)) {
              continue;
            }
            HeaderRow found =
                XlsRows.findHeader(wb.getSheetAt(i), HEADER_SEARCH_ROWS, MIN_MATCHED_HEADERS);
            if (found != null) {
              if (!hidden.isEmpty()) {
                findings.add(
                    new FileFinding("file.hidden_sheets", String.join(", ", hidden), null));
              }
              int merged = wb.getSheetAt(i).getNumMergedRegions();
              if (merged > 0) {
                findings.add(new FileFinding("file.merged_cells", merged + " ranges", null));
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
    } catch (IOException | RuntimeException e) {
      findings.add(new FileFinding("file.unreadable", describe(e), null));
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
   * An unexpected failure in one line for an operator: its message, or its kind when it has none.
   */
  public static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
  }
}
