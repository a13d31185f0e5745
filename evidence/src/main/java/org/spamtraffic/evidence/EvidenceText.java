package org.spamtraffic.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The words of derive-returns in one catalogue, {@code spamtraffic/evidence/messages.properties}
 * (UTF-8, English: the source translations start from, as {@code messages_<lang>.properties}): why
 * inputs were unusable, what each derivation note means, the command's lines and help. {@code {0}}
 * in a message is filled in; {@code ''} is a quote.
 */
public final class EvidenceText {
  /** The catalogue's name, for {@link java.util.ResourceBundle} and picocli. */
  public static final String BUNDLE = "spamtraffic.evidence.messages";

  private static final Properties ENGLISH = load();

  private EvidenceText() {}

  /** The message of {@code key} with {@code {0}}, {@code {1}}... replaced by {@code args}. */
  public static String format(String key, Object... args) {
    String text = ENGLISH.getProperty(key);
    if (text == null) {
      throw new IllegalArgumentException("No message '" + key + "' in messages.properties");
    }
    for (int i = 0; i < args.length; i++) {
      text = text.replace("{" + i + "}", String.valueOf(args[i]));
    }
    return text.replace("''", "'");
  }

  /** Whether the catalogue has {@code key}. */
  public static boolean has(String key) {
    return ENGLISH.containsKey(key);
  }

  /** Why an input was unusable, for {@code reason} with its detail. */
  public static String unusable(String reason, String detail) {
    return format("unusable." + reason, detail);
  }

  /** What a derivation note says: {@code id} or {@code id=value}. */
  public static String note(String note) {
    int eq = note.indexOf('=');
    return eq < 0
        ? format("note." + note)
        : format("note." + note.substring(0, eq), note.substring(eq + 1));
  }

  private static Properties load() {
    String name = "/spamtraffic/evidence/messages.properties";
    Properties p = new Properties();
    try (InputStream in = EvidenceText.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + name);
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
