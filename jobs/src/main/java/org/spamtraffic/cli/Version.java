package org.spamtraffic.cli;

import picocli.CommandLine.IVersionProvider;

/** The software version, from the jar manifest when there is one. */
public final class Version implements IVersionProvider {
  /** The version string, for manifests and --version. */
  public static String current() {
    String v = SpamTraffic.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"spamtraffic " + current()};
  }
}
