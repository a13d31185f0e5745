package org.spamtraffic.survey.samples;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.spamtraffic.survey.form.ChoiceList;
import org.spamtraffic.survey.form.Form;
import org.spamtraffic.survey.form.Question;
import org.spamtraffic.survey.form.QuestionType;
import org.spamtraffic.survey.form.Questionnaire;
import org.spamtraffic.survey.money.ExchangeRates;
import org.spamtraffic.survey.offline.OfflineForm;

/**
 * Writes the sample responses of {@code data-samples/survey/}: made-up but plausible answers for 27
 * countries of the six ITU-D regions, with deliberate faults (see that folder's README). Run by
 * hand when the questionnaire changes:
 *
 * <pre>
 * mvn -B -q -DskipTests -Dspotless.check.skip=true package &amp;&amp; mvn -B -q -pl survey test-compile
 * java -cp survey/target/test-classes:survey/target/classes:schemas/target/classes:$(cat jobs/target/classpath.txt) \
 *   org.spamtraffic.survey.samples.SampleSurveyFiles data-samples/survey
 * </pre>
 */
public final class SampleSurveyFiles {
  private static final Form FORM = Questionnaire.form();
  private static final ExchangeRates RATES = ExchangeRates.reference();

  /** A country's made-up profile: how far along it is, and the size of its market. */
  record Profile(String code, double maturity, double mobileM, double internetM, String currency) {}

