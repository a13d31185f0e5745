package org.spamtraffic.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads contract files from the classpath (never from a path relative to the working directory).
 */
public final class Schemas {
  /** Classpath folder that holds every file of {@code schemas/}. */
  public static final String ROOT = "spamtraffic/schemas/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Schemas() {}

  /** Opens {@code schemas/<relativePath>} from the classpath. */
  public static InputStream open(String relativePath) {
    InputStream in = Schemas.class.getClassLoader().getResourceAsStream(ROOT + relativePath);
    if (in == null) {
      throw new IllegalArgumentException(
          "No contract file '" + relativePath + "' under schemas/ on the classpath");
    }
    return in;
  }

  /** Parses {@code schemas/<relativePath>} as JSON. */
  public static JsonNode json(String relativePath) {
    try (InputStream in = open(relativePath)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read schemas/" + relativePath, e);
    }
  }
}
