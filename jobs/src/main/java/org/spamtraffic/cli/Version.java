package org.spamtraffic.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.iceberg.IcebergBuild;
import org.apache.spark.SparkContext;
import picocli.CommandLine.IVersionProvider;

/**
 * The software version: the project's and the git commit it was built from (from {@code
 * build.properties}, filled in by Maven), and the Spark and Iceberg this run actually has on its
 * classpath (on a cluster, the cluster's Spark, which can differ from the one built against).
 */
public final class Version implements IVersionProvider {
  private static final Properties BUILD = build();

  /** The version string, for manifests and --version. */
  public static String current() {
    String v = BUILD.getProperty("version");
    return v == null || v.startsWith("${") ? "0.1.0-SNAPSHOT" : v;
  }

  /**
   * The git commit the jar was built from, with {@code -dirty} when the tree had changes, or
   * "unknown" (a build from a source tree without git).
   */
  public static String commit() {
    String c = BUILD.getProperty("commit", "");
    if (c.isEmpty() || c.startsWith("${")) {
      return "unknown";
    }
    return c + ("true".equals(BUILD.getProperty("dirty")) ? "-dirty" : "");
  }

  /** The Spark on the classpath. */
  static String spark() {
    String v = SparkContext.class.getPackage().getImplementationVersion();
    return v != null ? v : BUILD.getProperty("spark", "unknown") + " (built against)";
  }

  /** The Iceberg on the classpath. */
  static String iceberg() {
    return IcebergBuild.version();
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "spamtraffic " + current() + " (commit " + commit() + ")",
      "Spark " + spark() + ", Iceberg " + iceberg() + ", Java " + System.getProperty("java.version")
    };
  }

  private static Properties build() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read build.properties", e);
    }
    return p;
  }
}
