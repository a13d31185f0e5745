package org.spamtraffic.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spamtraffic.schema.ReturnFormat;

/**
 * The bundled sample returns ({@code data-samples/returns/}): 15 fictional operators in 11
 * countries over the four quarters of 2025, in every file dialect the readers support, with
 * deliberate faults (bad rows, a resubmission, an identical copy, a PDF renamed .xlsx). {@code
 * data-samples/README.md} describes each. Regenerate with {@code bin/spamtraffic generate --samples
 * data-samples/returns}; the output depends only on the seed.
 */
public final class SampleSet {
  private static final String[] QUARTERS = {"2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"};

  /** When each quarter's returns arrive: a month after it ends (portal time-stamp prefix). */
  private static final String[] RECEIVED = {
    "20250415T091500Z", "20250715T101000Z", "20251015T083000Z", "20260115T094500Z"
  };

  private enum Kind {
    CSV,
    CSV_EXCEL,
    CSV_SEMICOLON,
    CSV_UTF16,
    CSV_FRENCH,
    CSV_MONTHLY,
    XLSX,
    XLS
  }

  private record Spec(Operator operator, Kind kind) {}

  private SampleSet() {}

  private static Operator op(String id, String name, String country, Object... services) {
    Map<String, Long> s = new LinkedHashMap<>();
    for (int i = 0; i < services.length; i += 2) {
      s.put((String) services[i], ((Number) services[i + 1]).longValue());
    }
    return new Operator(id, name, country, s);
  }

  static List<Spec> specs() {
    return List.of(
        new Spec(
            op(
                "KE-KILIMA",
                "Kilima Mobile",
                "KEN",
                "sms",
                31_000_000,
                "voice",
                31_000_000,
                "ip_messaging",
                9_000_000),
            Kind.CSV),
        new Spec(
            op("KE-SAVANNA", "Savanna Telecom", "KEN", "sms", 15_000_000, "voice", 15_000_000),
            Kind.CSV_EXCEL),
        new Spec(
            op("KE-TAIFA", "Taifa Networks", "KEN", "sms", 6_000_000, "voice", 6_000_000),
            Kind.CSV),
        new Spec(
            op(
                "NG-NAIJANET",
                "NaijaNet",
                "NGA",
                "sms",
                80_000_000,
                "voice",
                80_000_000,
                "ip_messaging",
                20_000_000),
            Kind.XLSX),
        new Spec(
            op("NG-DELTA", "Delta Wireless", "NGA", "sms", 60_000_000, "voice", 60_000_000),
            Kind.CSV),
        new Spec(
            op(
                "ZA-PROTEA",
                "Protea Cellular",
                "ZAF",
                "sms",
                45_000_000,
                "voice",
                45_000_000,
                "email",
                5_000_000),
            Kind.XLSX),
        new Spec(
            op(
                "BR-IPE",
                "Ipê Telecom",
                "BRA",
                "sms",
                90_000_000,
                "voice",
                90_000_000,
                "ip_messaging",
                40_000_000),
            Kind.CSV_SEMICOLON),
        new Spec(
            op("MX-MAGUEY", "Maguey Móvil", "MEX", "sms", 80_000_000, "voice", 80_000_000),
            Kind.XLS),
        new Spec(op("US-MAILRIVER", "MailRiver", "USA", "email", 120_000_000), Kind.CSV),
        new Spec(
            op("IN-GANGA", "Ganga Mobile", "IND", "sms", 400_000_000, "voice", 400_000_000),
            Kind.CSV_UTF16),
        new Spec(
            op(
                "IN-DECCAN",
                "Deccan Digital",
                "IND",
                "sms",
                250_000_000,
                "voice",
                250_000_000,
                "ip_multimedia",
                30_000_000),
            Kind.XLSX),
        new Spec(
            op(
                "FR-AZUR",
                "Azur Télécom",
                "FRA",
                "sms",
                25_000_000,
                "voice",
                25_000_000,
                "email",
                12_000_000),
            Kind.CSV_FRENCH),
        new Spec(
            op(
                "DE-RHEIN",
                "Rhein Netz",
                "DEU",
                "sms",
                40_000_000,
                "voice",
                40_000_000,
                "email",
                30_000_000),
            Kind.XLSX),
        new Spec(
            op("EG-NILE", "Nile Mobile", "EGY", "sms", 45_000_000, "voice", 45_000_000), Kind.XLS),
        new Spec(
            op("KZ-STEPPE", "Steppe Mobile", "KAZ", "sms", 14_000_000, "voice", 14_000_000),
            Kind.CSV_MONTHLY));
  }

