package org.spamtraffic.survey.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spamtraffic.survey.form.FormWorkbook;
import org.spamtraffic.survey.sheet.Sheet;
import org.spamtraffic.survey.sheet.Sheets;

/** Hand-written workbooks for tests: each sheet given as CSV text. */
public final class Workbooks {
  private Workbooks() {}

  /** Sheets from CSV texts, in the order given (name, csv, name, csv, ...). */
  public static List<Sheet> sheets(String... nameAndCsv) {
    List<Sheet> out = new ArrayList<>();
    for (int i = 0; i < nameAndCsv.length; i += 2) {
      Sheet s = Sheets.csv(nameAndCsv[i], nameAndCsv[i + 1].getBytes(StandardCharsets.UTF_8));
      out.add(new Sheet(nameAndCsv[i], s.header(), s.rows()));
    }
    return out;
  }

  /** An XLSX workbook from CSV texts. */
  public static byte[] xlsx(String... nameAndCsv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FormWorkbook.write(sheets(nameAndCsv), out);
    return out.toByteArray();
  }

  /** Lines joined with newlines. */
  public static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  /** A map from alternating keys and values. */
  public static Map<String, String> map(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Bytes of a text in UTF-8. */
  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
