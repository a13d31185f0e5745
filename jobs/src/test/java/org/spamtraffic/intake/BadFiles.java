package org.spamtraffic.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.spamtraffic.generate.ReturnGenerator;

/** Files that go wrong the ways operators' files do, made fresh in each test. */
final class BadFiles {
  static final String HEADER = String.join(",", ReturnGenerator.HEADER);
  static final String GOOD_ROW =
      "OP-1,Op One,KEN,2025-Q1,sms,phishing,IND,AS9829,international_gateway,KEN,1000,100000,500,"
          + "400,100,3";

  private BadFiles() {}

  static Path text(Path dir, String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  /** A workbook with a data sheet, built with POI's full model so that it can hold anything. */
  static XSSFWorkbook workbook(List<String> rows) {
    XSSFWorkbook wb = new XSSFWorkbook();
    XSSFSheet sheet = wb.createSheet("Return");
    int r = 0;
    for (String line : rows) {
      XSSFRow row = sheet.createRow(r++);
      String[] cells = line.split(",", -1);
      for (int i = 0; i < cells.length; i++) {
        if (cells[i].matches("[0-9]+") && r > 1) {
          row.createCell(i).setCellValue(Double.parseDouble(cells[i]));
        } else {
          row.createCell(i).setCellValue(cells[i]);
        }
      }
    }
    return wb;
  }

  static Path save(XSSFWorkbook wb, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      wb.write(out);
    }
    wb.close();
    return file;
  }

  static Path withFormulas(Path dir) throws IOException {
    XSSFWorkbook wb = workbook(List.of(HEADER, GOOD_ROW));
    // spam_detected = blocked + delivered, as operators compute it in Excel
    wb.getSheetAt(0).getRow(1).getCell(12).setCellFormula("N2+O2");
    wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
    return save(wb, dir.resolve("formulas.xlsx"));
  }

  static Path withMergedCells(Path dir) throws IOException {
    XSSFWorkbook wb = workbook(List.of(HEADER, GOOD_ROW, GOOD_ROW.replace("AS9829", "AS1")));
    wb.getSheetAt(0).addMergedRegion(new CellRangeAddress(1, 2, 0, 0));
    return save(wb, dir.resolve("merged.xlsx"));
  }

  static Path withHiddenSheet(Path dir) throws IOException {
    XSSFWorkbook wb = workbook(List.of(HEADER, GOOD_ROW));
    wb.createSheet("Old figures");
    wb.setSheetHidden(1, true);
    return save(wb, dir.resolve("hidden.xlsx"));
  }

  static Path passwordProtected(Path dir) throws Exception {
    Path plain =
        save(workbook(List.of(HEADER, GOOD_ROW)), dir.resolve("plain-for-encryption.xlsx"));
    Path out = dir.resolve("protected.xlsx");
    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
      Encryptor enc = info.getEncryptor();
      enc.confirmPassword("secret");
      try (OPCPackage opc = OPCPackage.open(plain.toFile());
          OutputStream os = enc.getDataStream(fs)) {
        opc.save(os);
      }
      try (OutputStream o = Files.newOutputStream(out)) {
        fs.writeFilesystem(o);
      }
    }
    Files.delete(plain);
    return out;
  }

  /** An .xlsm: the workbook plus a VBA project part. */
  static Path macroEnabled(Path dir) throws IOException {
    Path plain = save(workbook(List.of(HEADER, GOOD_ROW)), dir.resolve("plain-for-macro.xlsx"));
    Path out = dir.resolve("macro.xlsm");
    copyZipAdding(plain, out, "xl/vbaProject.bin", new byte[] {1, 2, 3, 4});
    Files.delete(plain);
    return out;
  }

  /** A workbook with a 200 MiB sheet part of zeros, which compresses about a thousand times. */
  static Path zipBomb(Path dir) throws IOException {
    Path out = dir.resolve("bomb.xlsx");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
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
    return out;
  }

  /** A workbook whose sheet declares an external entity pointing at a local file. */
  static Path externalEntity(Path dir, Path secret) throws IOException {
    Path plain = save(workbook(List.of(HEADER, GOOD_ROW)), dir.resolve("plain-for-xxe.xlsx"));
    Path out = dir.resolve("xxe.xlsx");
    String doctype = "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>";
    copyZipRewriting(
        plain,
        out,
        "xl/sharedStrings.xml",
        s -> s.replaceFirst("\\?>", "?>" + doctype).replace("Op One", "&xxe;"));
    Files.delete(plain);
    return out;
  }

  private static void copyZipAdding(Path from, Path to, String name, byte[] content)
      throws IOException {
    try (var in = new java.util.zip.ZipFile(from.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
      var entries = in.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        out.putNextEntry(new ZipEntry(e.getName()));
        in.getInputStream(e).transferTo(out);
      }
      out.putNextEntry(new ZipEntry(name));
      out.write(content);
    }
  }

  private static void copyZipRewriting(
      Path from, Path to, String name, java.util.function.UnaryOperator<String> rewrite)
      throws IOException {
    try (var in = new java.util.zip.ZipFile(from.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
      var entries = in.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        out.putNextEntry(new ZipEntry(e.getName()));
        if (e.getName().equals(name)) {
          ByteArrayOutputStream b = new ByteArrayOutputStream();
          in.getInputStream(e).transferTo(b);
          out.write(
              rewrite.apply(b.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        } else {
          in.getInputStream(e).transferTo(out);
        }
      }
    }
  }
}
