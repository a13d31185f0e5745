package org.spamtraffic.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spamtraffic.schema.ReturnFormat;

/**
 * The bundled sample returns ({@code data-samples/returns/}): one synthetic round of the study, 50
 * fictional operators in 16 countries of the six ITU-D regions over six quarters (2024-Q3 to
 * 2025-Q4), in every file dialect the readers support, with deliberate faults ({@link Faults}: bad
 * rows, a resubmission, an identical copy, a PDF renamed .xlsx, a period jump). Fourteen countries
 * have three or more operators of comparable size, so their figures pass disclosure control;
 * Senegal (one operator) and Côte d'Ivoire (two) show what is withheld. {@code
 * data-samples/README.md} describes each operator and fault. Regenerate with {@code bin/spamtraffic
 * generate --samples data-samples/returns}; the output depends only on the seed.
 */
public final class SampleSet {
  /** The quarters of the round: six, so that growth on the year shows for the last two. */
  public static final List<String> QUARTERS =
      List.of("2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4");

  /** When each quarter's returns arrive: a month after it ends (portal time-stamp prefix). */
  private static final List<String> RECEIVED =
      List.of(
          "20241015T090000Z",
          "20250115T093000Z",
          "20250415T091500Z",
          "20250715T101000Z",
          "20251015T083000Z",
          "20260115T094500Z");

  /** How a return file is written: the shapes operators' files come in. */
  public enum Kind {
    CSV,
    CSV_EXCEL,
    CSV_SEMICOLON,
    CSV_UTF16,
    CSV_FRENCH,
    CSV_SPANISH,
    CSV_MONTHLY,
    XLSX,
    XLS
  }

  /** An operator of the set and the kind of file it sends. */
  public record Spec(Operator operator, Kind kind) {}

  /**
   * One return file of the set: its path under the samples folder, how it is written, and its rows
   * (faults included).
   */
  public record SampleFile(String path, Kind kind, List<List<String>> rows) {}

  private SampleSet() {}

  /**
   * The countries of the round: each one's main international senders (most first), then its SMS
   * spam level, voice spam level and grey-route weight against the typical (assumptions: Brazil and
   * the United States get many spam calls, India much SMS spam, grey routes weigh most in Africa).
   * Senegal's and Côte d'Ivoire's own networks are nobody else's source, so that what is withheld
   * for them is withheld in pairs.
   */
  private static final String MARKETS =
      """
      KEN | CHN IND NGA USA UGA RUS | 1.2 | 0.8 | 1.5
      NGA | CHN USA GHA IND GBR RUS | 1.4 | 1.0 | 1.6
      ZAF | CHN NGA USA IND ZWE GBR | 1.0 | 1.1 | 1.0
      GHA | NGA CHN USA IND GBR TGO | 1.2 | 0.8 | 1.5
      SEN | FRA NGA CHN GHA USA MAR | 1.0 | 0.7 | 1.4
      CIV | FRA NGA CHN GHA USA MAR | 1.1 | 0.8 | 1.4
      BRA | USA CHN ARG COL IND RUS | 1.1 | 1.8 | 0.8
      MEX | USA CHN COL BRA IND ESP | 1.0 | 1.2 | 0.9
      USA | CHN IND RUS VNM BRA NGA | 0.9 | 1.5 | 0.5
      EGY | SAU ARE CHN IND PAK RUS | 1.1 | 0.9 | 1.2
      SAU | EGY PAK IND ARE BGD CHN | 1.0 | 0.8 | 0.8
      IND | CHN PAK BGD ARE USA VNM | 1.8 | 1.3 | 1.0
      IDN | CHN MYS VNM PHL IND USA | 1.5 | 1.1 | 1.2
      KAZ | RUS CHN UZB KGZ UKR TUR | 0.9 | 0.8 | 1.0
      FRA | MAR CHN GBR DEU RUS ESP | 0.8 | 1.0 | 0.6
      DEU | NLD POL RUS CHN TUR UKR | 0.6 | 0.7 | 0.5
      """;