  private SampleSurveyFiles() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "data-samples/survey");
    Files.createDirectories(dir.resolve("offline"));
    kobo(dir.resolve("kobo-export-2026-03.csv"));
    koboXlsx(dir.resolve("kobo-export-2026-05.xlsx"));
    odkCentral(dir.resolve("odk-central"));
    surveyCto(dir.resolve("surveycto-export-2026-04.xlsx"));
    offline(
        dir.resolve("offline/SEN-questionnaire-fr.xlsx"),
        new Profile("SEN", 0.45, 21, 10, "XOF"),
        "Français (fr)",
        "2026-03-20",
        Map.of());
    offline(
        dir.resolve("offline/CIV-questionnaire-fr.xlsx"),
        new Profile("CIV", 0.35, 48, 13, "XOF"),
        "Français (fr)",
        "2026-03-25",
        Map.of("internet_users", "environ 13 millions", "has_monitoring", "Peut-être"));
    offline(
        dir.resolve("offline/KAZ-questionnaire-en.xlsx"),
        new Profile("KAZ", 0.55, 27, 18, "KZT"),
        "English (en)",
        "2026-04-03",
        Map.of());
    offline(
        dir.resolve("offline/JOR-questionnaire-en.xlsx"),
        new Profile("JOR", 0.3, 7.5, 9.5, "JOD"),
        "English (en)",
        "2026-04-08",
        Map.of("law_regime", "Opt-out"));
  }

  static final List<Profile> KOBO =
      List.of(
          new Profile("KEN", 0.45, 66, 23, "KES"),
          new Profile("NGA", 0.4, 220, 110, "NGN"),
          new Profile("ZAF", 0.65, 110, 45, "ZAR"),
          new Profile("GHA", 0.35, 40, 23, "GHS"),
          new Profile("BRA", 0.6, 250, 180, "BRL"),
          new Profile("MEX", 0.5, 140, 100, "MXN"),
          new Profile("USA", 0.85, 400, 310, "USD"),
          new Profile("EGY", 0.4, 105, 82, "EGP"),
          new Profile("SAU", 0.6, 50, 35, "SAR"),
          new Profile("ARE", 0.75, 20, 10, "AED"),
          new Profile("IND", 0.55, 1150, 880, "INR"),
          new Profile("IDN", 0.45, 350, 210, "IDR"),
          new Profile("PHL", 0.5, 120, 85, "PHP"));

  static final List<Profile> SURVEYCTO =
      List.of(
          new Profile("RUS", 0.55, 250, 130, "RUB"),
          new Profile("UZB", 0.3, 32, 27, "UZS"),
          new Profile("AZE", 0.35, 11, 8.5, "AZN"),
          new Profile("FRA", 0.8, 82, 60, "EUR"),
          new Profile("DEU", 0.8, 105, 78, "EUR"),
          new Profile("GBR", 0.85, 85, 65, "GBP"),
          new Profile("JPN", 0.8, 210, 105, "JPY"),
          new Profile("AUS", 0.85, 33, 25, "AUD"),
          new Profile("ARG", 0.45, 62, 40, "ARS"),
          new Profile("MAR", 0.45, 53, 33, "MAD"),
          // Kenya answers again a month later: this answer replaces the March one.
          new Profile("KEN", 0.5, 67, 24, "KES"));

  /** KoboToolbox XLSX export with the repeat on its own sheet. */
  static final List<Profile> KOBO_XLSX =
      List.of(
          new Profile("CAN", 0.8, 33, 36, "CAD"),
          new Profile("TUN", 0.45, 16, 8, "TND"),
          new Profile("PAK", 0.5, 190, 110, "PKR"));

  /** ODK Central CSV export: the submissions, and the repeat in a file of its own. */
  static final List<Profile> ODK =
      List.of(
          new Profile("KOR", 0.85, 56, 50, "KRW"),
          new Profile("CHL", 0.6, 27, 17, "CLP"),
          new Profile("RWA", 0.4, 12, 4, "RWF"));

  /**
   * The instances of the bilateral_agreement repeat for a country that answers bilateral MoUs: one
   * to three partners, each with its year and the spam types covered.
   */
  static List<Map<String, String>> agreementDetails(Profile p, Map<String, String> a) {
    List<Map<String, String>> out = new ArrayList<>();
    if (!List.of(a.getOrDefault("agreements", "").split(" ")).contains("bilateral_mou")) {
      return out;
    }
    Random r = new Random(p.code().hashCode() * 17L);
    List<String> partners =
        new ArrayList<>(List.of("FRA", "USA", "JPN", "ZAF", "BRA", "IND", "ARE", "KEN"));
    partners.remove(p.code());
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      Map<String, String> d = new LinkedHashMap<>();
      d.put("partner_country", partners.remove(r.nextInt(partners.size())));
      d.put("agreement_year", Integer.toString(2005 + r.nextInt(20)));
      d.put(
          "agreement_scope",
          pick(r, List.of("email", "sms", "voice", "ip_messaging"), 1 + r.nextInt(3)));
      out.add(d);
    }
    return out;
  }

  private static List<Question> inRepeat() {
    return FORM.questions().stream().filter(q -> q.repeat() != null && q.type().isAsked()).toList();
  }

  /** KoboToolbox XLSX: the main sheet and one sheet per repeat, linked by _index. */
  private static void koboXlsx(Path file) throws IOException {
    String main = "ITU questionnaire on spam traf"; // Kobo cuts sheet names to 31 characters
    try (Workbook wb = new XSSFWorkbook()) {
      Sheet s = wb.createSheet(main);
      Sheet rep = wb.createSheet("bilateral_agreement");
      List<String> header = new ArrayList<>(List.of("start", "end"));
      asked().forEach(q -> header.add(q.path()));
      header.addAll(List.of("_id", "_uuid", "_submission_time", "_index"));
      row(s, 0, header);
      List<String> repHeader = new ArrayList<>();
      inRepeat().forEach(q -> repHeader.add(q.path()));
      repHeader.addAll(
          List.of("_index", "_parent_table_name", "_parent_index", "_submission__uuid"));
      row(rep, 0, repHeader);
      int index = 0;
      int repIndex = 0;
      for (Profile p : KOBO_XLSX) {
        index++;
        Map<String, String> a = answers(p);
        String uuid =
            java.util
                .UUID
                .nameUUIDFromBytes(("koboxlsx" + index).getBytes(StandardCharsets.UTF_8))
                .toString();
        List<String> cells = new ArrayList<>();
        cells.add("2026-05-0" + index + "T08:00:00.000+01:00");
        cells.add("2026-05-0" + index + "T09:00:00.000+01:00");
        asked().forEach(q -> cells.add(a.getOrDefault(q.name(), "")));
        cells.addAll(
            List.of(
                Integer.toString(42_000_000 + index),
                uuid,
                "2026-05-0" + index + "T09:05:00",
                Integer.toString(index)));
        row(s, index, cells);
        List<Map<String, String>> details = agreementDetails(p, a);
        if (p.code().equals("TUN") && !details.isEmpty()) {
          details.get(0).put("agreement_year", "1985"); // breaks the constraint (1990..2026)
        }
        for (Map<String, String> d : details) {
          repIndex++;
          List<String> rc = new ArrayList<>();
          inRepeat().forEach(q -> rc.add(d.getOrDefault(q.name(), "")));
          rc.addAll(List.of(Integer.toString(repIndex), main, Integer.toString(index), uuid));
          row(rep, repIndex, rc);
        }
      }
      try (OutputStream o = Files.newOutputStream(file)) {
        wb.write(o);
      }
    }
  }

  private static void row(Sheet s, int n, List<String> cells) {
    Row r = s.createRow(n);
    for (int i = 0; i < cells.size(); i++) {
      if (!cells.get(i).isEmpty()) {
        r.createCell(i).setCellValue(cells.get(i));
      }
    }
  }

  /**
   * ODK Central's CSV export, unzipped: {@code itu_spam_questionnaire.csv} (group paths joined with
   * '-', KEY = instanceID) and {@code itu_spam_questionnaire-bilateral_agreement.csv} (PARENT_KEY,
   * KEY = {@code uuid:…/bilateral_agreement[n]}).
   */
  private static void odkCentral(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> header = new ArrayList<>(List.of("SubmissionDate", "start", "end"));
    asked().forEach(q -> header.add(q.path().replace('/', '-')));
    header.addAll(
        List.of(
            "meta-instanceID",
            "KEY",
            "SubmitterID",
            "SubmitterName",
            "AttachmentsPresent",
            "AttachmentsExpected",
            "Status",
            "ReviewState",
            "DeviceID",
            "Edits",
            "FormVersion"));
    List<String> repHeader = new ArrayList<>();
    inRepeat().forEach(q -> repHeader.add(q.path().replace('/', '-')));
    repHeader.addAll(List.of("PARENT_KEY", "KEY"));
    StringBuilder main = new StringBuilder(String.join(",", header)).append('\n');
    StringBuilder rep = new StringBuilder(String.join(",", repHeader)).append('\n');
    int index = 0;
    for (Profile p : ODK) {
      index++;
      Map<String, String> a = answers(p);
      String key =
          "uuid:"
              + java.util.UUID.nameUUIDFromBytes(("odk" + index).getBytes(StandardCharsets.UTF_8));
      List<String> cells = new ArrayList<>();
      String when = "2026-04-1" + index + "T10:0" + index + ":00.000Z";
      cells.addAll(List.of(when, when, when));
      asked().forEach(q -> cells.add(a.getOrDefault(q.name(), "")));
      cells.addAll(
          List.of(
              key,
              key,
              "7",
              "Focal point " + p.code(),
              "0",
              "0",
              "",
              "approved",
              "",
              "0",
              "2026.1"));
      main.append(String.join(",", cells.stream().map(SampleSurveyFiles::csv).toList()))
          .append('\n');
      List<Map<String, String>> details = agreementDetails(p, a);
      if (p.code().equals("CHL") && !details.isEmpty()) {
        details.get(details.size() - 1).put("partner_country", "CHL"); // with itself: constraint
      }
      int n = 0;
      for (Map<String, String> d : details) {
        n++;
        List<String> rc = new ArrayList<>();
        inRepeat().forEach(q -> rc.add(d.getOrDefault(q.name(), "")));
        rc.addAll(List.of(key, key + "/cooperation/bilateral_agreement[" + n + "]"));
        rep.append(String.join(",", rc.stream().map(SampleSurveyFiles::csv).toList())).append('\n');
      }
    }
    // A repeat row whose submission is in no file (deleted on the server): reported, not used.
    List<String> orphan = new ArrayList<>();
    inRepeat().forEach(q -> orphan.add(q.name().equals("partner_country") ? "FRA" : ""));
    orphan.addAll(
        List.of(
            "uuid:00000000-0000-0000-0000-000000000000",
            "uuid:00000000-0000-0000-0000-000000000000/cooperation/bilateral_agreement[1]"));
    rep.append(String.join(",", orphan)).append('\n');
    Files.writeString(
        dir.resolve("itu_spam_questionnaire.csv"), main.toString(), StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("itu_spam_questionnaire-bilateral_agreement.csv"),
        rep.toString(),
        StandardCharsets.UTF_8);
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  /** Plausible answers by question name, from the profile. */
  static Map<String, String> answers(Profile p) {
    Random r = new Random(p.code().hashCode() * 31L + Math.round(p.maturity() * 100));
    double m = p.maturity();
    Map<String, String> a = new LinkedHashMap<>();
    a.put("country", p.code());
    a.put("organisation", organisation(p.code()));
    a.put("respondent_name", "Focal point " + p.code());
    a.put("respondent_email", "spam-focal-point@" + p.code().toLowerCase(Locale.ROOT) + ".example");
    a.put("role", r.nextInt(5) == 0 ? "ministry" : "regulator");
    String[] levels = {"low", "moderate", "high", "very_high"};
    String[] trends = {"decreasing", "stable", "increasing"};
    for (String t : List.of("email", "sms", "voice", "ip_messaging", "ip_multimedia")) {
      String level =
          levels[Math.min(3, r.nextInt(3) + (t.equals("sms") || t.equals("voice") ? 1 : 0))];
      if (t.equals("ip_multimedia") && r.nextBoolean()) {
        level = r.nextBoolean() ? "none" : "dont_know";
      }
      a.put("volume_" + t, level);
      if (!level.equals("none") && !level.equals("dont_know")) {
        a.put("trend_" + t, trends[Math.min(2, r.nextInt(3) + (t.equals("voice") ? 1 : 0))]);
      }
    }
    a.put(
        "main_routes",
        pick(
            r,
            List.of(
                "on_net",
                "domestic_interconnect",
                "international_gateway",
                "a2p_grey_route",
                "internet"),
            2 + r.nextInt(2)));
    a.put(
        "source_regions",
        pick(
            r,
            List.of(
                "domestic", "africa", "americas", "arab_states", "asia_pacific", "cis", "europe"),
            2 + r.nextInt(2)));
    a.put(
        "top_source_countries",
        String.join(
            " ",
            pick(r, List.of("USA", "CHN", "RUS", "BRA", "IND", "NGA", "VNM", "DEU"), 3)
                .split(" ")));
    a.put(
        "categories",
        pick(r, List.of("advertising", "phishing", "malware", "fraud"), 2 + r.nextInt(2)));
    boolean law = m > 0.35;
    a.put("has_antispam_law", law ? "yes" : "no");
    if (law) {
      a.put("law_regime", m > 0.6 ? "opt_in" : m > 0.45 ? "mixed" : "opt_out");
      a.put("law_year", Integer.toString(2003 + (int) Math.round((1 - m) * 18)));
      boolean authority = m > 0.4;
      a.put("has_enforcement_authority", authority ? "yes" : "no");
      if (authority) {
        a.put("authority_name", organisation(p.code()));
        a.put("enforcement_actions", Integer.toString((int) Math.round(m * m * 150)));
      }
    }
    a.put("has_strategy", m > 0.5 ? "yes" : m > 0.3 ? "planned" : "no");
    List<String> layers = List.of("filtering", "feedback", "network", "service", "equipment");
    a.put("technical_measures", String.join(" ", layers.subList(0, 1 + (int) Math.round(m * 4))));
    a.put(
        "operators_with_sms_firewall",
        m > 0.7 ? "all" : m > 0.5 ? "most" : m > 0.3 ? "some" : "none");
    a.put("has_monitoring", m > 0.5 ? "yes" : "no");
    a.put("has_threat_assessment", m > 0.55 ? "yes" : r.nextBoolean() ? "no" : "dont_know");
    List<String> partners =
        List.of("mobile_operators", "isps", "email_providers", "marketing_associations");
    int n = (int) Math.round(m * 4);
    a.put("industry_partners", n == 0 ? "none" : String.join(" ", partners.subList(0, n)));
    a.put("has_information_exchange", m > 0.4 ? "yes" : "no");
    a.put("has_code_of_conduct", m > 0.6 ? "yes" : "no");
    a.put("has_awareness_programme", m > 0.3 ? "yes" : "no");
    boolean training = m > 0.4;
    a.put("has_training_programme", training ? "yes" : "no");
    if (training) {
      a.put("people_trained", Integer.toString((int) Math.round(m * 600)));
    }
    a.put("has_national_contact_point", m > 0.35 ? "yes" : "no");
    a.put("has_incident_response", m > 0.3 ? "yes" : "no");
    List<String> agreements = new ArrayList<>();
    if (m > 0.6) {
      agreements.add("london_action_plan");
    }
    if (m > 0.5 && List.of("JPN", "AUS", "KOR", "IND", "IDN", "PHL").contains(p.code())) {
      agreements.add("seoul_melbourne_mou");
    }
    if (m > 0.4) {
      agreements.add("bilateral_mou");
    }
    if (m > 0.3) {
      agreements.add("regional");
    }
    a.put("agreements", agreements.isEmpty() ? "none" : String.join(" ", agreements));
    a.put("mobile_subscriptions", Long.toString(Math.round(p.mobileM() * 1_000_000)));
    a.put("email_mailboxes", Long.toString(Math.round(p.internetM() * 1.4 * 1_000_000)));
    a.put("internet_users", Long.toString(Math.round(p.internetM() * 1_000_000)));
    double usd = m * p.mobileM() * 20_000;
    double rate = RATES.rate(p.currency()).orElseThrow().unitsPerUsd();
    long current = Math.round(usd * rate / 1000) * 1000;
    a.put("investment_current", Long.toString(current));
    a.put("investment_planned", Long.toString(Math.round(current * 1.3 / 1000) * 1000));
    a.put("investment_currency", p.currency());
    List<String> areas =
        List.of(
            "awareness",
            "legislation",
            "capacity",
            "enforcement",
            "policy_strategy",
            "information_exchange",
            "contact_point",
            "monitoring",
            "incident_response",
            "vulnerability_assessment",
            "tools",
            "partnerships",
            "international_cooperation");
    a.put(
        "assistance_needed", m >= 0.7 ? "none" : pick(r, areas, 2 + (int) Math.round((1 - m) * 4)));
    return a;
  }

  private static String organisation(String code) {
    return "National telecommunication regulator (" + code + ")";
  }

  private static String pick(Random r, List<String> from, int count) {
    List<String> pool = new ArrayList<>(from);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count && !pool.isEmpty(); i++) {
      out.add(pool.remove(r.nextInt(pool.size())));
    }
    // Keep the list order, as tools do.
    out.sort((x, y) -> Integer.compare(from.indexOf(x), from.indexOf(y)));
    return String.join(" ", out);
  }

  /** The questions outside repeats that respondents answer (one column each in exports). */
  private static List<Question> asked() {
    return FORM.questions().stream().filter(q -> q.type().isAsked() && q.repeat() == null).toList();
  }

  /** KoboToolbox CSV: ';' separated, group paths, select_multiple as text and as 0/1 columns. */
  private static void kobo(Path file) throws IOException {
    List<String> header = new ArrayList<>(List.of("start", "end"));
    for (Question q : asked()) {
      header.add(q.path());
      if (q.type() == QuestionType.SELECT_MULTIPLE) {
        FORM.choices(q).choices().forEach(c -> header.add(q.path() + "/" + c.name()));
      }
      if (q.name().equals("respondent_email")) {
        header.add("respondent/fax_number"); // not in the form: reported, ignored
      }
    }
    header.addAll(
        List.of(
            "_id",
            "_uuid",
            "_submission_time",
            "_validation_status",
            "_status",
            "_submitted_by",
            "__version__",
            "_index"));
    StringBuilder out = new StringBuilder();
    out.append(String.join(";", header.stream().map(SampleSurveyFiles::quote).toList()))
        .append('\n');
    int index = 0;
    List<Map<String, String>> rows = new ArrayList<>();
    for (Profile p : KOBO) {
      rows.add(answers(p));
    }
    // Deliberate faults.
    rows.get(1).put("trend_sms", "sideways"); // NGA: unknown choice
    rows.get(10).put("mobile_subscriptions", "1.15 billion"); // IND: not a whole number
    rows.get(7).put("law_year", "1975"); // EGY: breaks the constraint (1980..2026)
    rows.get(3).put("role", "other"); // GHA: or_other, with the text
    rows.get(3).put("role_other", "Cyber Security Authority");
    Map<String, String> test = answers(new Profile("XXX", 0.5, 1, 1, "USD"));
    test.put("country", ""); // a test submission with no country: rejected as a whole
    test.put("organisation", "Form test by the ITU secretariat");
    rows.add(test);
    for (Map<String, String> a : rows) {
      index++;
      List<String> cells = new ArrayList<>();
      cells.add("2026-03-0" + (index % 9 + 1) + "T08:00:00.000+01:00");
      cells.add("2026-03-0" + (index % 9 + 1) + "T09:10:00.000+01:00");
      for (Question q : asked()) {
        cells.add(a.getOrDefault(q.name(), ""));
        if (q.type() == QuestionType.SELECT_MULTIPLE) {
          List<String> chosen = List.of(a.getOrDefault(q.name(), "").split(" "));
          boolean answered = !a.getOrDefault(q.name(), "").isEmpty();
          FORM.choices(q)
              .choices()
              .forEach(c -> cells.add(answered ? (chosen.contains(c.name()) ? "1" : "0") : ""));
        }
        if (q.name().equals("respondent_email")) {
          cells.add("+000 " + (1000 + index));
        }
      }
      cells.add(Integer.toString(41_000_000 + index));
      cells.add(
          java.util
              .UUID
              .nameUUIDFromBytes(("kobo" + index).getBytes(StandardCharsets.UTF_8))
              .toString());
      cells.add(String.format(Locale.ROOT, "2026-03-%02dT09:%02d:00", 2 + index, 10 + index));
      cells.add("");
      cells.add("submitted_via_web");
      cells.add("");
      cells.add("vQ8sT3x5Lk2uY");
      cells.add(Integer.toString(index));
      out.append(String.join(";", cells.stream().map(SampleSurveyFiles::quote).toList()))
          .append('\n');
    }
    Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
  }

  private static String quote(String s) {
    return s.contains(";") || s.contains("\"") || s.contains(",")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }

  /** SurveyCTO XLSX: bare names, KEY and SubmissionDate, select_multiple as text only. */
  private static void surveyCto(Path file) throws IOException {
    try (Workbook wb = new XSSFWorkbook()) {
      Sheet s = wb.createSheet("itu_spam_questionnaire");
      List<String> header =
          new ArrayList<>(List.of("SubmissionDate", "starttime", "endtime", "deviceid"));
      asked().forEach(q -> header.add(q.name()));
      header.addAll(List.of("instanceID", "formdef_version", "KEY", "review_status"));
      Row h = s.createRow(0);
      for (int i = 0; i < header.size(); i++) {
        h.createCell(i).setCellValue(header.get(i));
      }
      int index = 0;
      for (Profile p : SURVEYCTO) {
        index++;
        Map<String, String> a = answers(p);
        if (p.code().equals("DEU")) {
          a.put("technical_measures", "filtering none"); // breaks the constraint
        }
        if (p.code().equals("GBR")) {
          a.remove("has_antispam_law"); // required, left empty
        }
        if (p.code().equals("AUS")) {
          a.put("volume_email", "High"); // a label, not a name: read as high
        }
        Row row = s.createRow(index);
        String key =
            "uuid:"
                + java.util.UUID.nameUUIDFromBytes(
                    ("cto" + index).getBytes(StandardCharsets.UTF_8));
        int c = 0;
        String when =
            String.format(Locale.ROOT, "Apr %d, 2026 %d:15:00 AM", index + 1, 9 + index % 3);
        row.createCell(c++).setCellValue(when);
        row.createCell(c++).setCellValue(when);
        row.createCell(c++).setCellValue(when);
        row.createCell(c++).setCellValue("(web)");
        for (Question q : asked()) {
          String v = a.getOrDefault(q.name(), "");
          if (!v.isEmpty()) {
            if ((q.type() == QuestionType.INTEGER || q.type() == QuestionType.DECIMAL)
                && v.matches("-?\\d+(\\.\\d+)?")) {
              row.createCell(c).setCellValue(Double.parseDouble(v)); // numbers as numbers
            } else {
              row.createCell(c).setCellValue(v);
            }
          }
          c++;
        }
        row.createCell(c++).setCellValue(key);
        row.createCell(c++).setCellValue(2603271015d);
        row.createCell(c++).setCellValue(key);
        row.createCell(c).setCellValue("NONE");
      }
      // SurveyCTO's long format puts each repeat on a sheet of its own, linked by PARENT_KEY.
      Sheet rep = wb.createSheet("bilateral_agreement");
      List<String> repHeader = new ArrayList<>();
      inRepeat().forEach(q -> repHeader.add(q.name()));
      repHeader.addAll(List.of("PARENT_KEY", "KEY", "SET-OF-bilateral_agreement"));
      row(rep, 0, repHeader);
      int repRow = 0;
      int ctoIndex = 0;
      for (Profile p : SURVEYCTO) {
        ctoIndex++;
        String parent =
            "uuid:"
                + java.util.UUID.nameUUIDFromBytes(
                    ("cto" + ctoIndex).getBytes(StandardCharsets.UTF_8));
        int n = 0;
        for (Map<String, String> d : agreementDetails(p, answers(p))) {
          n++;
          List<String> rc = new ArrayList<>();
          inRepeat().forEach(q -> rc.add(d.getOrDefault(q.name(), "")));
          rc.addAll(
              List.of(
                  parent,
                  parent + "/bilateral_agreement[" + n + "]",
                  parent + "/bilateral_agreement"));
          row(rep, ++repRow, rc);
        }
      }
      // A sheet that is no repeat is reported and not read.
      Sheet notes = wb.createSheet("reviewer_notes");
      notes.createRow(0).createCell(0).setCellValue("KEY");
      notes.getRow(0).createCell(1).setCellValue("note");
      notes.createRow(1).createCell(0).setCellValue("uuid:whatever");
      notes.getRow(1).createCell(1).setCellValue("Checked by phone with the regulator");
      try (OutputStream o = Files.newOutputStream(file)) {
        wb.write(o);
      }
    }
  }

  /** An offline form for one country, filled in the way a person would: labels and x marks. */
  private static void offline(
      Path file, Profile p, String language, String date, Map<String, String> faults)
      throws IOException {
    ByteArrayOutputStream blank = new ByteArrayOutputStream();
    String id =
        java.util
            .UUID
            .nameUUIDFromBytes(("offline" + p.code()).getBytes(StandardCharsets.UTF_8))
            .toString();
    OfflineForm.write(FORM, new OfflineForm.Options(language, p.code(), id), blank);
    Map<String, String> a = answers(p);
    try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(blank.toByteArray()))) {
      Sheet s = wb.getSheet("questionnaire");
      for (Row row : s) {
        if (row.getCell(0) == null) {
          continue;
        }
        String name = row.getCell(0).getStringCellValue();
        if (name.equals("_submission_time")) {
          row.getCell(2).setCellValue(date);
          continue;
        }
        if (faults.containsKey(name)) {
          row.getCell(2).setCellValue(faults.get(name));
          continue;
        }
        if (name.contains("/")) {
          String q = name.substring(0, name.indexOf('/'));
          String option = name.substring(name.indexOf('/') + 1);
          if (List.of(a.getOrDefault(q, "").split(" ")).contains(option)) {
            row.getCell(2).setCellValue("x");
          }
          continue;
        }
        Question q = FORM.question(name).orElse(null);
        if (q == null || name.equals("country") || !a.containsKey(name)) {
          continue;
        }
        String v = a.get(name);
        if (q.type() == QuestionType.SELECT_ONE) {
          ChoiceList list = FORM.choices(q);
          v = list.choice(v).orElseThrow().label(language);
          row.getCell(2).setCellValue(v);
        } else if (q.type() == QuestionType.INTEGER || q.type() == QuestionType.DECIMAL) {
          row.getCell(2).setCellValue(Double.parseDouble(v));
        } else {
          row.getCell(2).setCellValue(v);
        }
      }
      try (OutputStream o = Files.newOutputStream(file)) {
        wb.write(o);
      }
    }
  }
}
