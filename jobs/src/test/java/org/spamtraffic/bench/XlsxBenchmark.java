package org.spamtraffic.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.spark.sql.SparkSession;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.spamtraffic.generate.BulkReturns;
import org.spamtraffic.intake.FileInspector;
import org.spamtraffic.intake.IngestReturns;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;

/**
 * Benchmark (not a test): ingest-returns on a generated XLSX of ROWS rows (default 1,000,000) in a
 * JVM capped at 512 MiB ({@code bin/benchmark xlsx} sets -Xmx512m), against fastexcel-reader alone
 * reading every cell of the same file in the same run.
 */
public final class XlsxBenchmark {
  private XlsxBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    Path dir = Paths.get(args.length > 1 ? args[1] : "/tmp/spamtraffic-bench");
    Path landing = dir.resolve("xlsx-" + rows);
    Path xlsx = landing.resolve("big-return.xlsx");
    if (!Files.exists(xlsx)) {
      Path csv = dir.resolve("xlsx-source-" + rows + ".csv");
      Timer.time("generate " + rows + " rows", () -> BulkReturns.singleCsv(csv, rows, 0.001, 42));
      Timer.time("write XLSX", () -> toXlsx(csv, xlsx));
    }
    System.out.printf(
        Locale.ROOT,
        "xlsx benchmark: %,d rows, %,d bytes, heap %d MiB%n",
        rows,
        Files.size(xlsx),
        Runtime.getRuntime().maxMemory() >> 20);
    double fast = Timer.time("fastexcel-reader: every cell as text", () -> readAll(xlsx));
    SparkSession spark = SparkSessions.create("benchmark-xlsx", "local[*]", Map.of(), false);
    try {
      Timer.time("spark warm-up", () -> spark.range(1000).count());
      double ingest =
          Timer.time(
              "ingest-returns on the XLSX",
              () ->
                  new IngestReturns(
                          spark,
                          Warehouse.at(spark, dir.resolve("wh-x" + System.nanoTime()).toString()))
                      .run(
                          new IngestReturns.Options(
                              landing.toString(), FileInspector.Limits.DEFAULT, 5.0))
                      .summary());
      System.out.printf(
          Locale.ROOT, "%n| rows | heap | fastexcel-reader | ingest-returns | ratio |%n");
      System.out.printf(
          Locale.ROOT,
          "| %,d | %d MiB | %.1f s | %.1f s | %.2f |%n",
          rows,
          Runtime.getRuntime().maxMemory() >> 20,
          fast,
          ingest,
          ingest / fast);
    } finally {
      spark.stop();
    }
  }

  static long readAll(Path xlsx) throws Exception {
    long chars = 0;
    try (ReadableWorkbook wb = new ReadableWorkbook(xlsx.toFile())) {
      try (var rows = wb.getFirstSheet().openStream()) {
        for (var it = rows.iterator(); it.hasNext(); ) {
          for (Cell c : it.next()) {
            if (c != null && c.getRawValue() != null) {
              chars += c.getRawValue().length();
            }
          }
        }
      }
    }
    return chars;
  }

  static long toXlsx(Path csv, Path xlsx) throws Exception {
    Files.createDirectories(xlsx.getParent());
    long n = 0;
    try (SXSSFWorkbook wb = new SXSSFWorkbook(200);
        CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
      wb.setCompressTempFiles(true);
      Sheet sheet = wb.createSheet("Return");
      for (CsvRecord r : reader) {
        Row row = sheet.createRow((int) n++);
        for (int i = 0; i < r.getFieldCount(); i++) {
          String v = r.getField(i);
          if (n > 1 && v.matches("[0-9]{1,15}")) {
            row.createCell(i).setCellValue(Double.parseDouble(v));
          } else {
            row.createCell(i).setCellValue(v);
          }
        }
      }
      try (OutputStream out = Files.newOutputStream(xlsx)) {
        wb.write(out);
      }
      wb.dispose();
    }
    return n;
  }
}