  /**
   * The operators: id, name, country, the kind of file it sends, and its services with their size
   * in 2024-Q3 in millions (subscribers; mailboxes for email), chosen against the markets the
   * sample questionnaire gives (mobile subscriptions, mailboxes, internet users): most countries
   * are covered at 60 to 90% by the end, Indonesia under half (its national estimate is flagged),
   * Kazakhstan's operators count more SIMs than the market has. No operator has much more than half
   * of its country's service.
   */
  private static final String OPERATORS =
      """
      KE-KILIMA    | Kilima Mobile            | KEN | CSV           | sms 26, voice 26, ip_messaging 9
      KE-SAVANNA   | Savanna Telecom          | KEN | CSV_EXCEL     | sms 18, voice 18, ip_messaging 6
      KE-TAIFA     | Taifa Networks           | KEN | CSV           | sms 11, voice 11, ip_messaging 4
      NG-NAIJANET  | NaijaNet                 | NGA | XLSX          | sms 72, voice 72, ip_messaging 30
      NG-DELTA     | Delta Wireless           | NGA | CSV           | sms 55, voice 55
      NG-SAHEL     | Sahel Connect            | NGA | CSV           | sms 40, voice 40, ip_messaging 25
      NG-LAGOON    | Lagoon Telecom           | NGA | XLSX          | sms 22, voice 22, ip_messaging 15
      ZA-PROTEA    | Protea Cellular          | ZAF | XLSX          | sms 40, voice 40, email 20
      ZA-FYNBOS    | Fynbos Mobile            | ZAF | CSV_EXCEL     | sms 31, voice 31, email 15
      ZA-KAROO     | Karoo Networks           | ZAF | CSV           | sms 18, voice 18, email 10
      GH-VOLTA     | Volta Mobile             | GHA | CSV           | sms 14, voice 14
      GH-ASANTE    | Asante Telecom           | GHA | XLS           | sms 11, voice 11
      GH-COAST     | Gold Coast Cellular      | GHA | CSV           | sms 7, voice 7
      SN-TERANGA   | Teranga Télécom          | SEN | CSV_FRENCH    | sms 9, voice 9
      CI-LAGUNE    | Lagune Mobile            | CIV | CSV_FRENCH    | sms 20, voice 20
      CI-BAOBAB    | Baobab Télécom           | CIV | XLSX          | sms 14, voice 14
      BR-IPE       | Ipê Telecom              | BRA | CSV_SEMICOLON | sms 80, voice 80, ip_messaging 60, ip_multimedia 40
      BR-JATOBA    | Jatobá Celular           | BRA | CSV_SEMICOLON | sms 70, voice 70, ip_messaging 50, ip_multimedia 35
      BR-ARAUCARIA | Araucária Telecom        | BRA | XLSX          | sms 52, voice 52, ip_messaging 40, ip_multimedia 25
      MX-MAGUEY    | Maguey Móvil             | MEX | XLS           | sms 52, voice 52
      MX-NOPAL     | Nopal Telecomunicaciones | MEX | CSV_SPANISH   | sms 40, voice 40
      MX-CENOTE    | Cenote Móvil             | MEX | CSV           | sms 22, voice 22
      US-MAILRIVER | MailRiver                | USA | CSV           | email 120
      US-POSTWAVE  | PostWave Mail            | USA | CSV           | email 90
      US-HARBOR    | Harbor Mail              | USA | CSV_EXCEL     | email 50
      US-PRAIRIE   | Prairie Wireless         | USA | XLSX          | sms 140, voice 140, ip_multimedia 90
      US-SUMMIT    | Summit Mobile            | USA | CSV           | sms 110, voice 110, ip_multimedia 70
      US-BAYSIDE   | Bayside Cellular         | USA | CSV           | sms 75, voice 75, ip_multimedia 50
      EG-NILE      | Nile Mobile              | EGY | XLS           | sms 40, voice 40
      EG-SINAI     | Sinai Telecom            | EGY | CSV           | sms 30, voice 30
      EG-LOTUS     | Lotus Mobile             | EGY | XLSX          | sms 18, voice 18
      SA-NAJD      | Najd Mobile              | SAU | CSV           | sms 20, voice 20, ip_messaging 14
      SA-HIJAZ     | Hijaz Telecom            | SAU | XLSX          | sms 14, voice 14, ip_messaging 10
      SA-ASIR      | Asir Networks            | SAU | CSV           | sms 8, voice 8, ip_messaging 6
      IN-GANGA     | Ganga Mobile             | IND | CSV_UTF16     | sms 400, voice 400
      IN-DECCAN    | Deccan Digital           | IND | XLSX          | sms 250, voice 250, ip_multimedia 200
      IN-MALABAR   | Malabar Telecom          | IND | CSV           | sms 300, voice 300, ip_multimedia 250
      IN-KAVERI    | Kaveri Mobile            | IND | CSV_UTF16     | sms 150, voice 150, ip_multimedia 120
      ID-MERAPI    | Merapi Seluler           | IDN | CSV           | sms 70, voice 70, ip_messaging 40
      ID-TOBA      | Toba Telekom             | IDN | CSV           | sms 50, voice 50, ip_messaging 30
      ID-KOMODO    | Komodo Mobile            | IDN | XLSX          | sms 30, voice 30, ip_messaging 20
      KZ-STEPPE    | Steppe Mobile            | KAZ | CSV_MONTHLY   | sms 11, voice 11
      KZ-ALTAI     | Altai Telecom            | KAZ | CSV           | sms 10, voice 10
      KZ-CASPIAN   | Caspian Mobile           | KAZ | XLSX          | sms 7, voice 7
      FR-AZUR      | Azur Télécom             | FRA | CSV_FRENCH    | sms 22, voice 22, email 20
      FR-MISTRAL   | Mistral Mobile           | FRA | CSV_FRENCH    | sms 27, voice 27, email 25
      FR-BOCAGE    | Bocage Télécom           | FRA | XLSX          | sms 18, voice 18, email 15
      DE-RHEIN     | Rhein Netz               | DEU | XLSX          | sms 36, voice 36, email 30
      DE-ELBE      | Elbe Funk                | DEU | CSV           | sms 30, voice 30, email 25
      DE-HARZ      | Harz Mobil               | DEU | CSV_EXCEL     | sms 22, voice 22, email 20
      """;

