package org.spamtraffic.portal;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpResponseException;
import io.javalin.http.SameSite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.spamtraffic.intake.template.ReturnTemplate;
import org.spamtraffic.language.Language;
import org.spamtraffic.schema.ReturnFormat;

/**
 * The operators' upload portal ({@code bin/spamtraffic serve}): sign in with an access token,
 * download the template, upload a return and read the checks at once (with the workbook marked up
 * to download), see the history of one's submissions. Scripts use {@code POST /api/returns} with
 * {@code Authorization: Bearer TOKEN}, which answers with the validation JSON of {@code validate
 * --json}.
 *
 * <p>The operator is always the token's ({@link org.spamtraffic.validate.FileOwner}); uploads are
 * checked in a staging folder and only files with usable rows reach the landing folder ({@link
 * Reception}, {@link Landing}). Pages are Thymeleaf templates that escape every value ({@link
 * Pages}); forms carry anti-forgery tokens and state-changing requests from another origin are
 * refused ({@link Sessions}); every answer carries a strict Content-Security-Policy and no-store;
 * sign-in failures are throttled per address and per token; Jetty's timeouts, a minimum request
 * data rate and {@link ConnectionGuard} bound what slow and many clients cost. {@code
 * docs/portal.md} lists each threat with its defence and its test.
 */
public final class Portal implements AutoCloseable {
  /**
   * Limits against floods and slow clients.
   *
   * @param signInFailuresPerMinute failed sign-ins (or bad API tokens) allowed per address and per
   *     token id in a minute
   * @param maxConcurrentUploads uploads received at once, over all operators
   * @param maxConnectionsPerAddress open connections per client address (0: no limit)
   * @param headerTimeout longest wait for a request's line and headers
   * @param idleTimeout longest silence on a connection
   * @param minRequestBytesPerSecond slowest request body accepted
   */
  public record Limits(
      int signInFailuresPerMinute,
      int maxConcurrentUploads,
      int maxConnectionsPerAddress,
      Duration headerTimeout,
      Duration idleTimeout,
      long minRequestBytesPerSecond) {
    /** 10 failures a minute, 8 uploads at once, 32 connections an address, 10 s, 30 s, 2 KB/s. */
    public static final Limits DEFAULT =
        new Limits(10, 8, 32, Duration.ofSeconds(10), Duration.ofSeconds(30), 2048);
  }

  /**
   * Where the portal sits on the network.
   *
   * @param trustedProxy the address of the reverse proxy whose {@code X-Forwarded-For}, {@code
   *     X-Forwarded-Proto} (and {@code Forwarded}) headers are believed, or null: from any other
   *     address they are ignored
   * @param secureCookies mark cookies {@code Secure} always (else only on HTTPS requests, direct or
   *     through the trusted proxy)
   * @param publicOrigin the origin browsers see, such as {@code https://returns.example.org}, for
   *     the cross-site check; null: the request's own scheme and host
   */
  public record Network(String trustedProxy, boolean secureCookies, String publicOrigin) {
    /** Straight on loopback, no proxy. */
    public static final Network DIRECT = new Network(null, false, null);
  }

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
   * @param limits limits against floods and slow clients
   * @param network proxy, cookies and origin
   */
  public record Options(
      String host,
      int port,
      Path landing,
      Path state,
      Path users,
      String warehouse,
      long maxUploadBytes,
      int uploadsPerMinute,
      Limits limits,
      Network network) {
    /** The same with the default limits, straight on the network. */
    public Options(
        String host,
        int port,
        Path landing,
        Path state,
        Path users,
        String warehouse,
        long maxUploadBytes,
        int uploadsPerMinute) {
      this(
          host,
          port,
          landing,
          state,
          users,
          warehouse,
          maxUploadBytes,
          uploadsPerMinute,
          Limits.DEFAULT,
          Network.DIRECT);
    }

    /** The same with other limits. */
    public Options withLimits(Limits other) {
      return new Options(
          host,
          port,
          landing,
          state,
          users,
          warehouse,
          maxUploadBytes,
          uploadsPerMinute,
          other,
          network);
    }

    /** The same on another network setting. */
    public Options withNetwork(Network other) {
      return new Options(
          host,
          port,
          landing,
          state,
          users,
          warehouse,
          maxUploadBytes,
          uploadsPerMinute,
          limits,
          other);
    }
  }

