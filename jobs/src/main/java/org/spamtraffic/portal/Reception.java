package org.spamtraffic.portal;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.spamtraffic.intake.FileInspector;
import org.spamtraffic.intake.annotate.Annotator;
import org.spamtraffic.schema.ReturnFormat;
import org.spamtraffic.validate.ReturnValidator;
import org.spamtraffic.validate.ValidationJson;
import org.spamtraffic.validate.ValidationReport;

/**
 * Receives one upload: limits first (operators only, uploads at once, uploads a minute, size), then
 * the file is staged outside the landing folder, checked as sent by the signed-in operator (the
 * token's, never the file's), marked up, and kept in the landing folder only when it has usable
 * rows and no active content. Whatever the readers do with a hostile file, the answer is a 4xx with
 * a message, never a 500.
 */
final class Reception {
  /**
   * What happened.
   *
   * @param status the HTTP status
   * @param key the result's key (stored name or upload id), or null when refused before checking
   * @param refusal the message when refused before checking, else null
   */
  record Outcome(int status, String key, String refusal) {
    static Outcome refused(int status, String message) {
      return new Outcome(status, null, message);
    }
  }

  /** Uploads of one operator that may be in progress at once. */
  static final int PER_OPERATOR = 2;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long MULTIPART_OVERHEAD = 65_536;

  private final Portal.Options options;
  private final Landing landing;
  private final Results results;
  private final RateLimiter perMinute;
  private final Semaphore atOnce;
  private final Map<String, AtomicInteger> inProgress = new ConcurrentHashMap<>();
  private final Path staging;
  private final PrintStream log;

  Reception(
      Portal.Options options,
      Landing landing,
      Results results,
      RateLimiter perMinute,
      Path staging,
      PrintStream log) {
    this.options = options;
    this.landing = landing;
    this.results = results;
    this.perMinute = perMinute;
    this.atOnce = new Semaphore(options.limits().maxConcurrentUploads());
    this.staging = staging;
    this.log = log;
  }

  String sizeMessage(Texts texts) {
    return texts.get("error.too_large", megabytes(options.maxUploadBytes()));
  }

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.0f MB", bytes / 1_000_000.0);
  }

  /** Receives the upload in {@code ctx} from {@code who}; the body is read only past the limits. */
  Outcome receive(Context ctx, Credentials.Principal who, Texts texts) throws IOException {
    if (who.role() != Credentials.Role.OPERATOR) {
      return Outcome.refused(403, texts.get("error.analyst_upload"));
    }
    if (ctx.contentLength() > options.maxUploadBytes() + MULTIPART_OVERHEAD) {
      return Outcome.refused(413, sizeMessage(texts));
    }
    AtomicInteger mine = inProgress.computeIfAbsent(who.operator(), k -> new AtomicInteger());
    if (mine.incrementAndGet() > PER_OPERATOR) {
      mine.decrementAndGet();
      ctx.header("Retry-After", "60");
      return Outcome.refused(429, texts.get("error.busy_operator"));
    }
    try {
      if (!atOnce.tryAcquire()) {
        ctx.header("Retry-After", "60");
        return Outcome.refused(503, texts.get("error.busy"));
      }
      try {
        if (!perMinute.tryAcquire(who.operator())) {
          ctx.header("Retry-After", "60");
          return Outcome.refused(429, texts.get("error.rate", perMinute.perWindow()));
        }
        return receiveBody(ctx, who, texts);
      } finally {
        atOnce.release();
      }
    } finally {
      mine.decrementAndGet();
    }
  }

  private Outcome receiveBody(Context ctx, Credentials.Principal who, Texts texts)
      throws IOException {
    UploadedFile upload = ctx.uploadedFile("file");
    if (upload == null) {
      return Outcome.refused(400, texts.get("error.no_file"));
    }
    if (upload.size() > options.maxUploadBytes()) {
      return Outcome.refused(413, sizeMessage(texts));
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
        return Outcome.refused(413, sizeMessage(texts));
      }
      Map<String, Object> saved;
      ValidationReport report = null;
      try {
        report = validator().validate(staged.toString(), who.operator());
        saved = new LinkedHashMap<>(ValidationJson.of(report));
      } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
        // A reader that fails on a hostile file must not fail the request: the file is refused.
        log.println(Instant.now() + " reader failure on upload " + id + ": " + e);
        saved = readerFailure(staged, e, texts);
      }
      boolean usable =
          report != null
              && report.readable()
              && report.rowsAccepted() > 0
              && !Results.hasMacros(saved);
      String key = id;
      Path stored = null;
      if (usable) {
        stored = landing.store(who.operator(), submitted, received, staged);
        key = stored.getFileName().toString();
      }
      if (report != null) {
        annotate(report, who.operator(), key, texts);
      }
      saved.put("submitted_name", submitted);
      saved.put("sender", who.operator());
      saved.put("stored", usable);
      saved.put("stored_as", stored == null ? null : who.operator() + "/" + key);
      saved.put("received_at", received.toString());
      saved.put(
          "columns", report == null ? Map.of() : org.spamtraffic.validate.ColumnLetters.of(report));
      results.save(who.operator(), key, saved);
      int status =
          usable ? 201 : Results.sentForAnother(saved) && !Results.hasMacros(saved) ? 403 : 422;
      return new Outcome(status, key, null);
    } finally {
      Portal.deleteQuietly(dir);
    }
  }

  private ReturnValidator validator() {
    return new ReturnValidator(
        new Configuration(),
        new ReturnValidator.Options(
            new FileInspector.Limits(
                options.maxUploadBytes(),
                FileInspector.Limits.DEFAULT.maxUnzippedBytes(),
                FileInspector.Limits.DEFAULT.maxZipRatio(),
                FileInspector.Limits.DEFAULT.chunkBytes()),
            ReturnValidator.Options.DEFAULT.maxFindings()));
  }

  /** The marked workbook, in the language of the upload's page or request. */
  private void annotate(ValidationReport report, String operator, String key, Texts texts) {
    try {
      new Annotator(Annotator.Options.DEFAULT.in(texts.language()))
          .annotate(report, results.annotated(operator, key));
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      // The checks stand without the marked copy; its link answers 404.
      log.println(Instant.now() + " annotation failure for " + key + ": " + e);
    }
  }

  /** The result of a file a reader failed on, in the shape of the validation JSON. */
  private Map<String, Object> readerFailure(Path staged, Throwable e, Texts texts) {
    String why =
        e instanceof Error ? texts.get("verdict.reader_memory") : FileInspector.describe(e);
    Map<String, Object> finding = new LinkedHashMap<>();
    finding.put("sheet", null);
    finding.put("row", null);
    finding.put("column", null);
    finding.put("value", why);
    finding.put("rule", "file.unreadable");
    finding.put("level", "error");
    finding.put("message", ReturnFormat.v1().rule("file.unreadable").format(null, why, null, ""));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", staged.getFileName().toString());
    m.put("format", null);
    m.put("sha256", null);
    m.put("status", "failed");
    m.put("rows_read", 0L);
    m.put("rows_accepted", 0L);
    m.put("rows_rejected", 0L);
    m.put("warnings", 0L);
    m.put("by_rule", Map.of("file.unreadable", 1L));
    m.put("findings", List.of(finding));
    m.put("findings_truncated", false);
    m.put("reader_failure", why);
    return m;
  }

  /** Canonical column → the file's column letter, for "row 5, column H" in the page. */
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

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