  /** The countries of the round, in order. */
  public static List<Market> markets() {
    List<Market> out = new ArrayList<>();
    for (String line : MARKETS.strip().split("\n")) {
      String[] c = cells(line, 5);
      out.add(
          new Market(
              c[0],
              List.of(c[1].split(" ")),
              Double.parseDouble(c[2]),
              Double.parseDouble(c[3]),
              Double.parseDouble(c[4])));
    }
    return out;
  }

  /** The operators and the files they send, in order. */
  public static List<Spec> specs() {
    List<Spec> out = new ArrayList<>();
    for (String line : OPERATORS.strip().split("\n")) {
      String[] c = cells(line, 5);
      Map<String, Long> services = new LinkedHashMap<>();
      for (String service : c[4].split(", ")) {
        String[] typeAndSize = service.split(" ");
        services.put(typeAndSize[0], Long.parseLong(typeAndSize[1]) * 1_000_000L);
      }
      out.add(new Spec(new Operator(c[0], c[1], c[2], services), Kind.valueOf(c[3])));
    }
    return out;
  }

  private static String[] cells(String line, int expected) {
    String[] c = line.split("\\|");
    if (c.length != expected) {
      throw new IllegalStateException("Expected " + expected + " cells in '" + line + "'");
    }
    for (int i = 0; i < c.length; i++) {
      c[i] = c[i].strip();
    }
    return c;
  }

  /** The operators of the set, in order. */
  public static List<Operator> operators() {
    return specs().stream().map(Spec::operator).toList();
  }

