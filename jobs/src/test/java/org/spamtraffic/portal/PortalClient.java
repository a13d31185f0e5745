package org.spamtraffic.portal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP calls against an embedded portal, as a script (or a browser, by hand) would make them. */
final class PortalClient {
  private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"");

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final String base;

  PortalClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  String base() {
    return base;
  }

  /** A multipart body with field {@code file} named {@code name}, and its content type. */
  static Multipart multipart(String name, byte[] content, String... extraFields) {
    String boundary = "----spamtraffic" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int i = 0; i + 1 < extraFields.length; i += 2) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + extraFields[i]
                  + "\"\r\n\r\n"
                  + extraFields[i + 1]
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return new Multipart("multipart/form-data; boundary=" + boundary, body.toByteArray());
  }

  /** A multipart body and its content type. */
  record Multipart(String contentType, byte[] body) {}

  /** POSTs {@code content} as multipart field {@code file} named {@code name}. */
  HttpResponse<String> upload(String path, String token, String name, byte[] content)
      throws IOException, InterruptedException {
    Multipart m = multipart(name, content);
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", m.contentType())
            .POST(HttpRequest.BodyPublishers.ofByteArray(m.body()));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> upload(String token, Path file, String name)
      throws IOException, InterruptedException {
    return upload("/api/returns", token, name, Files.readAllBytes(file));
  }

  /** Any request: method, path, body (null for none) and header name-value pairs. */
  HttpResponse<String> send(String method, String path, byte[] body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      r.header(headers[i], headers[i + 1]);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> form(String path, String body, String cookie)
      throws IOException, InterruptedException {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (cookie != null) {
      r.header("Cookie", cookie);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> getWithCookie(String path, String cookie)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The form token in a page. */
  static String formToken(String html) {
    Matcher m = FORM_TOKEN.matcher(html);
    if (!m.find()) {
      throw new AssertionError("No form token in the page: " + html);
    }
    return m.group(1);
  }

  /** The {@code name=value} of cookie {@code name} set by a response. */
  static String cookie(HttpResponse<?> r, String name) {
    for (String c : r.headers().allValues("Set-Cookie")) {
      if (c.startsWith(name + "=")) {
        return c.split(";", 2)[0];
      }
    }
    throw new AssertionError("No cookie " + name + " in " + r.headers().allValues("Set-Cookie"));
  }

  /** What a browser holds after signing in the way a person does. */
  record Browser(String cookie, String formToken) {}

  /** Fetches the sign-in form and sends it with {@code token}, as a browser would. */
  HttpResponse<String> signIn(String token) throws IOException, InterruptedException {
    HttpResponse<String> page = get("/signin", null);
    String preSession = cookie(page, Portal.SIGN_IN_COOKIE);
    return form(
        "/signin",
        "csrf="
            + URLEncoder.encode(formToken(page.body()), StandardCharsets.UTF_8)
            + "&token="
            + URLEncoder.encode(token, StandardCharsets.UTF_8),
        preSession);
  }

  /** Signs in and reads the upload page's form token: a signed-in browser. */
  Browser browser(String token) throws IOException, InterruptedException {
    HttpResponse<String> r = signIn(token);
    if (r.statusCode() != 302) {
      throw new AssertionError("Sign-in failed: " + r.statusCode() + " " + r.body());
    }
    String cookie = cookie(r, Portal.SESSION_COOKIE);
    return new Browser(cookie, formToken(getWithCookie("/upload", cookie).body()));
  }

  /** Uploads through the page's form as {@code browser}, with extra headers. */
  HttpResponse<String> uploadAsBrowser(
      Browser browser, String formToken, String name, byte[] content, String... headers)
      throws IOException, InterruptedException {
    Multipart m = multipart(name, content);
    List<String> all =
        new ArrayList<>(List.of("Content-Type", m.contentType(), "Cookie", browser.cookie()));
    all.addAll(List.of(headers));
    String query =
        formToken == null ? "" : "?csrf=" + URLEncoder.encode(formToken, StandardCharsets.UTF_8);
    return send("POST", "/upload" + query, m.body(), all.toArray(String[]::new));
  }
}
