package org.spamtraffic.evidence.synthetic;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Seeded spam-trap mail for tests and benchmarks: mbox files of messages with a Received chain
 * through the operator's trusted edge ({@link #TRUSTED}), a source relay from a set of public
 * blocks, a forged header below it, and content made to fire one content rule each (executable
 * attachment, look-alike link, advance-fee text, marketing, nothing) in several charsets and
 * transfer encodings. Every address, subject and text written is kept in {@link #secrets()}, for
 * the privacy test.
 */
public final class SyntheticMail {
  /** The operator's edge relays in the generated chains. */
  public static final String TRUSTED = "41.90.1.0/24";

  // Public blocks of several regions; the derivation finds their country in the IP data.
  private static final String[] SOURCES = {
    "102.89.", "197.210.", "41.58.", "103.21.", "117.212.", "58.186.", "185.220.", "91.200.",
    "77.88.", "200.152.", "187.49.", "36.77.", "180.252.", "114.119.", "63.143.", "24.48.",
  };

  private static final DateTimeFormatter RFC =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
  private static final DateTimeFormatter ASCTIME =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);

  private final Random random;
  private final boolean keepSecrets;
  private final List<String> secrets = new ArrayList<>();
  private long id;

  /** A generator seeded with {@code seed}; {@code keepSecrets} for the privacy test. */
  public SyntheticMail(long seed, boolean keepSecrets) {
    this.random = new Random(seed);
    this.keepSecrets = keepSecrets;
  }

  /** Every address, subject and distinctive text written so far. */
  public List<String> secrets() {
    return secrets;
  }

  /** Writes an mbox of {@code n} messages delivered in 2025-Q1; returns the bytes written. */
  public long mbox(Path file, int n) throws IOException {
    long bytes = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (int i = 0; i < n; i++) {
        byte[] m = message();
        out.write(m);
        bytes += m.length;
      }
    }
    return bytes;
  }

  private void secret(String s) {
    if (keepSecrets) {
      secrets.add(s);
    }
  }

  /** One message with its mbox From line. */
  public byte[] message() {
    long n = id++;
    long start = LocalDate.of(2025, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    Instant t = Instant.ofEpochSecond(start + random.nextInt(89 * 86_400));
    String source =
        SOURCES[random.nextInt(SOURCES.length)]
            + random.nextInt(256)
            + "."
            + (1 + random.nextInt(254));
    String sender = "promo" + n + "@mailer" + random.nextInt(1000) + ".example";
    String trap = "trap" + (1000 + random.nextInt(9000)) + "-" + n + "@op.example";
    String marker = "zqv" + Long.toString(n * 7919 + 12345, 36) + "x";
    int kind = random.nextInt(5);
    String[] subjects = {
      "Your invoice", "Account notice", "Business proposal", "Big sale", "hello"
    };
    String subject = subjects[kind] + " " + marker;
    secret(sender);
    secret(trap);
    secret(subject);
    secret(marker);
    StringBuilder h = new StringBuilder();
    h.append("From ")
        .append(sender)
        .append("  ")
        .append(ASCTIME.format(t.atOffset(ZoneOffset.UTC)))
        .append('\n');
    h.append("Return-Path: <").append(sender).append(">\n");
    h.append(
            "Received: from mx-edge.op.example (mx-edge.op.example [41.90.1.10])\n\tby store.op.example (Postfix) with ESMTP id A")
        .append(n)
        .append("\n\tfor <")
        .append(trap)
        .append(">; ")
        .append(RFC.format(t.atOffset(ZoneOffset.UTC)))
        .append('\n');
    h.append("Received: from helo")
        .append(n % 97)
        .append(".example (host-")
        .append(source.replace('.', '-'))
        .append(".example [")
        .append(source)
        .append("])\n\tby mx-edge.op.example (Postfix) with ESMTP id B")
        .append(n)
        .append("; ")
        .append(RFC.format(t.minusSeconds(2).atOffset(ZoneOffset.UTC)))
        .append('\n');
    h.append("Received: from forged.example (forged.example [8.8.4.4]) by helo.example; ")
        .append(RFC.format(t.minusSeconds(3600).atOffset(ZoneOffset.UTC)))
        .append('\n');
    h.append("From: \"Sales ").append(marker).append("\" <").append(sender).append(">\n");
    h.append("To: ").append(trap).append('\n');
    h.append("Subject: ").append(subject).append('\n');
    h.append("Date: ")
        .append(RFC.format(t.minusSeconds(86_400 * 3).atOffset(ZoneOffset.UTC)))
        .append('\n');
    h.append("Message-ID: <").append(marker).append("@mailer.example>\n");
    h.append("MIME-Version: 1.0\n");
    String body;
    Charset cs = StandardCharsets.UTF_8;
    switch (kind) {
      case 0 -> {
        String boundary = "b" + marker;
        byte[] exe = new byte[600 + random.nextInt(2000)];
        random.nextBytes(exe);
        h.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\n");
        body =
            "--"
                + boundary
                + "\nContent-Type: text/plain; charset=us-ascii\n\nPlease find the invoice "
                + marker
                + " attached.\n"
                + "--"
                + boundary
                + "\nContent-Type: application/octet-stream; name=\"invoice_"
                + n
                + ".pdf.exe\"\n"
                + "Content-Disposition: attachment; filename=\"invoice_"
                + n
                + ".pdf.exe\"\nContent-Transfer-Encoding: base64\n\n"
                + Base64.getMimeEncoder().encodeToString(exe)
                + "\n--"
                + boundary
                + "--\n";
      }
      case 1 -> {
        h.append("Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n");
        String html =
            "<html><body><p>Dear customer "
                + marker
                + ", we noticed unusual sign-in activity.</p>"
                + "<p><a href=\"http://paypal-secure-login.example/verify?id="
                + n
                + "\">Confirm now</a></p></body></html>";
        body = Base64.getMimeEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8)) + "\n";
      }
      case 2 -> {
        cs = Charset.forName("ISO-8859-1");
        h.append(
            "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n");
        body =
            "I am Barrister Jos=E9 "
                + marker
                + ". My late client left US$ 12.5 million and you are the=\n beneficiary.\n";
      }
      case 3 -> {
        h.append(
            "Content-Type: text/html; charset=windows-1252\nList-Unsubscribe: <mailto:unsub@mailer.example>\n");
        body =
            "<html><body><h1>Save up to 70% "
                + marker
                + "</h1><p>Order now. Click here to unsubscribe.</p></body></html>\n";
      }
      default -> {
        h.append("Content-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: 8bit\n");
        cs = Charset.forName("KOI8-R");
        body = "\u043f\u0440\u0438\u0432\u0435\u0442 " + marker + "\n";
      }
    }
    h.append('\n');
    byte[] head = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] b = body.getBytes(cs);
    byte[] all = new byte[head.length + b.length + 1];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(b, 0, all, head.length, b.length);
    all[all.length - 1] = '\n';
    return all;
  }
}
