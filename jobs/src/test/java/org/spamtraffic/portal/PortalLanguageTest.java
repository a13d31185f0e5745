package org.spamtraffic.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spamtraffic.language.Language;

/**
 * The portal in the six languages: the browser's {@code Accept-Language} chooses, the switch
 * ({@code ?lang=}) overrides and is remembered, Arabic pages run right to left, the API answers in
 * the language asked for, and no English is left on a page in another language.
 */
class PortalLanguageTest {
  @TempDir static Path temp;
  private static Portal portal;
  private static PortalClient client;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    Path users = temp.resolve("users.json");
    token = Credentials.at(users).create("KE-LANG", Credentials.Role.OPERATOR);
    portal =
        Portal.start(
            new Portal.Options(
                "127.0.0.1",
                0,
                temp.resolve("landing"),
                temp.resolve("state"),
                users,
                null,
                5_000_000,
                100),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    client = new PortalClient(portal.port());
  }

  @AfterAll
  static void stop() {
    if (portal != null) {
      portal.close();
    }
  }

  @Test
  void theBrowsersLanguageChoosesAndTheSwitchIsRemembered() throws Exception {
    HttpResponse<String> fr =
        client.send("GET", "/signin", null, "Accept-Language", "de-CH, fr;q=0.8, en;q=0.5");
    assertThat(fr.body())
        .contains("<html lang=\"fr\" dir=\"ltr\">")
        .contains("Votre jeton d’accès");

    HttpResponse<String> ar = client.send("GET", "/signin?lang=ar", null, "Accept-Language", "fr");
    assertThat(ar.body())
        .contains("<html lang=\"ar\" dir=\"rtl\">")
        .contains("رمز النفاذ الخاص بك");
    String remembered = PortalClient.cookie(ar, Portal.LANGUAGE_COOKIE);
    assertThat(remembered).isEqualTo(Portal.LANGUAGE_COOKIE + "=ar");
    assertThat(ar.headers().allValues("Set-Cookie").toString())
        .contains("Max-Age=31536000")
        .contains("HttpOnly");

    // The remembered choice beats the browser's language on the next visit.
    HttpResponse<String> again =
        client.send("GET", "/signin", null, "Accept-Language", "fr", "Cookie", remembered);
    assertThat(again.body()).contains("<html lang=\"ar\" dir=\"rtl\">");

    // The switch shows every language by its own name, the current one not as a link.
    assertThat(again.body())
        .contains("<a href=\"?lang=zh\" lang=\"zh-CN\" dir=\"ltr\">中文</a>")
        .contains("<strong class=\"current\" lang=\"ar\">العربية</strong>");

    // A language that is not one of the six changes nothing.
    HttpResponse<String> other =
        client.send("GET", "/signin?lang=de", null, "Accept-Language", "ru");
    assertThat(other.body()).contains("<html lang=\"ru\" dir=\"ltr\">");
  }

  @Test
  void theApiAnswersInTheLanguageAskedFor() throws Exception {
    PortalClient.Multipart m = PortalClient.multipart("bad.csv", Uploads.badCsv("KE-LANG"));
    HttpResponse<String> zh =
        client.send(
            "POST",
            "/api/returns",
            m.body(),
            "Content-Type",
            m.contentType(),
            "Authorization",
            "Bearer " + token,
            "Accept-Language",
            "zh-CN");
    assertThat(zh.statusCode()).isEqualTo(201);
    JsonNode json = new ObjectMapper().readTree(zh.body());
    assertThat(json.path("language").asText()).isEqualTo("zh");
    assertThat(json.path("message").asText()).startsWith("1 行正确，1 行有错误。");
    JsonNode finding = json.path("findings").get(0);
    assertThat(finding.path("rule").asText()).isEqualTo("country_code");
    assertThat(finding.path("message").asText())
        .isEqualTo("source_country“XXX”不是 ISO 3166-1 alpha-3 代码（不知道时填 unknown）。");

    // The same saved result, read again in Russian by ?lang=.
    String url = json.path("result_url").asText().replace("/results/", "/api/results/");
    JsonNode ru = new ObjectMapper().readTree(client.get(url + "?lang=ru", token).body());
    assertThat(ru.path("message").asText()).startsWith("1 строка верна, в 1 строке есть ошибки.");
    assertThat(ru.path("findings").get(0).path("message").asText())
        .startsWith("source_country «XXX» не является кодом ISO 3166-1 alpha-3");

    // Errors too.
    HttpResponse<String> refused =
        client.send("GET", "/api/submissions", null, "Accept-Language", "es");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("Indique un token válido");
  }

  @ParameterizedTest
  @EnumSource(
      value = Language.class,
      names = {"FRENCH", "SPANISH", "ARABIC", "CHINESE", "RUSSIAN"})
  void noEnglishIsLeftOnAPageInAnotherLanguage(Language language) throws Exception {
    String lang = "?lang=" + language.code();
    HttpResponse<String> signin = client.send("GET", "/signin" + lang, null);
    assertThat(EnglishLeft.in(EnglishLeft.visibleText(signin.body()), language))
        .as("sign-in page in %s", language)
        .isEmpty();

    PortalClient.Browser b = client.browser(token);
    String cookie = b.cookie() + "; " + Portal.LANGUAGE_COOKIE + "=" + language.code();
    HttpResponse<String> upload = client.getWithCookie("/upload", cookie);
    assertThat(upload.body()).contains("lang=\"" + language.tag() + "\"");
    assertThat(EnglishLeft.in(EnglishLeft.visibleText(upload.body()), language, "KE-LANG"))
        .as("upload page in %s", language)
        .isEmpty();

    String name = "return-" + language.code() + ".csv";
    HttpResponse<String> sent =
        client.uploadAsBrowser(
            new PortalClient.Browser(cookie, b.formToken()),
            b.formToken(),
            name,
            Uploads.badCsv("KE-LANG"));
    assertThat(sent.statusCode()).isEqualTo(302);
    String resultPath = sent.headers().firstValue("Location").orElseThrow();
    HttpResponse<String> result = client.getWithCookie(resultPath, cookie);
    assertThat(result.statusCode()).isEqualTo(200);
    assertThat(result.body()).contains("id=\"findings\"");
    assertThat(EnglishLeft.in(EnglishLeft.visibleText(result.body()), language, name, "KE-LANG"))
        .as("result page in %s", language)
        .isEmpty();

    HttpResponse<String> history = client.getWithCookie("/history", cookie);
    String[] names = {
      "KE-LANG",
      "return-fr.csv",
      "return-es.csv",
      "return-ar.csv",
      "return-zh.csv",
      "return-ru.csv",
      "bad.csv"
    };
    assertThat(EnglishLeft.in(EnglishLeft.visibleText(history.body()), language, names))
        .as("history page in %s", language)
        .isEmpty();

    HttpResponse<String> missing =
        client.getWithCookie("/results/KE-LANG/r-0000000000000000", cookie);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(EnglishLeft.in(EnglishLeft.visibleText(missing.body()), language, "KE-LANG"))
        .as("problem page in %s", language)
        .isEmpty();
  }

  @Test
  void theCheckCatchesEnglish() {
    // The check itself must be able to fail.
    assertThat(EnglishLeft.in("Проверки файла x.csv: Rows read 2", Language.RUSSIAN, "x.csv"))
        .containsExactly("Rows", "read");
    assertThat(EnglishLeft.in("Lignes lues 2 · Send another file", Language.FRENCH))
        .containsExactly("Send");
    assertThat(EnglishLeft.in("第 3 行，G 列（source_country）ISO 3166-1 alpha-3", Language.CHINESE))
        .isEmpty();
  }
}
