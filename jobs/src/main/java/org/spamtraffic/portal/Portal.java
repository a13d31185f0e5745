package org.spamtraffic.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.spamtraffic.intake.FileInspector;
import org.spamtraffic.intake.annotate.Annotator;
import org.spamtraffic.intake.template.ReturnTemplate;
import org.spamtraffic.schema.Field;
import org.spamtraffic.schema.ReturnFormat;
import org.spamtraffic.validate.FileOwner;
import org.spamtraffic.validate.ReturnValidator;
import org.spamtraffic.validate.ValidationJson;
import org.spamtraffic.validate.ValidationReport;

/**
 * The operators' upload portal ({@code bin/spamtraffic serve}): sign in with an access token,
 * download the template, upload a return and read the checks at once (with the workbook marked up
 * to download), see the history of one's submissions. The same upload works from scripts: {@code
 * POST /api/returns} with {@code Authorization: Bearer TOKEN} answers with the validation JSON of
 * {@code validate --json}.
 *
 * <p>Uploads go to a staging folder outside the landing folder, are checked there (type by content,
 * size, zip bombs, encryption: {@link FileInspector}), and only a file with usable rows is copied
 * into the landing folder under the operator's id ({@link Landing}). An operator sees and downloads
 * only its own files; an analyst sees all. Every request is logged in one line.
 */
public final class Portal implements AutoCloseable {
  /**
   * How the portal runs.
   *
   * @param host address to listen on (127.0.0.1 for tests and behind a proxy)
   * @param port port, or 0 for any free port
   * @param landing the landing folder ingest-returns reads
   * @param state where the portal keeps check results and annotated workbooks (never in landing)
   * @param users the credentials file
   * @param warehouse the warehouse URI whose {@code submissions} table gives batch statuses, or
   *     null
   * @param maxUploadBytes largest file accepted
   * @param uploadsPerMinute uploads allowed per operator and minute
   */
  public record Options(
      String host,
      int port,
      Path landing,
      Path state,
      Path users,
      String warehouse,
      long maxUploadBytes,
      int uploadsPerMinute) {}

  private static final String SESSION_COOKIE = "st_session";
  private static final String PRINCIPAL = "principal";
  private static final String FAILED = "failed";
  private static final String OPERATOR_ATTRIBUTE = "spamtraffic.operator";
  private static final String ID = "^r-[0-9a-f]{16}$";
  private static final int SHOWN_FINDINGS = 25;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Options options;
  private final Landing landing;
  private final Credentials credentials;
  private final RateLimiter limiter;
  private final BatchStatuses statuses;
  private final PrintStream log;
  private final Path staging;
  private final Map<String, String> sessions = new ConcurrentHashMap<>();
  private final Map<String, byte[]> templates = new ConcurrentHashMap<>();
  private final Javalin app;

