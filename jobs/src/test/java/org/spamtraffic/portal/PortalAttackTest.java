package org.spamtraffic.portal;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.spamtraffic.intake.IngestReturns;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;

/**
 * The portal attacked on loopback by one operator (FR-AZUR) against another (KE-KILIMA) and by
 * pages of other sites, with a warehouse built by {@code ingest-returns}: every case asserts the
 * refusal and that nothing changed in the landing folder and the warehouse. First the attack of
 * issue 13: signed in as FR-AZUR, an operator uploads rows that say KE-KILIMA, by the API and in a
 * browser, and a file with KE-KILIMA's rows is placed in FR-AZUR's landing folder. The operator is
 * the token's (or the folder's), never the file's: the uploads are refused or their foreign rows
 * rejected, nothing supersedes KE-KILIMA's genuine return, and after the next {@code
 * ingest-returns} KE-KILIMA's rows in {@code returns}, {@code submissions} and {@code rejects} are
 * exactly what they were.
 */
class PortalAttackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VICTIM = "KE-KILIMA";
  private static final String ATTACKER = "FR-AZUR";

  @TempDir static Path temp;
  private static Path landing;
  private static Portal portal;
  private static PortalClient client;
  private static String victimToken;
  private static String attackerToken;
  private static SparkSession spark;
  private static Warehouse warehouse;
  private static List<String> victimBefore;
  private static WebDriver browser;
  private static Path warehouseDir;
  private static String victimResult;
  private static String victimStored;
  private static String victimRefusedResult;

  /** KE-KILIMA's genuine 2025-Q1 return: 3 rows, 900 million spam messages detected. */
  private static final byte[] GENUINE =
      Uploads.csv(
          Uploads.row(VICTIM, "AS100", 300_000_000),
          Uploads.row(VICTIM, "AS200", 300_000_000),
          Uploads.row(VICTIM, "AS300", 300_000_000));

  /** The forged return: the victim's id on every row, a tiny figure. */
  private static final byte[] FORGED =
      Uploads.csv(
          Uploads.row(VICTIM, "AS100", 8_900_000),
          Uploads.row(VICTIM, "AS200", 1),
          Uploads.row(VICTIM, "AS300", 1));

  /** The same in the browser, the attacker's own row for another quarter. */
  private static final byte[] MIXED_IN_BROWSER =
      Uploads.csv(
          Uploads.row(ATTACKER, "2025-Q2", "AS900", 5_000),
          Uploads.row(VICTIM, "AS100", 8_900_000),
          Uploads.row(VICTIM, "AS200", 1));

  /** The attacker's own row, then two of the victim's. */
  private static final byte[] MIXED =
      Uploads.csv(
          Uploads.row(ATTACKER, "AS900", 5_000),
          Uploads.row(VICTIM, "AS100", 8_900_000),
          Uploads.row(VICTIM, "AS200", 1));

  @BeforeAll
  static void start() throws Exception {
    landing = temp.resolve("landing");
    Path users = temp.resolve("users.json");
    Credentials credentials = Credentials.at(users);
    victimToken = credentials.create(VICTIM, Credentials.Role.OPERATOR);
    attackerToken = credentials.create(ATTACKER, Credentials.Role.OPERATOR);
    warehouseDir = temp.resolve("warehouse");
    String warehouseUri = warehouseDir.toUri().toString();
    portal =
        Portal.start(
            new Portal.Options(
                    "127.0.0.1",
                    0,
                    landing,
                    temp.resolve("state"),
                    users,
                    warehouseUri,
                    5_000_000,
                    100)
                // The suite tries many bad tokens from 127.0.0.1: PortalNetworkTest tests the
                // throttle on its own.
                .withLimits(
                    new Portal.Limits(
                        1_000,
                        8,
                        64,
                        Portal.Limits.DEFAULT.headerTimeout(),
                        Portal.Limits.DEFAULT.idleTimeout(),
                        Portal.Limits.DEFAULT.minRequestBytesPerSecond())),
            // The request log, for a person to read after a failure (never committed).
            new PrintStream(
                Files.newOutputStream(
                    Files.createDirectories(java.nio.file.Paths.get("target"))
                        .resolve("portal-attack.log")),
                true,
                StandardCharsets.UTF_8));
    client = new PortalClient(portal.port());
    spark = SparkSessions.forTests("cross-operator-attack");
    warehouse = Warehouse.at(spark, warehouseUri);

    HttpResponse<String> genuine =
        client.upload("/api/returns", victimToken, "kilima-2025-Q1.csv", GENUINE);
    assertThat(genuine.statusCode()).as(genuine.body()).isEqualTo(201);
    victimResult = JSON.readTree(genuine.body()).path("result_url").asText();
    victimStored = JSON.readTree(genuine.body()).path("stored_as").asText();
    HttpResponse<String> refused =
        client.upload("/api/returns", victimToken, "kilima-header-only.csv", Uploads.csv());
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    victimRefusedResult = JSON.readTree(refused.body()).path("result_url").asText();
    assertThat(victimRefusedResult).matches("/results/KE-KILIMA/r-[0-9a-f]{16}");
    ingest();
    victimBefore = victimTables();
    assertThat(victimBefore).isNotEmpty();
    assertThat(victimDetected()).isEqualTo(900_000_000L);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (portal != null) {
      portal.close();
    }
    if (spark != null) {
      spark.stop();
    }
  }

  private static void ingest() {
    new IngestReturns(spark, warehouse).run(IngestReturns.Options.of(landing.toString()));
  }

  /** Every row of the victim in returns, submissions and rejects, as text, in a stable order. */
  private static List<String> victimTables() {
    List<String> out = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Row r :
        warehouse.read("submissions").where(col("operator_id").equalTo(VICTIM)).collectAsList()) {
      out.add("submissions " + r);
      ids.add(r.getAs("submission_id"));
    }
    warehouse
        .read("returns")
        .where(col("operator_id").equalTo(VICTIM))
        .collectAsList()
        .forEach(r -> out.add("returns " + r));
    warehouse
        .read("rejects")
        .where(col("submission_id").isin(ids.toArray()))
        .collectAsList()
        .forEach(r -> out.add("rejects " + r));
    out.sort(String::compareTo);
    return out;
  }

  private static long victimDetected() {
    return warehouse
        .read("returns")
        .where(col("operator_id").equalTo(VICTIM).and(col("period").equalTo("2025-Q1")))
        .agg(org.apache.spark.sql.functions.sum("spam_detected"))
        .first()
        .getLong(0);
  }

  private static WebDriver signedInBrowser() throws Exception {
    if (browser == null) {
      browser = HeadlessChromium.start(temp.resolve("chromium-profile"));
      String base = "http://127.0.0.1:" + portal.port();
      browser.get(base + "/signin");
      browser.findElement(By.id("token")).sendKeys(attackerToken);
      browser.findElement(By.id("signin")).click();
      new WebDriverWait(browser, Duration.ofSeconds(60))
          .until(ExpectedConditions.textToBe(By.tagName("h1"), "Send a return"));
    }
    return browser;
  }

  /** Sends {@code content} through the upload page; returns the verdict shown. */
  private static String sendInBrowser(String name, byte[] content) throws Exception {
    WebDriver b = signedInBrowser();
    File file = Files.write(temp.resolve(name), content).toFile();
    b.get("http://127.0.0.1:" + portal.port() + "/upload");
    b.findElement(By.id("file")).sendKeys(file.getAbsolutePath());
    b.findElement(By.id("send")).click();
    return new WebDriverWait(b, Duration.ofSeconds(60))
        .until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")))
        .getText();
  }

  @Test
  void aForgedReturnIsRefusedByTheApiAndNothingIsStored() throws Exception {
    Map<String, String> before = FolderSnapshot.of(landing);
    HttpResponse<String> r = client.upload("/api/returns", attackerToken, "forged.csv", FORGED);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
    JsonNode json = JSON.readTree(r.body());
    assertThat(json.path("error").asText())
        .isEqualTo(
            "The file was not kept: 3 rows name another operator than FR-AZUR, the operator you"
                + " are signed in as, and no row can be used. An operator sends only its own"
                + " figures: write FR-AZUR in operator_id on every row.");
    assertThat(json.path("stored").asBoolean()).isFalse();
    assertThat(json.path("rows_read").asLong()).isEqualTo(3);
    assertThat(json.path("rows_rejected").asLong()).isEqualTo(3);
    assertThat(json.path("findings"))
        .allSatisfy(
            f -> {
              assertThat(f.path("rule").asText()).isEqualTo("operator_is_sender");
              assertThat(f.path("message").asText())
                  .isEqualTo(
                      "operator_id 'KE-KILIMA' is not the operator that sent this file"
                          + " ('FR-AZUR'); an operator sends only its own figures: write 'FR-AZUR'"
                          + " on every row, or ask the study team to load another operator's"
                          + " figures.");
            });
    assertThat(FolderSnapshot.of(landing)).isEqualTo(before);
  }

  @Test
  void aForgedReturnIsRefusedInTheBrowserAndNothingIsStored() throws Exception {
    signedInBrowser();
    Map<String, String> before = FolderSnapshot.of(landing);
    String verdict = sendInBrowser("forged-in-browser.csv", FORGED);
    assertThat(verdict)
        .isEqualTo(
            "The file was not kept: 3 rows name another operator than FR-AZUR, the operator you"
                + " are signed in as, and no row can be used. An operator sends only its own"
                + " figures: write FR-AZUR in operator_id on every row.");
    assertThat(browser.findElement(By.id("findings")).getText())
        .contains("operator_id 'KE-KILIMA' is not the operator that sent this file ('FR-AZUR')");
    assertThat(FolderSnapshot.of(landing)).isEqualTo(before);
  }

  @Test
  void foreignRowsByApiBrowserOrLandingFolderLeaveTheVictimsTablesUnchanged() throws Exception {
    // By the API and the browser: the attacker's own row is kept, the victim's rows rejected.
    HttpResponse<String> api = client.upload("/api/returns", attackerToken, "mixed.csv", MIXED);
    assertThat(api.statusCode()).as(api.body()).isEqualTo(201);
    JsonNode json = JSON.readTree(api.body());
    assertThat(json.path("stored_as").asText()).startsWith(ATTACKER + "/");
    assertThat(json.path("rows_accepted").asLong()).isEqualTo(1);
    assertThat(json.path("by_rule").path("operator_is_sender").asLong()).isEqualTo(2);
    assertThat(sendInBrowser("mixed-in-browser.csv", MIXED_IN_BROWSER))
        .startsWith("1 row is correct and 2 rows have errors.");
    // Placed by hand in the attacker's landing folder, named to sort after the genuine file.
    Path placed = landing.resolve(ATTACKER).resolve("20991231T235959Z_forged-by-hand.csv");
    Files.write(placed, FORGED);

    ingest();

    assertThat(victimTables()).isEqualTo(victimBefore);
    assertThat(victimDetected()).isEqualTo(900_000_000L);
    // Other cases of the suite store files of the attacker's own too: these three are this case's.
    List<Row> attackerFiles =
        warehouse
            .read("submissions")
            .where(
                col("operator_id")
                    .equalTo(ATTACKER)
                    .and(
                        col("file_name")
                            .contains("mixed")
                            .or(col("file_name").contains("forged-by-hand"))))
            .collectAsList();
    assertThat(attackerFiles).hasSize(3);
    for (Row s : attackerFiles) {
      long read = s.getAs("rows_read");
      long accepted = s.getAs("rows_accepted");
      long rejected = s.getAs("rows_rejected");
      assertThat(read).isEqualTo(accepted + rejected);
      assertThat((Object) s.getAs("supersedes")).isNull();
      if (s.<String>getAs("file_name").contains("forged-by-hand")) {
        assertThat(s.<String>getAs("status")).isEqualTo("rejected");
        assertThat(rejected).isEqualTo(3);
      } else {
        assertThat(s.<String>getAs("status")).isEqualTo("accepted_with_rejects");
        assertThat(accepted).isEqualTo(1);
      }
    }
    List<Row> foreign =
        warehouse.read("rejects").where(col("rule").equalTo("operator_is_sender")).collectAsList();
    assertThat(foreign).hasSize(2 + 2 + 3);
    assertThat(foreign)
        .allSatisfy(
            r ->
                assertThat(r.<String>getAs("message"))
                    .isEqualTo(
                        "operator_id 'KE-KILIMA' is not the operator that sent this file"
                            + " ('FR-AZUR'); an operator sends only its own figures: write"
                            + " 'FR-AZUR' on every row, or ask the study team to load another"
                            + " operator's figures."));
    // The attacker's own rows (2025-Q1 and 2025-Q2) are counted as the attacker's.
    assertThat(warehouse.read("returns").where(col("operator_id").equalTo(ATTACKER)).count())
        .isEqualTo(2);
  }

  // ---- the attack suite: each case is refused and changes neither landing nor warehouse -----

  /** An attack: whatever it answers. */
  private interface Attack<T> {
    T run() throws Exception;
  }

  /** Runs {@code attack}; asserts that the landing folder and the warehouse are as they were. */
  private static <T> T unchanged(Attack<T> attack) throws Exception {
    Map<String, String> landed = FolderSnapshot.of(landing);
    Map<String, String> stored = FolderSnapshot.of(warehouseDir);
    T out = attack.run();
    assertThat(FolderSnapshot.of(landing)).as("the landing folder").isEqualTo(landed);
    assertThat(FolderSnapshot.of(warehouseDir)).as("the warehouse").isEqualTo(stored);
    return out;
  }

  private static void assertRefused(HttpResponse<String> r, int status, String message) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    if (message != null) {
      assertThat(r.body()).contains(message);
    }
  }

  @Test
  void anotherOperatorsFilesResultsWorkbooksAndStatusesCannotBeReached() throws Exception {
    PortalClient.Browser attackerBrowser = client.browser(attackerToken);
    unchanged(
        () -> {
          List<String> victims =
              List.of(
                  victimResult,
                  "/api" + victimResult,
                  victimResult + "/annotated.xlsx",
                  "/files/" + victimStored,
                  victimRefusedResult,
                  "/api" + victimRefusedResult,
                  victimRefusedResult + "/annotated.xlsx");
          for (String url : victims) {
            for (HttpResponse<String> r :
                List.of(
                    client.get(url, attackerToken),
                    client.getWithCookie(url, attackerBrowser.cookie()))) {
              if (url.startsWith("/api")
                  && r.request().headers().firstValue("Cookie").isPresent()) {
                // The API answers bearer tokens only: a browser's cookie is no credential there.
                assertThat(r.statusCode()).as(url).isEqualTo(401);
                continue;
              }
              assertThat(r.statusCode()).as(url).isEqualTo(404);
              assertThat(r.body())
                  .as(url)
                  .contains("There is nothing here, or it is not yours to see.");
              assertThat(r.body()).as(url).doesNotContain("kilima-2025-Q1");
            }
            // The victim reaches its own.
            assertThat(client.get(url, victimToken).statusCode()).as(url).isEqualTo(200);
          }
          // Statuses and histories list only the asker's own files.
          assertThat(client.get("/api/submissions", attackerToken).body()).doesNotContain(VICTIM);
          assertThat(client.get("/api/submissions", victimToken).body()).contains(VICTIM);
          assertThat(client.getWithCookie("/history", attackerBrowser.cookie()).body())
              .doesNotContain(VICTIM)
              .doesNotContain("kilima");
          return null;
        });
  }

  @Test
  void spoofedOperatorIdsInHeadersFormsAndAddressesAreIgnored() throws Exception {
    Map<String, String> victimFolder = FolderSnapshot.of(landing.resolve(VICTIM));
    Map<String, String> stored = FolderSnapshot.of(warehouseDir);
    byte[] own = Uploads.csv(Uploads.row(ATTACKER, "2025-Q3", "AS700", 7_000));
    PortalClient.Multipart m =
        PortalClient.multipart("spoof.csv", own, "operator_id", VICTIM, "operator", VICTIM);
    for (String path :
        List.of(
            "/api/returns",
            "/api/returns?operator=" + VICTIM,
            "/api/returns?operator_id=" + VICTIM)) {
      HttpResponse<String> r =
          client.send(
              "POST",
              path,
              m.body(),
              "Content-Type",
              m.contentType(),
              "Authorization",
              "Bearer " + attackerToken,
              "X-Operator",
              VICTIM,
              "X-Operator-Id",
              VICTIM,
              "X-Forwarded-User",
              VICTIM);
      assertThat(r.statusCode()).as(path + ": " + r.body()).isIn(201, 429);
      if (r.statusCode() == 201) {
        assertThat(JSON.readTree(r.body()).path("stored_as").asText()).startsWith(ATTACKER + "/");
      }
    }
    // Rows naming the victim, however the request is dressed, are refused.
    PortalClient.Multipart forged =
        PortalClient.multipart("spoof-forged.csv", FORGED, "operator_id", VICTIM);
    HttpResponse<String> r =
        unchanged(
            () ->
                client.send(
                    "POST",
                    "/api/returns?operator=" + VICTIM,
                    forged.body(),
                    "Content-Type",
                    forged.contentType(),
                    "Authorization",
                    "Bearer " + attackerToken,
                    "X-Operator",
                    VICTIM));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
    assertThat(FolderSnapshot.of(landing.resolve(VICTIM))).isEqualTo(victimFolder);
    assertThat(FolderSnapshot.of(warehouseDir)).isEqualTo(stored);
  }

  @Test
  void pathTraversalInAddressesFindsNothing() throws Exception {
    unchanged(
        () -> {
          for (String url :
              List.of(
                  "/files/" + VICTIM + "/..%2F..%2Fusers.json",
                  "/files/" + ATTACKER + "/..%2F..%2Fusers.json",
                  "/files/" + ATTACKER + "/%2e%2e%2f%2e%2e%2fusers.json",
                  "/files/..%2F" + VICTIM + "/" + victimStored.substring(VICTIM.length() + 1),
                  "/files/" + ATTACKER + "/../" + victimStored,
                  "/results/" + ATTACKER + "/..%2F..%2Fresults%2F" + VICTIM,
                  "/results/..%2Fstate/x",
                  "/results/" + ATTACKER + "/" + victimStored.substring(VICTIM.length() + 1),
                  "/api/results/"
                      + ATTACKER
                      + "/..%2F"
                      + VICTIM
                      + "%2F"
                      + victimStored.substring(VICTIM.length() + 1),
                  "/files/" + ATTACKER + "/20250101T000000Z_%00.csv")) {
            HttpResponse<String> got = client.get(url, attackerToken);
            assertThat(got.statusCode()).as(url).isIn(400, 404);
            assertThat(got.body()).as(url).doesNotContain("\"salt\"").doesNotContain(VICTIM + ",");
          }
          return null;
        });
  }

  @Test
  void oddFileNamesAreStoredSanitisedInTheSendersFolderAndShownEscaped() throws Exception {
    Map<String, String> victimFolder = FolderSnapshot.of(landing.resolve(VICTIM));
    Map<String, String> stored = FolderSnapshot.of(warehouseDir);
    List<String> names =
        List.of(
            "../../" + VICTIM + "/evil.csv",
            "..\\\\..\\\\" + VICTIM + "\\\\evil.csv",
            "/etc/passwd.csv",
            "<script>alert(1)</script>.csv",
            "rapport été 2025.csv",
            ".hidden.csv",
            "CON.csv",
            "x".repeat(300) + ".csv",
            "evil\u202Evsc.exe.csv");
    int n = 0;
    for (String name : names) {
      byte[] own = Uploads.csv(Uploads.row(ATTACKER, "2025-Q4", "AS8" + n++, 800));
      HttpResponse<String> r = client.upload("/api/returns", attackerToken, name, own);
      assertThat(r.statusCode()).as(name + ": " + r.body()).isEqualTo(201);
      String as = JSON.readTree(r.body()).path("stored_as").asText();
      assertThat(as).as(name).matches(ATTACKER + "/\\d{8}T\\d{6}Z_[A-Za-z0-9][A-Za-z0-9._-]*");
      assertThat(landing.resolve(as)).exists();
      if (name.startsWith("<script>")) {
        String page =
            client.get(JSON.readTree(r.body()).path("result_url").asText(), attackerToken).body();
        assertThat(page).doesNotContain("<script>alert(1)</script>");
        assertThat(page).contains("Checks of &lt;script&gt;alert(1)&lt;/script&gt;.csv");
      }
    }
    assertThat(FolderSnapshot.of(landing.resolve(VICTIM))).isEqualTo(victimFolder);
    assertThat(FolderSnapshot.of(warehouseDir)).isEqualTo(stored);
    try (var all = Files.walk(temp)) {
      assertThat(
              all.filter(Files::isRegularFile)
                  .filter(p -> p.getFileName().toString().contains("evil"))
                  .filter(p -> !p.startsWith(landing.resolve(ATTACKER)))
                  .filter(p -> !p.startsWith(temp.resolve("state")))
                  .toList())
          .isEmpty();
    }
  }

  @Test
  void tamperedTokensAreRefused() throws Exception {
    String revoked =
        Credentials.at(temp.resolve("users.json")).create("FR-REVOKED", Credentials.Role.OPERATOR);
    Credentials.at(temp.resolve("users.json")).revoke(revoked.substring(0, revoked.indexOf('.')));
    String id = victimToken.substring(0, victimToken.indexOf('.'));
    String secret = victimToken.substring(victimToken.indexOf('.') + 1);
    List<String> tampered =
        List.of(
            victimToken.toUpperCase(java.util.Locale.ROOT),
            id + "." + secret.toLowerCase(java.util.Locale.ROOT),
            id + ". " + secret,
            id + "." + secret.substring(0, 20) + " " + secret.substring(20),
            id + "." + secret.substring(0, 10) + "\t" + secret.substring(10),
            id + "." + secret.substring(1),
            attackerToken.substring(0, attackerToken.indexOf('.')) + "." + secret,
            revoked);
    unchanged(
        () -> {
          for (String t : tampered) {
            // The genuine token first, on the same connection: a tampered one must not be taken
            // for it (Jetty's header cache once did, ignoring case).
            assertThat(client.get("/api/submissions", victimToken).statusCode()).isEqualTo(200);
            HttpResponse<String> r = client.upload("/api/returns", t, "t.csv", FORGED);
            assertThat(r.statusCode())
                .as(t + " " + r.headers().map() + " " + r.body())
                .isEqualTo(401);
            assertThat(JSON.readTree(r.body()).path("error").asText())
                .isEqualTo("Give a valid token: Authorization: Bearer TOKEN");
            assertThat(client.get("/api/submissions", t).statusCode()).as(t).isEqualTo(401);
          }
          HttpResponse<String> basic =
              client.send("GET", "/api/submissions", null, "Authorization", "Basic " + victimToken);
          assertThat(basic.statusCode()).isEqualTo(401);
          for (String query : List.of("?token=", "?access_token=")) {
            HttpResponse<String> inAddress =
                client.get("/api/submissions" + query + victimToken, null);
            assertThat(inAddress.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(inAddress.body()).path("error").asText())
                .startsWith("Send the token in the Authorization header");
            assertThat(inAddress.body()).doesNotContain(VICTIM);
            assertThat(client.get("/upload" + query + victimToken, null).statusCode())
                .isEqualTo(400);
          }
          return null;
        });
  }

  @Test
  void crossSiteFormsAndSignInsAreRefused() throws Exception {
    PortalClient.Browser victim = client.browser(victimToken);
    PortalClient.Browser attacker = client.browser(attackerToken);
    unchanged(
        () -> {
          // A page on another site posts the upload form with the victim's cookie.
          assertRefused(
              client.uploadAsBrowser(
                  victim, victim.formToken(), "x.csv", GENUINE, "Origin", "http://evil.example"),
              403,
              "This request came from another site, so it was refused.");
          assertRefused(
              client.uploadAsBrowser(
                  victim,
                  victim.formToken(),
                  "x.csv",
                  GENUINE,
                  "Origin",
                  "null",
                  "Sec-Fetch-Site",
                  "cross-site"),
              403,
              "This request came from another site, so it was refused.");
          // An origin the browser hides (null) is no credential: the form token decides.
          assertRefused(
              client.uploadAsBrowser(victim, null, "x.csv", GENUINE, "Origin", "null"),
              403,
              "This form had expired or did not come from the portal.");
          assertRefused(
              client.uploadAsBrowser(
                  victim, victim.formToken(), "x.csv", GENUINE, "Sec-Fetch-Site", "cross-site"),
              403,
              "This request came from another site, so it was refused.");
          // Without the form's token, with a wrong one, or with another session's.
          for (String token : new String[] {null, "forged", attacker.formToken()}) {
            assertRefused(
                client.uploadAsBrowser(victim, token, "x.csv", GENUINE),
                403,
                "This form had expired or did not come from the portal.");
          }
          // The API takes no cookie: a cross-site form to it is simply unauthenticated.
          PortalClient.Multipart m = PortalClient.multipart("x.csv", GENUINE);
          assertThat(
                  client
                      .send(
                          "POST",
                          "/api/returns",
                          m.body(),
                          "Content-Type",
                          m.contentType(),
                          "Cookie",
                          victim.cookie())
                      .statusCode())
              .isEqualTo(401);
          // Sign-out from another site leaves the session alone.
          assertRefused(
              client.send(
                  "POST",
                  "/signout",
                  ("csrf=" + victim.formToken()).getBytes(StandardCharsets.US_ASCII),
                  "Content-Type",
                  "application/x-www-form-urlencoded",
                  "Cookie",
                  victim.cookie(),
                  "Origin",
                  "http://evil.example"),
              403,
              null);
          assertThat(client.getWithCookie("/upload", victim.cookie()).statusCode()).isEqualTo(200);
          // Login CSRF: another site signs the browser in with the attacker's token.
          HttpResponse<String> page = client.get("/signin", null);
          String form =
              "csrf="
                  + java.net.URLEncoder.encode(
                      PortalClient.formToken(page.body()), StandardCharsets.UTF_8)
                  + "&token="
                  + java.net.URLEncoder.encode(attackerToken, StandardCharsets.UTF_8);
          HttpResponse<String> crossSite =
              client.send(
                  "POST",
                  "/signin",
                  form.getBytes(StandardCharsets.US_ASCII),
                  "Content-Type",
                  "application/x-www-form-urlencoded",
                  "Cookie",
                  PortalClient.cookie(page, Portal.SIGN_IN_COOKIE),
                  "Origin",
                  "http://evil.example");
          assertThat(crossSite.statusCode()).isEqualTo(403);
          assertThat(crossSite.headers().allValues("Set-Cookie"))
              .noneMatch(c -> c.startsWith(Portal.SESSION_COOKIE + "=") && c.length() > 20);
          // Without Origin (an old browser), the sign-in form's cookie is still missing.
          HttpResponse<String> noCookie =
              client.send(
                  "POST",
                  "/signin",
                  form.getBytes(StandardCharsets.US_ASCII),
                  "Content-Type",
                  "application/x-www-form-urlencoded");
          assertThat(noCookie.statusCode()).isEqualTo(403);
          assertThat(noCookie.body())
              .contains("The sign-in form had expired or did not come from this site.");
          assertThat(noCookie.headers().allValues("Set-Cookie"))
              .noneMatch(c -> c.startsWith(Portal.SESSION_COOKIE + "="));
          return null;
        });
    // The session cookie is HttpOnly and SameSite=Strict; on plain HTTP it cannot be Secure.
    HttpResponse<String> signIn = client.signIn(victimToken);
    String set =
        signIn.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith(Portal.SESSION_COOKIE + "="))
            .findFirst()
            .orElseThrow();
    assertThat(set)
        .contains("HttpOnly")
        .contains("SameSite=Strict")
        .contains("Path=/")
        .doesNotContain("Secure");
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    PortalClient.Browser attacker = client.browser(attackerToken);
    List<HttpResponse<String>> answers =
        List.of(
            client.get("/signin", null),
            client.getWithCookie("/upload", attacker.cookie()),
            client.getWithCookie("/history", attacker.cookie()),
            client.get(victimResult, victimToken),
            client.get(victimResult + "/annotated.xlsx", victimToken),
            client.get("/files/" + victimStored, victimToken),
            client.get("/template?lang=fr", victimToken),
            client.get("/api/submissions", victimToken),
            client.get("/api" + victimResult, victimToken),
            client.get("/api/submissions", null),
            client.get("/no/such/page", null),
            client.get("/api/results/" + VICTIM + "/r-0000000000000000", attackerToken),
            client.get("/upload?token=x", null));
    for (HttpResponse<String> r : answers) {
      String what = r.request().uri().getPath() + " " + r.statusCode();
      assertThat(r.headers().firstValue("Content-Security-Policy"))
          .as(what)
          .hasValue(
              "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
      assertThat(r.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
      assertThat(r.headers().firstValue("Cache-Control")).as(what).hasValue("no-store");
      if (r.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
        // Nothing inline for the policy to allow: no script at all, no inline style.
        assertThat(r.body())
            .as(what)
            .doesNotContain("<script")
            .doesNotContain("<style")
            .doesNotContain(" style=");
        // Every text came from the message bundle (a missing key shows as ??key??).
        assertThat(r.body()).as(what).doesNotContain("??");
      }
    }
    HttpResponse<String> css = client.get("/portal.css", null);
    assertThat(css.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/css"));
    assertThat(css.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void oversizeUploadsAreRefused() throws Exception {
    byte[] big = new byte[5_200_000];
    java.util.Arrays.fill(big, (byte) 'a');
    HttpResponse<String> r =
        unchanged(() -> client.upload("/api/returns", attackerToken, "big.csv", big));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(r.body()).path("error").asText())
        .startsWith("The file is larger than the limit of 5 MB.");
  }

  @Test
  void macroEnabledWorkbooksAreRefusedAndNotKept() throws Exception {
    for (String name : List.of("return.xlsm", "return-with-macros.xlsx")) {
      HttpResponse<String> r =
          unchanged(
              () ->
                  client.upload(
                      "/api/returns", attackerToken, name, Uploads.macroWorkbook(ATTACKER)));
      assertThat(r.statusCode()).as(name + ": " + r.body()).isEqualTo(422);
      JsonNode json = JSON.readTree(r.body());
      assertThat(json.path("stored").asBoolean()).isFalse();
      assertThat(json.path("error").asText())
          .isEqualTo(
              "The file was not kept: the workbook contains macros, and the portal takes no active"
                  + " content. Save it as an Excel Workbook (.xlsx, without macros) and send it again.");
    }
  }

  @Test
  void aWorkbookThatBreaksTheReadersIsA4xxNeverA500() throws Exception {
    HttpResponse<String> r =
        unchanged(
            () ->
                client.upload(
                    "/api/returns", attackerToken, "far.xlsx", Uploads.farCellReference(ATTACKER)));
    System.out.println("far cell reference: " + r.statusCode() + " " + r.body());
    assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
    JsonNode json = JSON.readTree(r.body());
    assertThat(json.path("error").asText())
        .isNotBlank()
        .doesNotContain("Exception")
        .doesNotContain("at org.");
  }
}