  static final String SESSION_COOKIE = "st_session";
  static final String SIGN_IN_COOKIE = "st_signin";
  private static final String PRINCIPAL = "principal";
  private static final String SESSION = "session";
  private static final String FAILED = "failed";
  private static final String OPERATOR_ATTRIBUTE = "spamtraffic.operator";
  private static final String TEXTS = "spamtraffic.texts";

  /** The portal's language switch remembers the choice in this cookie, for a year. */
  static final String LANGUAGE_COOKIE = "spamtraffic_lang";

  private static final int LANGUAGE_COOKIE_SECONDS = 365 * 24 * 3600;
  private static final int SHOWN_FINDINGS = 25;
  private static final int MAX_FORM_BYTES = 8192;
  private static final List<String> LANGUAGES = List.of("en", "fr", "es", "ar", "zh", "ru");

  /** No script, no inline style, no framing, forms only to this site. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
          + " frame-ancestors 'none'; base-uri 'none'";

  private final Options options;
  private final Landing landing;
  private final Credentials credentials;
  private final BatchStatuses statuses;
  private final PrintStream log;
  private final Pages pages = new Pages();
  private final Sessions sessions = new Sessions(Clock.systemUTC());
  private final RateLimiter signInFailures;
  private final Results results;
  private final Reception reception;
  private final Map<String, byte[]> templates = new ConcurrentHashMap<>();
  private final byte[] stylesheet;
  private final InetAddress trustedProxy;
  private volatile ConnectionGuard guard;
  private final Javalin app;

  private Portal(Options options, PrintStream log) {
    this.options = options;
    this.landing = new Landing(options.landing());
    this.credentials = Credentials.at(options.users());
    this.statuses = new BatchStatuses(options.warehouse());
    this.log = log;
    this.signInFailures =
        new RateLimiter(options.limits().signInFailuresPerMinute(), 60_000, Clock.systemUTC());
    this.results = new Results(options.state());
    this.trustedProxy = address(options.network().trustedProxy());
    Path staging;
    try {
      Files.createDirectories(options.state());
      Path stagingFolder = options.state().resolve("staging");
      // Uploads a previous run left half-way (a crash, a kill) are never kept: start clean.
      if (Files.isDirectory(stagingFolder)) {
        deleteQuietly(stagingFolder);
      }
      staging = Files.createDirectories(stagingFolder);
      try (InputStream css = Portal.class.getResourceAsStream("portal.css")) {
        this.stylesheet = css.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot use the state folder " + options.state(), e);
    }
    Path stateReal = options.state().toAbsolutePath().normalize();
    if (stateReal.startsWith(landing.root()) || landing.root().startsWith(stateReal)) {
      throw new IllegalArgumentException(
          "The state folder must not be inside the landing folder (or contain it): "
              + options.state());
    }
    this.reception =
        new Reception(
            options,
            landing,
            results,
            new RateLimiter(options.uploadsPerMinute(), 60_000, Clock.systemUTC()),
            staging,
            log);
    Path multipartCache = staging;
    this.app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              // Parts up to the upload limit; large parts go to a temporary file, never to landing.
              config.jetty.multipartConfig.cacheDirectory(multipartCache.toString());
              config.jetty.multipartConfig.maxFileSize(options.maxUploadBytes(), SizeUnit.BYTES);
              config.jetty.multipartConfig.maxTotalRequestSize(
                  options.maxUploadBytes() + 65_536, SizeUnit.BYTES);
              config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
              config.jetty.modifyServletContextHandler(
                  handler -> handler.setMaxFormContentSize(MAX_FORM_BYTES));
              config.jetty.modifyHttpConfiguration(this::configureHttp);
              config.jetty.addConnector(
                  (server, http) -> {
                    ServerConnector connector =
                        new ServerConnector(server, new HttpConnectionFactory(http));
                    connector.setHost(options.host());
                    connector.setPort(options.port());
                    connector.setIdleTimeout(options.limits().idleTimeout().toMillis());
                    guard =
                        new ConnectionGuard(
                            options.limits().maxConnectionsPerAddress(),
                            options.limits().headerTimeout(),
                            connector.getScheduler());
                    connector.addBean(guard);
                    return connector;
                  });
              config.jetty.modifyServer(server -> server.setRequestLog(this::logRequest));
            });
    routes();
  }

  private void configureHttp(HttpConfiguration http) {
    http.setMinRequestDataRate(options.limits().minRequestBytesPerSecond());
    // Jetty reuses a header seen earlier on the same connection when a new one matches it, by
    // default ignoring case: after "Bearer abc" the tampered "Bearer ABC" would be read as "abc"
    // (PortalAttackTest.tamperedTokensAreRefused found it). Header values are compared exactly.
    http.setHeaderCacheCaseSensitive(true);
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    if (trustedProxy != null) {
      // Jetty's own reading of X-Forwarded-* and Forwarded, applied only to the trusted proxy's
      // requests: from any other address those headers are whatever a client wrote.
      ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();
      http.addCustomizer(
          (connector, config, request) -> {
            if (trustedProxy.getHostAddress().equals(request.getRemoteAddr())) {
              forwarded.customize(connector, config, request);
            }
          });
    }
  }

  private static InetAddress address(String host) {
    if (host == null || host.isBlank()) {
      return null;
    }
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("Unknown trusted proxy address '" + host + "'", e);
    }
  }

  /** Starts a portal; {@link #port()} tells where it listens. */
  public static Portal start(Options options, PrintStream log) {
    Portal p = new Portal(options, log);
    p.app.start();
    return p;
  }

