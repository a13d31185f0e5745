package org.spamtraffic.stage;

import java.net.URI;
import org.apache.hadoop.fs.Path;

/**
 * A storage location as a stage line or a listing prints it: a local folder as a plain path, what a
 * person pastes into a shell; anything else (hdfs:, s3a:, …) as its URI.
 */
public final class PrintedLocation {
  private PrintedLocation() {}

  /** {@code location} (a path or a URI, as Hadoop reads it) for people. */
  public static String of(String location) {
    URI u = new Path(location).toUri();
    return "file".equals(u.getScheme()) ? u.getPath() : location;
  }
}