  private Portal(Options options, PrintStream log) {
    this.options = options;
    this.landing = new Landing(options.landing());
    this.credentials = Credentials.at(options.users());
    this.limiter = new RateLimiter(options.uploadsPerMinute(), 60_000, Clock.systemUTC());
    this.statuses = new BatchStatuses(options.warehouse());
    this.log = log;
    try {
      Files.createDirectories(options.state());
      Path stagingFolder = options.state().resolve("staging");
      // Uploads a previous run left half-way (a crash, a kill) are never kept: start clean.
      if (Files.isDirectory(stagingFolder)) {
        deleteQuietly(stagingFolder);
      }
      this.staging = Files.createDirectories(stagingFolder);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot use the state folder " + options.state(), e);
    }
    Path stateReal = options.state().toAbsolutePath().normalize();
    if (stateReal.startsWith(landing.root()) || landing.root().startsWith(stateReal)) {
      throw new IllegalArgumentException(
          "The state folder must not be inside the landing folder (or contain it): "
              + options.state());
    }
    this.app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              // Parts up to the upload limit; large parts go to a temporary file, never to landing.
              config.jetty.multipartConfig.cacheDirectory(staging.toString());
              config.jetty.multipartConfig.maxFileSize(
                  options.maxUploadBytes(), io.javalin.config.SizeUnit.BYTES);
              config.jetty.multipartConfig.maxTotalRequestSize(
                  options.maxUploadBytes() + 65_536, io.javalin.config.SizeUnit.BYTES);
              config.jetty.multipartConfig.maxInMemoryFileSize(1, io.javalin.config.SizeUnit.MB);
              config.jetty.modifyServer(server -> server.setRequestLog(this::logRequest));
            });
    routes();
  }

  /** Starts a portal; {@link #port()} tells where it listens. */
  public static Portal start(Options options, PrintStream log) {
    Portal p = new Portal(options, log);
    p.app.start(options.host(), options.port());
    return p;
  }

  /** The port the portal listens on. */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }

  // ---- routes -------------------------------------------------------------------------------

  private void routes() {
    app.before(
        ctx -> {
          Credentials.Principal who = principal(ctx).orElse(null);
          ctx.attribute(PRINCIPAL, who);
          ctx.req().setAttribute(OPERATOR_ATTRIBUTE, who == null ? null : who.operator());
        });
    app.get("/", ctx -> ctx.redirect(signedIn(ctx) == null ? "/signin" : "/upload"));
    app.get("/signin", ctx -> ctx.html(signInPage(null)));
    app.post("/signin", this::signIn);
    app.post("/signout", this::signOut);
    app.get("/template", this::template);
    app.get("/upload", ctx -> page(ctx, this::uploadPage));
    app.post("/upload", this::uploadFromPage);
    app.get("/history", ctx -> page(ctx, this::historyPage));
    app.get("/results/{operator}/{id}", this::resultPage);
    app.get("/results/{operator}/{id}/annotated.xlsx", this::annotatedDownload);
    app.get("/files/{operator}/{name}", this::originalDownload);
    app.post("/api/returns", this::uploadFromApi);
    app.get("/api/submissions", this::submissionsApi);
    app.get("/api/results/{operator}/{id}", this::resultApi);
    app.exception(
        Exception.class,
        (e, ctx) -> {
          // Never a stack trace to the person: one sentence, and the details in the log.
          log.println(Instant.now() + " error " + ctx.method() + " " + ctx.path() + ": " + e);
          String message =
              tooLarge(e)
                  ? sizeMessage()
                  : "Something went wrong on our side; the study team can find the details in the"
                      + " portal's log.";
          fail(ctx, tooLarge(e) ? 413 : 500, message);
        });
    app.error(
        404,
        ctx -> {
          if (ctx.attribute(FAILED) == null) {
            fail(ctx, 404, "There is nothing here, or it is not yours to see.");
          }
        });
  }

  private static boolean tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("exceeds max") || m.contains("too large") || m.contains("max file size")) {
        return true;
      }
    }
    return false;
  }

  private String sizeMessage() {
    return "The file is larger than the limit of "
        + megabytes(options.maxUploadBytes())
        + ". Send the return in several files (one per period, for example).";
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.0f MB", bytes / 1_000_000.0);
  }

  // ---- who is asking ------------------------------------------------------------------------

  private Optional<Credentials.Principal> principal(Context ctx) {
    String auth = ctx.header("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return credentials.verify(auth.substring(7).strip());
    }
    String session = ctx.cookie(SESSION_COOKIE);
    if (session == null) {
      return Optional.empty();
    }
    String token = sessions.get(session);
    // The token is checked on every request, so a revoked token ends its sessions too.
    return token == null ? Optional.empty() : credentials.verify(token);
  }

  private static Credentials.Principal signedIn(Context ctx) {
    return ctx.attribute(PRINCIPAL);
  }

  private interface PageBody {
    String render(Context ctx, Credentials.Principal who);
  }

  private void page(Context ctx, PageBody body) {
    Credentials.Principal who = signedIn(ctx);
    if (who == null) {
      ctx.redirect("/signin");
      return;
    }
    ctx.html(body.render(ctx, who));
  }

  private void signIn(Context ctx) {
    String token = ctx.formParam("token");
    Optional<Credentials.Principal> who = credentials.verify(token == null ? null : token.strip());
    if (who.isEmpty()) {
      ctx.status(401)
          .html(
              signInPage(
                  "This access token is not valid (or has been revoked)."
                      + " Check that you copied all of it, or ask the study team for a new one."));
      return;
    }
    String session = HexFormat.of().formatHex(random(32));
    sessions.put(session, token.strip());
    ctx.header(
        "Set-Cookie", SESSION_COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Strict");
    ctx.attribute(PRINCIPAL, who.get());
    ctx.redirect("/upload");
  }

  private void signOut(Context ctx) {
    String session = ctx.cookie(SESSION_COOKIE);
    if (session != null) {
      sessions.remove(session);
    }
    ctx.header("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    ctx.redirect("/signin");
  }

  private String signInPage(String error) {
    StringBuilder b = new StringBuilder();
    b.append("<h1>Sign in</h1>");
    if (error != null) {
      b.append("<p class=\"message\" id=\"error\">").append(Html.esc(error)).append("</p>");
    }
    b.append("<div class=\"box\"><form method=\"post\" action=\"/signin\">")
        .append("<p><label for=\"token\">Your access token</label><br>")
        .append(
            "<input type=\"password\" id=\"token\" name=\"token\" autocomplete=\"off\" required>")
        .append("</p><p><button type=\"submit\" id=\"signin\">Sign in</button></p></form>")
        .append("<p class=\"muted\">The study team sends each operator its own token. Keep it")
        .append(" like a password.</p></div>");
    return Html.page("Sign in", null, b.toString());
  }

  // ---- template -----------------------------------------------------------------------------

  private void template(Context ctx) throws IOException {
    if (signedIn(ctx) == null) {
      ctx.redirect("/signin");
      return;
    }
    String lang = Optional.ofNullable(ctx.queryParam("lang")).orElse("en");
    if (!ReturnTemplate.LANGUAGES.contains(lang)) {
      fail(ctx, 400, "There is no template in '" + lang + "'; choose en, fr, es, ar, zh or ru.");
      return;
    }
    byte[] bytes =
        templates.computeIfAbsent(
            lang,
            l -> {
              ByteArrayOutputStream out = new ByteArrayOutputStream();
              try {
                ReturnTemplate.of(ReturnFormat.v1(), l).write(out);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return out.toByteArray();
            });
    ctx.header(
        "Content-Disposition", "attachment; filename=\"spam-return-template-" + lang + ".xlsx\"");
    ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    ctx.result(bytes);
  }

  // ---- upload -------------------------------------------------------------------------------

  private String uploadPage(Context ctx, Credentials.Principal who) {
    StringBuilder b = new StringBuilder();
    b.append("<h1>Send a return</h1><div class=\"box\">")
        .append("<form method=\"post\" action=\"/upload\" enctype=\"multipart/form-data\">")
        .append("<p><label for=\"file\">Your return (CSV, XLSX or XLS, up to ")
        .append(megabytes(options.maxUploadBytes()))
        .append(")</label><br><input type=\"file\" id=\"file\" name=\"file\" required></p>")
        .append("<p><button type=\"submit\" id=\"send\">Check and send</button></p></form>")
        .append("<p class=\"muted\">The file is checked at once with the rules of the study.")
        .append(" Files with usable rows are kept for the next batch run; to correct a file,")
        .append(" send the whole file again: the newer one replaces it.</p></div>")
        .append("<h2>No file yet?</h2><div class=\"box\"><p>Download the template, fill it in")
        .append(" and send it here.</p><form method=\"get\" action=\"/template\">")
        .append("<label for=\"lang\">Language</label> <select id=\"lang\" name=\"lang\">");
    for (String[] l :
        new String[][] {
          {"en", "English"},
          {"fr", "Français"},
          {"es", "Español"},
          {"ar", "العربية (labels in English)"},
          {"zh", "中文 (labels in English)"},
          {"ru", "Русский (labels in English)"}
        }) {
      b.append("<option value=\"")
          .append(l[0])
          .append("\">")
          .append(Html.esc(l[1]))
          .append("</option>");
    }
    b.append("</select> <button type=\"submit\">Download the template</button></form></div>");
    return Html.page("Upload", who, b.toString());
  }

  /** What happened to one upload. */
  private record Outcome(
      int status,
      String id,
      String operator,
      ValidationReport report,
      Path stored,
      String refusal) {}

  private void uploadFromPage(Context ctx) throws IOException {
    Credentials.Principal who = signedIn(ctx);
    if (who == null) {
      ctx.redirect("/signin");
      return;
    }
    Outcome o = receive(ctx, who);
    if (o.report() == null) {
      fail(ctx, o.status(), o.refusal());
      return;
    }
    ctx.redirect("/results/" + o.operator() + "/" + o.id());
  }

  private void uploadFromApi(Context ctx) throws IOException {
    Credentials.Principal who = signedIn(ctx);
    if (who == null) {
      ctx.status(401).json(Map.of("error", "Give a valid token: Authorization: Bearer TOKEN"));
      return;
    }
    Outcome o = receive(ctx, who);
    if (o.report() == null) {
      fail(ctx, o.status(), o.refusal());
      return;
    }
    ctx.status(o.status()).json(resultJson(o.operator(), o.id()));
  }

  /** Checks limits, stages, validates, annotates and (if usable) stores one upload. */
  private Outcome receive(Context ctx, Credentials.Principal who) throws IOException {
    if (who.role() != Credentials.Role.OPERATOR) {
      return new Outcome(
          403, null, null, null, null, "Only operators send returns; analysts read them.");
    }
    long length = ctx.contentLength();
    if (length > options.maxUploadBytes() + 65_536) {
      return new Outcome(413, null, null, null, null, sizeMessage());
    }
    if (!limiter.tryAcquire(who.operator())) {
      return new Outcome(
          429,
          null,
          null,
          null,
          null,
          "You have sent "
              + limiter.perWindow()
              + " files in the last minute. Wait a minute,"
              + " then send the file again.");
    }
    UploadedFile upload = ctx.uploadedFile("file");
    if (upload == null) {
      return new Outcome(
          400,
          null,
          null,
          null,
          null,
          "No file came with the request: choose a file (form field 'file').");
    }
    if (upload.size() > options.maxUploadBytes()) {
      return new Outcome(413, null, null, null, null, sizeMessage());
    }
    // One time for the stored name and the saved result: the moment the upload arrived.
    Instant received = Instant.now();
    String submitted = upload.filename();
    String id = "r-" + HexFormat.of().formatHex(random(8));
    Path dir = Files.createDirectories(staging.resolve(id));
    try {
      // The staged copy carries the sanitised name, so messages name the file as it will be kept.
      Path staged = dir.resolve(Landing.sanitise(submitted));
      long copied;
      try (InputStream in = upload.content();
          OutputStream out = Files.newOutputStream(staged)) {
        copied = copyAtMost(in, out, options.maxUploadBytes());
      }
      if (copied < 0) {
        return new Outcome(413, null, null, null, null, sizeMessage());
      }
      ReturnValidator validator =
          new ReturnValidator(
              new Configuration(),
              new ReturnValidator.Options(
                  new FileInspector.Limits(
                      options.maxUploadBytes(),
                      FileInspector.Limits.DEFAULT.maxUnzippedBytes(),
                      FileInspector.Limits.DEFAULT.maxZipRatio(),
                      FileInspector.Limits.DEFAULT.chunkBytes()),
                  ReturnValidator.Options.DEFAULT.maxFindings()));
      // The operator is the token's, whatever the file says (FileOwner).
      ValidationReport report = validator.validate(staged.toString(), who.operator());
      boolean usable = report.readable() && report.rowsAccepted() > 0;
      Path stored = null;
      String key = id;
      if (usable) {
        stored = landing.store(who.operator(), submitted, received, staged);
        key = stored.getFileName().toString();
      }
      Path results = Files.createDirectories(resultsFolder(who.operator()));
      new Annotator(Annotator.Options.DEFAULT).annotate(report, results.resolve(key + ".xlsx"));
      Map<String, Object> saved = new LinkedHashMap<>(ValidationJson.of(report));
      saved.put("submitted_name", submitted);
      saved.put("sender", who.operator());
      saved.put("stored", usable);
      saved.put("stored_as", stored == null ? null : who.operator() + "/" + key);
      saved.put("received_at", received.toString());
      saved.put("columns", columnLetters(report));
      JSON.writeValue(results.resolve(key + ".json").toFile(), saved);
      int status = usable ? 201 : sentForAnother(saved) ? 403 : 422;
      return new Outcome(status, key, who.operator(), report, stored, null);
    } finally {
      deleteQuietly(dir);
    }
  }

  /** Copies at most {@code limit} bytes; returns -1 when the stream holds more. */
  private static long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) > 0) {
      total += n;
      if (total > limit) {
        return -1;
      }
      out.write(buffer, 0, n);
    }
    return total;
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover staging folder holds only the operator's own upload; it goes at next start.
    }
  }

  private Path resultsFolder(String operator) {
    if (!Credentials.OPERATOR_ID.matcher(operator).matches()) {
      throw new IllegalArgumentException("Not an operator id: '" + operator + "'");
    }
    return options.state().resolve("results").resolve(operator);
  }

  /** Canonical column → the file's column letter, for "row 5, column H" in the page. */
  private static Map<String, String> columnLetters(ValidationReport report) {
    Map<String, String> out = new LinkedHashMap<>();
    if (report.file().mapping() == null) {
      return out;
    }
    List<Field> fields = ReturnFormat.v1().fields();
    int[] positions = report.file().mapping().positions();
    for (int i = 0; i < fields.size(); i++) {
      if (positions[i] >= 0) {
        out.put(
            fields.get(i).name(),
            org.apache.poi.ss.util.CellReference.convertNumToColString(positions[i]));
      }
    }
    return out;
  }

  // ---- results ------------------------------------------------------------------------------

  /** The saved result of one upload, if {@code who} may see it. */
  private Optional<Map<String, Object>> result(
      Credentials.Principal who, String operator, String id) {
    if (who == null
        || !Credentials.OPERATOR_ID.matcher(operator).matches()
        || !(id.matches(ID) || Landing.STORED_NAME.matcher(id).matches())
        || !who.maySee(operator)) {
      return Optional.empty();
    }
    Path file = resultsFolder(operator).resolve(id + ".json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = JSON.readValue(file.toFile(), LinkedHashMap.class);
      return Optional.of(m);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the saved result " + file, e);
    }
  }

  private Map<String, Object> resultJson(String operator, String id) {
    Map<String, Object> m =
        new LinkedHashMap<>(
            result(new Credentials.Principal("", operator, Credentials.Role.OPERATOR), operator, id)
                .orElseThrow());
    m.put("result_url", "/results/" + operator + "/" + id);
    m.put("annotated_url", "/results/" + operator + "/" + id + "/annotated.xlsx");
    m.put("message", verdict(m));
    if (sentForAnother(m)) {
      m.put("error", m.get("message"));
    }
    return m;
  }

  /** Whether no row can be used and rows name another operator than the sender. */
  @SuppressWarnings("unchecked")
  private static boolean sentForAnother(Map<String, Object> r) {
    Map<String, Object> byRule = (Map<String, Object>) r.get("by_rule");
    return ((Number) r.get("rows_accepted")).longValue() == 0
        && byRule != null
        && byRule.containsKey(FileOwner.SENDER_RULE);
  }

  private void resultApi(Context ctx) {
    Credentials.Principal who = signedIn(ctx);
    if (who == null) {
      ctx.status(401).json(Map.of("error", "Give a valid token: Authorization: Bearer TOKEN"));
      return;
    }
    String operator = ctx.pathParam("operator");
    String id = ctx.pathParam("id");
    if (result(who, operator, id).isEmpty()) {
      fail(ctx, 404, "There is nothing here, or it is not yours to see.");
      return;
    }
    ctx.json(resultJson(operator, id));
  }

  private void submissionsApi(Context ctx) {
    Credentials.Principal who = signedIn(ctx);
    if (who == null) {
      ctx.status(401).json(Map.of("error", "Give a valid token: Authorization: Bearer TOKEN"));
      return;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Landing.Stored s : visible(who)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("operator_id", s.operator());
      m.put("file", s.name());
      m.put("size_bytes", s.sizeBytes());
      m.put(
          "batch_status",
          statuses.of(s.operator(), s.name()).map(BatchStatuses.Status::status).orElse("pending"));
      m.put("result_url", "/results/" + s.operator() + "/" + s.name());
      out.add(m);
    }
    ctx.json(out);
  }

  private List<Landing.Stored> visible(Credentials.Principal who) {
    return landing.list(who.role() == Credentials.Role.ANALYST ? null : who.operator());
  }

  /** The result in one or two plain sentences. */
  @SuppressWarnings("unchecked")
  private static String verdict(Map<String, Object> r) {
    long read = ((Number) r.get("rows_read")).longValue();
    long accepted = ((Number) r.get("rows_accepted")).longValue();
    long rejected = ((Number) r.get("rows_rejected")).longValue();
    List<Map<String, Object>> findings = (List<Map<String, Object>>) r.get("findings");
    String fileError =
        findings.stream()
            .filter(f -> f.get("row") == null && "error".equals(f.get("level")))
            .map(f -> String.valueOf(f.get("message")))
            .findFirst()
            .orElse(null);
    if (sentForAnother(r)) {
      Map<String, Object> byRule = (Map<String, Object>) r.get("by_rule");
      long others = ((Number) byRule.get(FileOwner.SENDER_RULE)).longValue();
      return "The file was not kept: "
          + others
          + (others == 1 ? " row names" : " rows name")
          + " another operator than "
          + r.get("sender")
          + ", the operator you are signed in as, and no row can be used. An operator sends only"
          + " its own figures: write "
          + r.get("sender")
          + " in operator_id on every row.";
    }
    if (fileError != null && read == 0) {
      return "The file could not be read, so it was not kept. " + fileError;
    }
    switch (String.valueOf(r.get("status"))) {
      case "accepted":
        return "All "
            + read
            + " rows are correct. The file is kept and will be counted in the next"
            + " batch run. Thank you.";
      case "accepted_with_rejects":
        return accepted
            + (accepted == 1 ? " row is" : " rows are")
            + " correct and "
            + rejected
            + (rejected == 1 ? " row has" : " rows have")
            + " errors. The file is"
            + " kept: the correct rows will be used. Fix the rows listed below and send the whole"
            + " file again; the new file replaces this one.";
      case "rejected":
        return read == 0
            ? "The file has a header row but no data rows. It was not kept."
            : "None of the "
                + read
                + " rows can be used: every row has an error. The file was not"
                + " kept. Fix the errors below and send it again.";
      default:
        return "The file could not be read, so it was not kept. "
            + (fileError == null ? "" : fileError);
    }
  }

  @SuppressWarnings("unchecked")
  private void resultPage(Context ctx) {
    Credentials.Principal who = signedIn(ctx);
    if (who == null) {
      ctx.redirect("/signin");
      return;
    }
    String operator = ctx.pathParam("operator");
    String id = ctx.pathParam("id");
    Optional<Map<String, Object>> found = result(who, operator, id);
    if (found.isEmpty()) {
      fail(ctx, 404, "There is nothing here, or it is not yours to see.");
      return;
    }
    Map<String, Object> r = found.get();
    String status = String.valueOf(r.get("status"));
    String css =
        switch (status) {
          case "accepted" -> "ok";
          case "accepted_with_rejects" -> "warn";
          default -> "bad";
        };
    Map<String, String> letters = (Map<String, String>) r.getOrDefault("columns", Map.of());
    StringBuilder b = new StringBuilder();
    b.append("<h1>Checks of ")
        .append(Html.esc(String.valueOf(r.get("submitted_name"))))
        .append("</h1>")
        .append("<div class=\"box ")
        .append(css)
        .append("\" id=\"verdict\"><p><strong>")
        .append(Html.esc(verdict(r)))
        .append("</strong></p></div>")
        .append(
            "<table id=\"counts\" style=\"width:auto\"><tr><th>Rows read</th><td class=\"num\">")
        .append(r.get("rows_read"))
        .append("</td></tr><tr><th>Rows accepted</th><td class=\"num\">")
        .append(r.get("rows_accepted"))
        .append("</td></tr><tr><th>Rows rejected</th><td class=\"num\">")
        .append(r.get("rows_rejected"))
        .append("</td></tr><tr><th>Warnings</th><td class=\"num\">")
        .append(r.get("warnings"))
        .append("</td></tr></table>")
        .append("<p><a class=\"button\" id=\"annotated\" href=\"/results/")
        .append(Html.esc(operator))
        .append('/')
        .append(Html.esc(id))
        .append("/annotated.xlsx\">Download your file with the problems marked (Excel)</a></p>");
    List<Map<String, Object>> findings = (List<Map<String, Object>>) r.get("findings");
    if (!findings.isEmpty()) {
      b.append("<h2>What to fix</h2>");
      if (findings.size() > SHOWN_FINDINGS) {
        b.append("<p>The first ")
            .append(SHOWN_FINDINGS)
            .append(" of ")
            .append(findings.size())
            .append(" problems; the marked file shows them all.</p>");
      }
      b.append(
              "<table id=\"findings\"><tr><th>Where</th><th>What is wrong, and what is allowed</th>")
          .append("<th>Level</th></tr>");
      int shown = 0;
      for (Map<String, Object> f : findings) {
        if (shown++ >= SHOWN_FINDINGS) {
          break;
        }
        b.append("<tr><td>")
            .append(Html.esc(where(f, letters)))
            .append("</td><td>")
            .append(Html.esc(String.valueOf(f.get("message"))))
            .append("</td><td class=\"level-")
            .append(Html.esc(String.valueOf(f.get("level"))))
            .append("\">")
            .append(Html.esc(String.valueOf(f.get("level"))))
            .append("</td></tr>");
      }
      b.append("</table>");
    }
    b.append("<p style=\"margin-top:1.5rem\"><a href=\"/upload\">Send another file</a> · ")
        .append("<a href=\"/history\">See all your submissions</a></p>");
    ctx.html(Html.page("Checks", who, b.toString()));
  }

  private static String where(Map<String, Object> f, Map<String, String> letters) {
    Object row = f.get("row");
    if (row == null) {
      return "The whole file";
    }
    Object column = f.get("column");
    String s = "Row " + row;
    if (column != null) {
      String letter = letters.get(String.valueOf(column));
      s += ", column " + (letter == null ? "" : letter + " ") + "(" + column + ")";
    }
    return s;
  }

  private void annotatedDownload(Context ctx) throws IOException {
    String operator = ctx.pathParam("operator");
    String id = ctx.pathParam("id");
    if (result(signedIn(ctx), operator, id).isEmpty()) {
      fail(ctx, 404, "There is nothing here, or it is not yours to see.");
      return;
    }
    Path file = resultsFolder(operator).resolve(id + ".xlsx");
    ctx.header("Content-Disposition", "attachment; filename=\"checked-" + id + ".xlsx\"");
    ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    ctx.result(Files.newInputStream(file));
  }

  private void originalDownload(Context ctx) throws IOException {
    Credentials.Principal who = signedIn(ctx);
    String operator = ctx.pathParam("operator");
    String name = ctx.pathParam("name");
    Optional<Path> file =
        who != null && who.maySee(operator) ? landing.find(operator, name) : Optional.empty();
    if (file.isEmpty()) {
      fail(ctx, 404, "There is nothing here, or it is not yours to see.");
      return;
    }
    ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    ctx.contentType("application/octet-stream");
    ctx.result(Files.newInputStream(file.get()));
  }

  // ---- history ------------------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  private String historyPage(Context ctx, Credentials.Principal who) {
    boolean analyst = who.role() == Credentials.Role.ANALYST;
    List<Landing.Stored> files = visible(who);
    StringBuilder b = new StringBuilder();
    b.append("<h1>").append(analyst ? "All submissions" : "Your submissions").append("</h1>");
    if (files.isEmpty()) {
      b.append("<p>No file has been kept yet.</p>");
    } else {
      b.append("<table id=\"history\"><tr>")
          .append(analyst ? "<th>Operator</th>" : "")
          .append("<th>Received (UTC)</th><th>File</th><th class=\"num\">Size</th>")
          .append("<th>Checks at upload</th><th>After the batch run</th></tr>");
      for (Landing.Stored s : files) {
        Optional<Map<String, Object>> r = result(who, s.operator(), s.name());
        String received = s.name().substring(0, 16);
        received =
            received.substring(0, 4)
                + "-"
                + received.substring(4, 6)
                + "-"
                + received.substring(6, 8)
                + " "
                + received.substring(9, 11)
                + ":"
                + received.substring(11, 13)
                + ":"
                + received.substring(13, 15);
        b.append("<tr>");
        if (analyst) {
          b.append("<td>").append(Html.esc(s.operator())).append("</td>");
        }
        b.append("<td>")
            .append(received)
            .append("</td><td><a href=\"/files/")
            .append(Html.esc(s.operator()))
            .append('/')
            .append(Html.esc(s.name()))
            .append("\">")
            .append(Html.esc(s.name().substring(17)))
            .append("</a></td><td class=\"num\">")
            .append(String.format(Locale.ROOT, "%,d KB", Math.max(1, s.sizeBytes() / 1000)))
            .append("</td><td>");
        if (r.isPresent()) {
          b.append("<a href=\"/results/")
              .append(Html.esc(s.operator()))
              .append('/')
              .append(Html.esc(s.name()))
              .append("\">rows: ")
              .append(r.get().get("rows_accepted"))
              .append(" accepted, ")
              .append(r.get().get("rows_rejected"))
              .append(" rejected</a>");
        } else {
          b.append("—");
        }
        b.append("</td><td>")
            .append(
                Html.esc(
                    statuses
                        .of(s.operator(), s.name())
                        .map(BatchStatuses.Status::words)
                        // Without --warehouse, statuses stay unknown until one is configured.
                        .orElse("waiting for the next batch run")))
            .append("</td></tr>");
      }
      b.append("</table>");
    }
    return Html.page("Submissions", who, b.toString());
  }

  // ---- replies ------------------------------------------------------------------------------

  /** A refusal: JSON for the API, a page for people. */
  private void fail(Context ctx, int status, String message) {
    ctx.attribute(FAILED, message);
    ctx.status(status);
    if (ctx.path().startsWith("/api/")) {
      ctx.json(Map.of("error", message));
    } else {
      ctx.html(
          Html.page(
              "Problem",
              signedIn(ctx),
              "<h1>That did not work</h1><p class=\"message\" id=\"error\">"
                  + Html.esc(message)
                  + "</p><p><a href=\"/upload\">Back to the upload page</a></p>"));
    }
  }

  /**
   * One line per request, written by Jetty once the response is complete (so the byte count is what
   * was sent): time, operator (or -), method, path, status, bytes received and sent.
   */
  private void logRequest(
      org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response) {
    Object who = request.getAttribute(OPERATOR_ATTRIBUTE);
    log.printf(
        Locale.ROOT,
        "%s %s %s %s %d in=%d out=%d%n",
        Instant.now(),
        who == null ? "-" : who,
        request.getMethod(),
        request.getRequestURI(),
        response.getStatus(),
        Math.max(0, request.getContentLengthLong()),
        response.getHttpChannel().getBytesWritten());
    log.flush();
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
