package org.spamtraffic.evidence.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.apache.james.mime4j.util.CharsetUtil;

/**
 * What the derivation needs from one message, read with Mime4j's pull parser in its permissive mode
 * (no limits, malformed headers kept, transfer encodings decoded, each text part in its own
 * charset): the Received headers, and for the content rules the subject, the text of the text
 * parts, the links, the attachments' names and types. Held in memory for the one message only: none
 * of it is ever written anywhere.
 */
public final class MessageFacts {
  /** Charset used when a part names none or one the JVM does not know. */
  private static final Charset FALLBACK = Charset.forName("windows-1252");

  // Matched on lower-cased text: case-insensitive matching was most of the time of a message.
  private static final Pattern HREF = Pattern.compile("href\\s*=\\s*[\"']?\\s*([^\"'\\s>]+)");
  private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>()\\]]+");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]{0,2000}>");
  private static final Pattern PASSWORD_INPUT =
      Pattern.compile("<input[^>]{0,300}type\\s*=\\s*[\"']?password");
  private static final Pattern FOLD = Pattern.compile("\\r?\\n[ \\t]+");

  /**
   * An attachment (or any non-text part).
   *
   * @param name its file name, lower case, or empty
   * @param mimeType its MIME type, lower case
   */
  public record Attachment(String name, String mimeType) {}

  private final List<String> received = new ArrayList<>();
  private final List<Attachment> attachments = new ArrayList<>();
  private final List<String> links = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();
  private String subject = "";
  private boolean listUnsubscribe;
  private boolean passwordForm;
  private int headerFields;
  private byte[] enclosed;

  private MessageFacts() {}

  /**
   * Reads the message in {@code bytes[0, length)}, keeping at most {@code maxText} characters of
   * text. Throws only when Mime4j gives up on the structure.
   */
  public static MessageFacts read(byte[] bytes, int length, int maxText)
      throws IOException, MimeException {
    MessageFacts f = new MessageFacts();
    MimeTokenStream stream =
        new MimeTokenStream(
            MimeConfig.PERMISSIVE, DecodeMonitor.SILENT, new DefaultBodyDescriptorBuilder());
    // message/rfc822 parts stay bodies: an abuse report's enclosed original is read on its own.
    stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
    stream.parse(new ByteArrayInputStream(bytes, 0, length));
    boolean topHeader = true;
    for (EntityState s = stream.getState(); s != EntityState.T_END_OF_STREAM; s = stream.next()) {
      switch (s) {
        case T_FIELD -> {
          if (topHeader) {
            f.topField(stream.getField());
          }
        }
        case T_END_HEADER -> topHeader = false;
        case T_BODY -> f.body(stream, maxText);
        default -> {}
      }
    }
    return f;
  }

  private void topField(Field field) {
    headerFields++;
    String name = field.getName().toLowerCase(Locale.ROOT);
    switch (name) {
      case "received" -> received.add(unfold(field.getBody()));
      case "subject" -> subject = decodeWords(unfold(field.getBody())).toLowerCase(Locale.ROOT);
      case "list-unsubscribe" -> listUnsubscribe = true;
      default -> {}
    }
  }

  private void body(MimeTokenStream stream, int maxText) throws IOException {
    MaximalBodyDescriptor d = (MaximalBodyDescriptor) stream.getBodyDescriptor();
    String type = d.getMimeType() == null ? "text/plain" : d.getMimeType().toLowerCase(Locale.ROOT);
    String name = d.getContentDispositionFilename();
    if (name == null) {
      name = d.getContentTypeParameters().get("name");
    }
    name = name == null ? "" : decodeWords(name).trim().toLowerCase(Locale.ROOT);
    boolean attachment =
        !name.isEmpty() || "attachment".equalsIgnoreCase(d.getContentDispositionType());
    if ((type.equals("message/rfc822") || type.equals("text/rfc822-headers")) && enclosed == null) {
      enclosed = stream.getDecodedInputStream().readAllBytes();
      return;
    }
    if (!type.startsWith("text/") || attachment) {
      attachments.add(new Attachment(name, type));
      if (!type.startsWith("text/")) {
        return;
      }
    }
    int room = maxText - text.length();
    if (room <= 0) {
      return;
    }
    String content =
        decode(stream.getDecodedInputStream(), d.getCharset(), room * 2).toLowerCase(Locale.ROOT);
    if (type.equals("text/html")) {
      Matcher h = HREF.matcher(content);
      while (h.find()) {
        links.add(h.group(1));
      }
      passwordForm |= PASSWORD_INPUT.matcher(content).find();
      content =
          TAG.matcher(content)
              .replaceAll(" ")
              .replace("&nbsp;", " ")
              .replace("&amp;", "&")
              .replace("&lt;", "<")
              .replace("&gt;", ">");
    }
    Matcher u = URL.matcher(content);
    while (u.find()) {
      links.add(u.group());
    }
    text.append(content, 0, Math.min(content.length(), room)).append('\n');
  }

  private static String decode(InputStream in, String charset, int maxBytes) throws IOException {
    byte[] b = in.readNBytes(maxBytes);
    Charset cs = charset == null ? null : CharsetUtil.lookup(charset);
    return new String(b, cs == null ? FALLBACK : cs);
  }

  private static String unfold(String body) {
    return FOLD.matcher(body).replaceAll(" ").trim();
  }

  private static String decodeWords(String s) {
    try {
      return DecoderUtil.decodeEncodedWords(s, DecodeMonitor.SILENT);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** The Received headers, top (latest) first, unfolded. */
  public List<String> received() {
    return received;
  }

  /** The subject, encoded words decoded, lower case. */
  public String subject() {
    return subject;
  }

  /** Whether the message has a List-Unsubscribe header (bulk mail). */
  public boolean listUnsubscribe() {
    return listUnsubscribe;
  }

  /** Attachments and other non-text parts. */
  public List<Attachment> attachments() {
    return attachments;
  }

  /** The links: href targets and URLs written in the text, lower case. */
  public List<String> links() {
    return links;
  }

  /** Whether an HTML part has a password field. */
  public boolean passwordForm() {
    return passwordForm;
  }

  /** The decoded text of the text parts (HTML without its tags), lower case, cut at the limit. */
  public String text() {
    return text.toString();
  }

  /** How many header fields the message's top header has (none: not a message). */
  public int headerFields() {
    return headerFields;
  }

  /** The first enclosed message (an abuse report's original), or null. */
  public byte[] enclosed() {
    return enclosed;
  }
}
