package org.spamtraffic.portal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.spamtraffic.generate.ReturnGenerator;

/** Files operators (and attackers) upload, made fresh in each test. */
final class Uploads {
  static final String HEADER = String.join(",", ReturnGenerator.HEADER);

  private Uploads() {}

  static String row(String operator, String network, String country) {
    return operator
        + ",Op,KEN,2025-Q1,sms,phishing,"
        + country
        + ","
        + network
        + ",international_gateway,KEN,1000,100000,500,400,100,3";
  }

  /**
   * A row of {@code operator} for 2025-Q1 SMS phishing from {@code network} in India, with {@code
   * detected} spam (blocked 80%) in a service of 10 million total messages.
   */
  static String row(String operator, String network, long detected) {
    return row(operator, "2025-Q1", network, detected);
  }

  /** The same in {@code period}. */
  static String row(String operator, String period, String network, long detected) {
    return operator
        + ",Op,KEN,"
        + period
        + ",sms,phishing,IND,"
        + network
        + ",international_gateway,KEN,1000000,10000000000,"
        + detected
        + ","
        + detected * 4 / 5
        + ","
        + (detected - detected * 4 / 5)
        + ",3";
  }

  /** A CSV of the return format with these data lines. */
  static byte[] csv(String... rows) {
    return (HEADER + "\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Two good rows. */
  static byte[] goodCsv(String operator) {
    return (HEADER + "\n" + row(operator, "AS1", "IND") + "\n" + row(operator, "AS2", "IND") + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** One good row and one with the source country 'XXX'. */
  static byte[] badCsv(String operator) {
    return (HEADER + "\n" + row(operator, "AS1", "IND") + "\n" + row(operator, "AS2", "XXX") + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A workbook whose sheet part is 200 MiB of zeros: it compresses about a thousand times. */
  static byte[] zipBomb() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
      zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
      zip.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 200; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  /** A workbook whose shared strings declare an external entity that points at {@code secret}. */
  static byte[] externalEntity(Path dir, Path secret, String operator) throws IOException {
    Path plain = dir.resolve("plain-" + System.nanoTime() + ".xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      var sheet = wb.createSheet("Return");
      String[] lines = {HEADER, row(operator, "AS1", "IND").replace(",Op,", ",Op One,")};
      for (int r = 0; r < lines.length; r++) {
        XSSFRow row = sheet.createRow(r);
        String[] cells = lines[r].split(",", -1);
        for (int c = 0; c < cells.length; c++) {
          row.createCell(c).setCellValue(cells[c]);
        }
      }
      try (OutputStream out = Files.newOutputStream(plain)) {
        wb.write(out);
      }
    }
    String doctype = "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipFile in = new ZipFile(plain.toFile());
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      var entries = in.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        out.putNextEntry(new ZipEntry(e.getName()));
        byte[] content = in.getInputStream(e).readAllBytes();
        if (e.getName().equals("xl/sharedStrings.xml")) {
          String s = new String(content, StandardCharsets.UTF_8);
          s = s.replaceFirst("\\?>", "?>" + doctype).replace("Op One", "&xxe;");
          content = s.getBytes(StandardCharsets.UTF_8);
        }
        out.write(content);
      }
    }
    Files.delete(plain);
    return bytes.toByteArray();
  }

  /** A workbook of these CSV lines (the first the header), as bytes. */
  static byte[] workbook(String... lines) throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      var sheet = wb.createSheet("Return");
      for (int r = 0; r < lines.length; r++) {
        XSSFRow row = sheet.createRow(r);
        String[] cells = lines[r].split(",", -1);
        for (int c = 0; c < cells.length; c++) {
          row.createCell(c).setCellValue(cells[c]);
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      return out.toByteArray();
    }
  }

  /** The same zip with an entry added (or replaced) and every other entry copied. */
  static byte[] withEntry(byte[] zip, String name, byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (java.util.zip.ZipInputStream in =
            new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip));
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().equals(name)) {
          continue;
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(in.readAllBytes());
      }
      out.putNextEntry(new ZipEntry(name));
      out.write(content);
    }
    return bytes.toByteArray();
  }

  /** A macro-enabled workbook: good rows, and a VBA project part. */
  static byte[] macroWorkbook(String operator) throws IOException {
    return withEntry(
        workbook(HEADER, row(operator, "AS1", "IND")),
        "xl/vbaProject.bin",
        new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 1, 2, 3, 4});
  }

  /** A small workbook whose one cell reference lies far beyond any sheet (FXSHRXV2). */
  static byte[] farCellReference(String operator) throws IOException {
    byte[] plain = workbook(HEADER, row(operator, "AS1", "IND"));
    byte[] sheet;
    try (java.util.zip.ZipInputStream in =
        new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(plain))) {
      ZipEntry e;
      do {
        e = in.getNextEntry();
      } while (!e.getName().equals("xl/worksheets/sheet1.xml"));
      sheet = in.readAllBytes();
    }
    String s = new String(sheet, StandardCharsets.UTF_8).replace("r=\"B2\"", "r=\"FXSHRXV2\"");
    return withEntry(plain, "xl/worksheets/sheet1.xml", s.getBytes(StandardCharsets.UTF_8));
  }
}