  /** The port the portal listens on. */
  public int port() {
    return app.port();
  }

  /** Connections refused because their address had too many open (for tests and the log). */
  long connectionsRefused() {
    return guard.refused();
  }

  /** Connections closed because a request header did not arrive in time. */
  long headerTimeouts() {
    return guard.headerTimeouts();
  }

  @Override
  public void close() {
    app.stop();
  }

  // ---- routes -------------------------------------------------------------------------------

  private void routes() {
    app.before(this::guardRequest);
    app.get("/", ctx -> ctx.redirect(signedIn(ctx) == null ? "/signin" : "/upload"));
    app.get("/portal.css", this::stylesheet);
    app.get("/signin", ctx -> signInPage(ctx, 200, null));
    app.post("/signin", this::signIn);
    app.post("/signout", this::signOut);
    app.get("/template", this::template);
    app.get("/upload", this::uploadPage);
    app.post("/upload", this::uploadFromPage);
    app.get("/history", this::historyPage);
    app.get("/results/{operator}/{id}", this::resultPage);
    app.get("/results/{operator}/{id}/annotated.xlsx", this::annotatedDownload);
    app.get("/files/{operator}/{name}", this::originalDownload);
    app.post("/api/returns", this::uploadFromApi);
    app.get("/api/submissions", this::submissionsApi);
    app.get("/api/results/{operator}/{id}", this::resultApi);
    app.exception(
        HttpResponseException.class, (e, ctx) -> fail(ctx, e.getStatus(), e.getMessage()));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          BadMessageException bad = find(e, BadMessageException.class);
          if (bad != null) {
            int code = bad.getCode();
            fail(
                ctx,
                code,
                code == 408
                    ? texts(ctx).get("error.slow")
                    : code == 413
                        ? reception.sizeMessage(texts(ctx))
                        : texts(ctx).get("error.bad_request"));
            return;
          }
          if (tooLarge(e)) {
            fail(ctx, 413, reception.sizeMessage(texts(ctx)));
            return;
          }
          // Never a stack trace to the person: one sentence, and the details in the log.
          log.println(Instant.now() + " error " + ctx.method() + " " + ctx.path() + ": " + e);
          fail(ctx, 500, texts(ctx).get("error.internal"));
        });
    app.error(
        404,
        ctx -> {
          if (ctx.attribute(FAILED) == null) {
            fail(ctx, 404, texts(ctx).get("error.not_found"));
          }
        });
    app.error(
        405,
        ctx -> {
          if (ctx.attribute(FAILED) == null) {
            fail(ctx, 404, texts(ctx).get("error.not_found"));
          }
        });
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
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

  // ---- every request ------------------------------------------------------------------------

  /**
   * Runs before every route: security headers; no token in the address; who is asking (throttled
   * when a credential keeps failing); the cross-site check of every state-changing request.
   */
  private void guardRequest(Context ctx) {
    ctx.attribute(TEXTS, Texts.of(language(ctx)));
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
    if (ctx.req().isSecure()) {
      ctx.header("Strict-Transport-Security", "max-age=31536000");
    }
    if (ctx.queryParam("token") != null || ctx.queryParam("access_token") != null) {
      throw new HttpResponseException(400, texts(ctx).get("error.token_in_address"));
    }
    Credentials.Principal who = principal(ctx);
    ctx.attribute(PRINCIPAL, who);
    ctx.req().setAttribute(OPERATOR_ATTRIBUTE, who == null ? null : who.operator());
    if (!"GET".equals(ctx.method().name()) && !"HEAD".equals(ctx.method().name())) {
      if (!sameOrigin(ctx)) {
        throw new HttpResponseException(403, texts(ctx).get("error.cross_site"));
      }
    }
  }

  /**
   * The language of the answer: {@code ?lang=} when it names one of the six (on a page, it is the
   * language switch, and a cookie remembers it for a year; on {@code /template} it is the
   * template's language), else the remembered choice, else the best of the browser's {@code
   * Accept-Language}, else English.
   */
  private Language language(Context ctx) {
    Optional<Language> asked = Language.find(ctx.queryParam("lang"));
    boolean page = !ctx.path().startsWith("/api/") && !ctx.path().equals("/template");
    if (asked.isPresent() && page) {
      ctx.cookie(cookie(ctx, LANGUAGE_COOKIE, asked.get().code(), "/", LANGUAGE_COOKIE_SECONDS));
      return asked.get();
    }
    if (asked.isPresent() && ctx.path().startsWith("/api/")) {
      return asked.get();
    }
    Optional<Language> remembered =
        ctx.path().startsWith("/api/")
            ? Optional.empty()
            : Language.find(ctx.cookie(LANGUAGE_COOKIE));
    return remembered.orElseGet(() -> Language.fromAcceptLanguage(ctx.header("Accept-Language")));
  }

  /** The texts in the request's language (English before the guard has chosen). */
  private static Texts texts(Context ctx) {
    Texts t = ctx.attribute(TEXTS);
    return t == null ? Texts.ENGLISH : t;
  }

  /**
   * Whether a request may change state as far as the browser tells where it came from: {@code
   * Sec-Fetch-Site} (set by the browser, never by a page) must say this site; else an {@code
   * Origin} must be this site's. An {@code Origin} of {@code null} tells nothing (browsers send it
   * for the portal's own forms, whose pages say {@code Referrer-Policy: no-referrer}), nor does a
   * script's request without either; the form token still decides those.
   */
  private boolean sameOrigin(Context ctx) {
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null) {
      return site.equals("same-origin") || site.equals("none");
    }
    String origin = ctx.header("Origin");
    if (origin == null || origin.equals("null")) {
      return true;
    }
    String expected = options.network().publicOrigin();
    if (expected == null) {
      expected = ctx.scheme() + "://" + ctx.host();
    }
    return origin.equalsIgnoreCase(expected);
  }

  /**
   * Who is asking. The API answers bearer tokens only (never the cookie, so a page on another site
   * cannot use a signed-in browser against it); pages answer the session cookie, and a bearer token
   * for reading. A failing credential counts against its address and its token id.
   */
  private Credentials.Principal principal(Context ctx) {
    String auth = ctx.header("Authorization");
    if (auth != null) {
      return verify(ctx, bearer(auth));
    }
    if (ctx.path().startsWith("/api/")) {
      return null;
    }
    Optional<Sessions.Session> session = sessions.find(ctx.cookie(SESSION_COOKIE));
    if (session.isEmpty()) {
      return null;
    }
    // The token is checked on every request, so a revoked token ends its sessions too.
    Optional<Credentials.Principal> who = credentials.verify(session.get().token());
    if (who.isEmpty()) {
      sessions.close(session.get().id());
      return null;
    }
    ctx.attribute(SESSION, session.get());
    return who.get();
  }

  /** The token of an {@code Authorization: Bearer TOKEN} header, or "" when it is none. */
  private static String bearer(String header) {
    if (header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return "";
    }
    return header.substring(7).strip();
  }

  /** Verifies a presented token, throttling addresses and token ids that keep failing. */
  private Credentials.Principal verify(Context ctx, String token) {
    String byAddress = "address:" + ctx.ip();
    int dot = token.indexOf('.');
    String byToken = "token:" + (dot > 0 ? token.substring(0, dot) : token);
    if (!signInFailures.allows(byAddress) || !signInFailures.allows(byToken)) {
      ctx.header("Retry-After", "60");
      throw new HttpResponseException(429, texts(ctx).get("error.sign_in_throttled"));
    }
    Optional<Credentials.Principal> who = credentials.verify(token);
    if (who.isEmpty()) {
      signInFailures.record(byAddress);
      signInFailures.record(byToken);
      return null;
    }
    return who.get();
  }

  private static Credentials.Principal signedIn(Context ctx) {
    return ctx.attribute(PRINCIPAL);
  }

  /** The form token of the signed-in browser, or "" (a bearer token needs none). */
  private String formToken(Context ctx) {
    Sessions.Session s = ctx.attribute(SESSION);
    return s == null ? "" : sessions.formToken(s.id());
  }

  /** Whether a state-changing request is the portal's own form (or a script's bearer token). */
  private boolean ownForm(Context ctx, String submitted) {
    Sessions.Session s = ctx.attribute(SESSION);
    if (s == null) {
      return ctx.header("Authorization") != null && signedIn(ctx) != null;
    }
    return sessions.formTokenMatches(s.id(), submitted);
  }

  private Cookie cookie(Context ctx, String name, String value, String path, int maxAge) {
    boolean secure = options.network().secureCookies() || ctx.req().isSecure();
    return new Cookie(name, value, path, maxAge, secure, 0, true, null, null, SameSite.STRICT);
  }

  // ---- pages --------------------------------------------------------------------------------

  private void render(Context ctx, int status, String template, Map<String, Object> values) {
    Credentials.Principal who = signedIn(ctx);
    Map<String, Object> all = new HashMap<>(values);
    all.put("signedInAs", who == null ? null : who.operator());
    all.put("analyst", who != null && who.role() == Credentials.Role.ANALYST);
    all.put("csrf", formToken(ctx));
    ctx.status(status).html(pages.render(template, texts(ctx).language(), all));
  }

  private void stylesheet(Context ctx) {
    ctx.header("Cache-Control", "max-age=3600");
    ctx.contentType("text/css; charset=utf-8");
    ctx.result(stylesheet);
  }

  /**
   * The sign-in page. Its form is bound to a fresh pre-session cookie, so that a page on another
   * site cannot sign a browser in with the attacker's token (login CSRF).
   */
  private void signInPage(Context ctx, int status, String error) {
    String bound = Sessions.newId();
    ctx.cookie(cookie(ctx, SIGN_IN_COOKIE, bound, "/signin", -1));
    Map<String, Object> values = new HashMap<>();
    values.put("error", error);
    // The sign-in page shows nobody as signed in, and its token is the pre-session's.
    ctx.attribute(PRINCIPAL, null);
    ctx.attribute(SESSION, null);
    values.put("csrf", sessions.formToken(bound));
    Map<String, Object> all = new HashMap<>(values);
    all.put("signedInAs", null);
    all.put("analyst", false);
    ctx.status(status).html(pages.render("signin", texts(ctx).language(), all));
  }

  private void signIn(Context ctx) {
    if (!sessions.formTokenMatches(ctx.cookie(SIGN_IN_COOKIE), ctx.formParam("csrf"))) {
      signInPage(ctx, 403, texts(ctx).get("signin.expired"));
      return;
    }
    String token = ctx.formParam("token");
    Credentials.Principal who = verify(ctx, token == null ? "" : token.strip());
    if (who == null) {
      signInPage(ctx, 401, texts(ctx).get("signin.invalid"));
      return;
    }
    sessions.close(ctx.cookie(SESSION_COOKIE));
    String session = sessions.open(token.strip());
    ctx.cookie(cookie(ctx, SESSION_COOKIE, session, "/", -1));
    ctx.cookie(cookie(ctx, SIGN_IN_COOKIE, "", "/signin", 0));
    ctx.redirect("/upload");
  }

  private void signOut(Context ctx) {
    if (!ownForm(ctx, ctx.formParam("csrf"))) {
      fail(ctx, 403, texts(ctx).get("error.form_expired"));
      return;
    }
    Sessions.Session s = ctx.attribute(SESSION);
    if (s != null) {
      sessions.close(s.id());
    }
    ctx.cookie(cookie(ctx, SESSION_COOKIE, "", "/", 0));
    ctx.redirect("/signin");
  }

  private boolean needsSignIn(Context ctx) {
    if (signedIn(ctx) == null) {
      ctx.redirect("/signin");
      return true;
    }
    return false;
  }

  private void template(Context ctx) throws IOException {
    if (needsSignIn(ctx)) {
      return;
    }
    String lang = Optional.ofNullable(ctx.queryParam("lang")).orElse(texts(ctx).language().code());
    if (!ReturnTemplate.LANGUAGES.contains(lang)) {
      fail(ctx, 400, texts(ctx).get("error.template_language", lang));
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

  private void uploadPage(Context ctx) {
    if (needsSignIn(ctx)) {
      return;
    }
    render(
        ctx,
        200,
        "upload",
        Map.of(
            "uploadAction",
            "/upload?csrf=" + URLEncoder.encode(formToken(ctx), StandardCharsets.UTF_8),
            "maxSize",
            Reception.megabytes(options.maxUploadBytes()),
            "templateLanguages",
            LANGUAGES.stream().filter(ReturnTemplate.LANGUAGES::contains).toList(),
            "templateLanguage",
            texts(ctx).language().code()));
  }

  private void uploadFromPage(Context ctx) throws IOException {
    Credentials.Principal who = signedIn(ctx);
    if (who == null) {
      ctx.redirect("/signin");
      return;
    }
    // The token rides in the form's address, so it is checked before the body is read.
    if (!ownForm(ctx, ctx.queryParam("csrf"))) {
      fail(ctx, 403, texts(ctx).get("error.form_expired"));
      return;
    }
    Reception.Outcome o = reception.receive(ctx, who, texts(ctx));
    if (o.key() == null) {
      fail(ctx, o.status(), o.refusal());
      return;
    }
    ctx.redirect("/results/" + who.operator() + "/" + o.key());
  }

  private void uploadFromApi(Context ctx) throws IOException {
    Credentials.Principal who = signedIn(ctx);
    if (who == null) {
      fail(ctx, 401, texts(ctx).get("error.token"));
      return;
    }
    Reception.Outcome o = reception.receive(ctx, who, texts(ctx));
    if (o.key() == null) {
      fail(ctx, o.status(), o.refusal());
      return;
    }
    Map<String, Object> saved = results.read(who, who.operator(), o.key()).orElseThrow();
    ctx.status(o.status()).json(results.answer(who.operator(), o.key(), saved, texts(ctx)));
  }

  // ---- results ------------------------------------------------------------------------------

  private void resultApi(Context ctx) {
    Credentials.Principal who = signedIn(ctx);
    if (who == null) {
      fail(ctx, 401, texts(ctx).get("error.token"));
      return;
    }
    String operator = ctx.pathParam("operator");
    String id = ctx.pathParam("id");
    Optional<Map<String, Object>> found = results.read(who, operator, id);
    if (found.isEmpty()) {
      fail(ctx, 404, texts(ctx).get("error.not_found"));
      return;
    }
    ctx.json(results.answer(operator, id, found.get(), texts(ctx)));
  }

  private void submissionsApi(Context ctx) {
    Credentials.Principal who = signedIn(ctx);
    if (who == null) {
      fail(ctx, 401, texts(ctx).get("error.token"));
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

  /** One finding as the result page shows it. */
  record FindingLine(String where, String message, String level) {}

  /** What the result page shows. */
  record ResultView(
      String submittedName,
      String verdict,
      String tone,
      Object rowsRead,
      Object rowsAccepted,
      Object rowsRejected,
      Object warnings,
      String annotatedUrl,
      List<FindingLine> findings,
      int totalFindings) {}

  @SuppressWarnings("unchecked")
  private void resultPage(Context ctx) {
    if (needsSignIn(ctx)) {
      return;
    }
    String operator = ctx.pathParam("operator");
    String id = ctx.pathParam("id");
    Optional<Map<String, Object>> found = results.read(signedIn(ctx), operator, id);
    if (found.isEmpty()) {
      fail(ctx, 404, texts(ctx).get("error.not_found"));
      return;
    }
    Map<String, Object> r = found.get();
    String tone =
        !Boolean.TRUE.equals(r.get("stored"))
            ? "bad"
            : "accepted".equals(r.get("status")) ? "ok" : "warn";
    Map<String, String> letters = (Map<String, String>) r.getOrDefault("columns", Map.of());
    List<Map<String, Object>> findings = (List<Map<String, Object>>) r.get("findings");
    List<FindingLine> shown = new ArrayList<>();
    for (Map<String, Object> f : findings.subList(0, Math.min(SHOWN_FINDINGS, findings.size()))) {
      shown.add(
          new FindingLine(
              where(f, letters, texts(ctx)),
              Results.message(f, texts(ctx).language()),
              texts(ctx).get("level." + f.get("level"))));
    }
    ResultView view =
        new ResultView(
            String.valueOf(r.get("submitted_name")),
            results.verdict(r, texts(ctx)),
            tone,
            r.get("rows_read"),
            r.get("rows_accepted"),
            r.get("rows_rejected"),
            r.get("warnings"),
            "/results/" + operator + "/" + id + "/annotated.xlsx",
            shown,
            findings.size());
    render(ctx, 200, "result", Map.of("r", view));
  }

  private static String where(Map<String, Object> f, Map<String, String> letters, Texts texts) {
    Object row = f.get("row");
    if (row == null) {
      return texts.get("result.whole_file");
    }
    Object column = f.get("column");
    if (column == null) {
      return texts.get("result.row", row);
    }
    return texts.get(
        "result.row_column",
        row,
        org.spamtraffic.validate.ColumnLetters.describe(letters, String.valueOf(column)));
  }

  private void annotatedDownload(Context ctx) throws IOException {
    String operator = ctx.pathParam("operator");
    String id = ctx.pathParam("id");
    Path file =
        results.read(signedIn(ctx), operator, id).isPresent()
            ? results.annotated(operator, id)
            : null;
    if (file == null || !Files.isRegularFile(file)) {
      fail(ctx, 404, texts(ctx).get("error.not_found"));
      return;
    }
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
      fail(ctx, 404, texts(ctx).get("error.not_found"));
      return;
    }
    ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    ctx.contentType("application/octet-stream");
    ctx.result(Files.newInputStream(file.get()));
  }

  // ---- history ------------------------------------------------------------------------------

  /** One line of the history page. */
  record HistoryLine(
      String operator,
      String received,
      String fileUrl,
      String name,
      String size,
      String resultUrl,
      Object accepted,
      Object rejected,
      String batch) {}

  private void historyPage(Context ctx) {
    if (needsSignIn(ctx)) {
      return;
    }
    Credentials.Principal who = signedIn(ctx);
    List<HistoryLine> lines = new ArrayList<>();
    for (Landing.Stored s : visible(who)) {
      Optional<Map<String, Object>> r = results.read(who, s.operator(), s.name());
      String n = s.name();
      String received =
          n.substring(0, 4)
              + "-"
              + n.substring(4, 6)
              + "-"
              + n.substring(6, 8)
              + " "
              + n.substring(9, 11)
              + ":"
              + n.substring(11, 13)
              + ":"
              + n.substring(13, 15);
      lines.add(
          new HistoryLine(
              s.operator(),
              received,
              "/files/" + s.operator() + "/" + n,
              n.substring(17),
              texts(ctx).get("history.kilobytes", Math.max(1, s.sizeBytes() / 1000)),
              r.isPresent() ? "/results/" + s.operator() + "/" + n : null,
              r.map(m -> m.get("rows_accepted")).orElse(null),
              r.map(m -> m.get("rows_rejected")).orElse(null),
              statuses
                  .of(s.operator(), n)
                  .map(b -> b.words(texts(ctx)))
                  // Without --warehouse, statuses stay unknown until one is configured.
                  .orElse(texts(ctx).get("history.waiting"))));
    }
    render(ctx, 200, "history", Map.of("files", lines));
  }

  // ---- replies ------------------------------------------------------------------------------

  /** A refusal: JSON for the API, a page for people. */
  private void fail(Context ctx, int status, String message) {
    ctx.attribute(FAILED, message);
    if (ctx.path().startsWith("/api/")) {
      ctx.status(status).json(Map.of("error", message));
    } else {
      render(ctx, status, "problem", Map.of("error", message));
    }
  }

  /**
   * One line per request, written by Jetty once the response is complete (so the byte count is what
   * was sent): time, operator (or -), method, path (never the query string), status, bytes received
   * and sent. "Sent" is what Jetty saw written successfully: a response cut short (the client gone,
   * or the portal stopped while its last write was completing) logs fewer bytes, down to 0.
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

  static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover staging folder holds only the operator's own upload; it goes at next start.
    }
  }
}
