package org.spamtraffic.portal;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
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
 * The attack of issue 13: signed in as FR-AZUR, an operator uploads rows that say KE-KILIMA, by the
 * API and in a browser, and a file with KE-KILIMA's rows is placed in FR-AZUR's landing folder. The
 * operator is the token's (or the folder's), never the file's: the uploads are refused or their
 * foreign rows rejected, nothing supersedes KE-KILIMA's genuine return, and after the next {@code
 * ingest-returns} KE-KILIMA's rows in {@code returns}, {@code submissions} and {@code rejects} are
 * exactly what they were.
 */
class CrossOperatorAttackTest {
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
    String warehouseUri = temp.resolve("warehouse").toUri().toString();
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
                100),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    client = new PortalClient(portal.port());
    spark = SparkSessions.forTests("cross-operator-attack");
    warehouse = Warehouse.at(spark, warehouseUri);

    HttpResponse<String> genuine =
        client.upload("/api/returns", victimToken, "kilima-2025-Q1.csv", GENUINE);
    assertThat(genuine.statusCode()).as(genuine.body()).isEqualTo(201);
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
    List<Row> attackerFiles =
        warehouse.read("submissions").where(col("operator_id").equalTo(ATTACKER)).collectAsList();
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
}