  /** Writes the sample set under {@code root}. */
  public static int write(Path root, long seed) throws IOException {
    ReturnGenerator g = new ReturnGenerator(seed);
    int files = 0;
    for (Spec spec : specs()) {
      Operator op = spec.operator();
      Path dir = root.resolve(op.id());
      for (int q = 0; q < QUARTERS.length; q++) {
        List<List<String>> rows = new ArrayList<>();
        if (spec.kind() == Kind.CSV_MONTHLY) {
          for (int m = 1; m <= 3; m++) {
            String month = String.format(Locale.ROOT, "2025-%02d", q * 3 + m);
            List<List<String>> monthRows = g.rows(op, month, q, 6);
            if (month.equals("2025-07")) {
              monthRows = scale(monthRows, 8); // a jump the period check should flag
            }
            rows.addAll(monthRows);
          }
        } else {
          rows.addAll(g.rows(op, QUARTERS[q], q, 12));
        }
        rows = Faults.apply(op.id(), QUARTERS[q], rows);
        String base = RECEIVED[q] + "_" + op.id() + "_" + QUARTERS[q];
        write(spec.kind(), dir, base, rows);
        files++;
      }
    }
    files += specialCases(root, g);
    return files;
  }

  private static int specialCases(Path root, ReturnGenerator g) throws IOException {
    // A resubmission: NaijaNet's first Q2 file carries errors; a corrected one follows.
    Operator naija = specs().get(3).operator();
    List<List<String>> corrected = g.rows(naija, "2025-Q2", 1, 12);
    TableFiles.xlsx(
        root.resolve("NG-NAIJANET/20250802T140000Z_NG-NAIJANET_2025-Q2_corrected.xlsx"),
        "Return",
        ReturnGenerator.HEADER,
        corrected);
    // The same Q3 file sent twice (an identical copy is counted once).
    Path kilimaQ3 = root.resolve("KE-KILIMA/" + RECEIVED[2] + "_KE-KILIMA_2025-Q3.csv");
    Files.copy(
        kilimaQ3,
        root.resolve("KE-KILIMA/20251016T080000Z_KE-KILIMA_2025-Q3 (copy).csv"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    // A scanned PDF renamed .xlsx: rejected as a file, nothing else stops.
    Files.write(
        root.resolve("ZA-PROTEA/20260116T120000Z_ZA-PROTEA_2025-Q4_signed.xlsx"),
        ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII));
    return 3;
  }

  private static List<List<String>> scale(List<List<String>> rows, int factor) {
    List<List<String>> out = new ArrayList<>();
    int detected = ReturnGenerator.HEADER.indexOf("spam_detected");
    int blocked = ReturnGenerator.HEADER.indexOf("spam_blocked");
    int delivered = ReturnGenerator.HEADER.indexOf("spam_delivered");
    for (List<String> r : rows) {
      List<String> c = new ArrayList<>(r);
      for (int i : new int[] {detected, blocked, delivered}) {
        c.set(i, Long.toString(Long.parseLong(c.get(i)) * factor));
      }
      out.add(c);
    }
    return out;
  }

  private static void write(Kind kind, Path dir, String base, List<List<String>> rows)
      throws IOException {
    switch (kind) {
      case CSV:
      case CSV_MONTHLY:
        TableFiles.csv(
            dir.resolve(base + ".csv"), ReturnGenerator.HEADER, rows, TableFiles.Dialect.PLAIN);
        break;
      case CSV_EXCEL:
        TableFiles.csv(
            dir.resolve(base + ".csv"),
            ReturnGenerator.HEADER,
            rows,
            TableFiles.Dialect.EXCEL_UTF8);
        break;
      case CSV_SEMICOLON:
        TableFiles.csv(
            dir.resolve(base + ".csv"), labels("en"), rows, TableFiles.Dialect.SEMICOLON);
        break;
      case CSV_UTF16:
        TableFiles.csv(
            dir.resolve(base + ".txt"),
            ReturnGenerator.HEADER,
            rows,
            TableFiles.Dialect.UTF16_TABS);
        break;
      case CSV_FRENCH:
        TableFiles.csv(
            dir.resolve(base + ".csv"),
            labels("fr"),
            frenchNumbers(rows),
            TableFiles.Dialect.SEMICOLON);
        break;
      case XLSX:
        TableFiles.xlsx(dir.resolve(base + ".xlsx"), "Return", ReturnGenerator.HEADER, rows);
        break;
      case XLS:
        TableFiles.xls(dir.resolve(base + ".xls"), "Return", ReturnGenerator.HEADER, rows);
        break;
    }
  }

  /** Column labels in a language, as a human-made file would have them. */
  private static List<String> labels(String language) {
    List<String> out = new ArrayList<>();
    for (String c : ReturnGenerator.HEADER) {
      out.add(ReturnFormat.v1().field(c).label(language));
    }
    return out;
  }

  /** Thousands grouped with spaces, as French spreadsheets print them. */
  private static List<List<String>> frenchNumbers(List<List<String>> rows) {
    List<List<String>> out = new ArrayList<>();
    for (List<String> r : rows) {
      List<String> c = new ArrayList<>();
      for (String v : r) {
        c.add(v.matches("[0-9]{4,}") ? group(v) : v);
      }
      out.add(c);
    }
    return out;
  }

  private static String group(String digits) {
    StringBuilder s = new StringBuilder();
    int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
    s.append(digits, 0, lead);
    for (int i = lead; i < digits.length(); i += 3) {
      s.append('\u00A0').append(digits, i, i + 3);
    }
    return s.toString();
  }
}