  /**
   * Every return file of the set with its rows, in the order they are generated: one per operator
   * and quarter, and the corrected resubmission. The identical copy and the PDF that {@link #write}
   * adds are not tables and are not listed.
   */
  public static List<SampleFile> files(long seed) {
    RoundReturns round = new RoundReturns(operators(), markets(), seed);
    List<SampleFile> out = new ArrayList<>();
    for (Spec spec : specs()) {
      Operator op = spec.operator();
      for (int q = 0; q < QUARTERS.size(); q++) {
        String quarter = QUARTERS.get(q);
        List<List<String>> rows = new ArrayList<>();
        if (spec.kind() == Kind.CSV_MONTHLY) {
          int year = Integer.parseInt(quarter.substring(0, 4));
          int first = (quarter.charAt(6) - '1') * 3 + 1;
          for (int m = first; m < first + 3; m++) {
            String month = String.format(Locale.ROOT, "%d-%02d", year, m);
            List<List<String>> monthRows = round.rows(op, month, q, 1);
            if (month.equals(Faults.PERIOD_JUMP.period())) {
              monthRows = scale(monthRows, 8); // a jump the period check should flag
            }
            rows.addAll(monthRows);
          }
        } else {
          rows.addAll(round.rows(op, quarter, q, 3));
        }
        rows = Faults.apply(op.id(), quarter, rows);
        out.add(
            new SampleFile(path(op, RECEIVED.get(q), quarter, "", spec.kind()), spec.kind(), rows));
      }
    }
    // A resubmission: NaijaNet's first 2025-Q2 file carries errors; a corrected one follows.
    Spec naija =
        specs().stream()
            .filter(s -> s.operator().id().equals("NG-NAIJANET"))
            .findFirst()
            .orElseThrow();
    int q2 = QUARTERS.indexOf("2025-Q2");
    out.add(
        new SampleFile(
            path(naija.operator(), "20250802T140000Z", "2025-Q2", "_corrected", naija.kind()),
            naija.kind(),
            round.rows(naija.operator(), "2025-Q2", q2, 3)));
    return out;
  }

  /** Writes the sample set under {@code root} and returns how many files it wrote. */
  public static int write(Path root, long seed) throws IOException {
    int files = 0;
    for (SampleFile f : files(seed)) {
      write(f.kind(), root.resolve(f.path()), f.rows());
      files++;
    }
    // The same 2025-Q3 file sent twice (an identical copy is counted once).
    Path kilimaQ3 = root.resolve(copied());
    Files.copy(
        kilimaQ3,
        root.resolve("KE-KILIMA/20251016T080000Z_KE-KILIMA_2025-Q3 (copy).csv"),
        StandardCopyOption.REPLACE_EXISTING);
    // A scanned PDF renamed .xlsx: rejected as a file, nothing else stops.
    Files.write(
        root.resolve("ZA-PROTEA/20260116T120000Z_ZA-PROTEA_2025-Q4_signed.xlsx"),
        ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII));
    return files + 2;
  }

  /** The file the identical copy is a copy of. */
  private static String copied() {
    return "KE-KILIMA/"
        + RECEIVED.get(QUARTERS.indexOf(Faults.COPY.period()))
        + "_KE-KILIMA_"
        + Faults.COPY.period()
        + ".csv";
  }

  private static String path(
      Operator op, String received, String period, String suffix, Kind kind) {
    String extension =
        switch (kind) {
          case XLSX -> ".xlsx";
          case XLS -> ".xls";
          case CSV_UTF16 -> ".txt";
          default -> ".csv";
        };
    return op.id() + "/" + received + "_" + op.id() + "_" + period + suffix + extension;
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

  private static void write(Kind kind, Path file, List<List<String>> rows) throws IOException {
    List<String> header = ReturnGenerator.HEADER;
    switch (kind) {
      case CSV, CSV_MONTHLY -> TableFiles.csv(file, header, rows, TableFiles.Dialect.PLAIN);
      case CSV_EXCEL -> TableFiles.csv(file, header, rows, TableFiles.Dialect.EXCEL_UTF8);
      case CSV_SEMICOLON -> TableFiles.csv(file, labels("en"), rows, TableFiles.Dialect.SEMICOLON);
      case CSV_UTF16 -> TableFiles.csv(file, header, rows, TableFiles.Dialect.UTF16_TABS);
      case CSV_FRENCH ->
          TableFiles.csv(file, labels("fr"), frenchNumbers(rows), TableFiles.Dialect.SEMICOLON);
      case CSV_SPANISH -> TableFiles.csv(file, labels("es"), rows, TableFiles.Dialect.SEMICOLON);
      case XLSX -> TableFiles.xlsx(file, "Return", header, rows);
      case XLS -> TableFiles.xls(file, "Return", header, rows);
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
