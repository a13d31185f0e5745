package org.spamtraffic.cli;

import picocli.CommandLine.Option;

/** {@code --landing DIR}: the landing folder of operators' returns, as the portal writes it. */
final class LandingOption {
  static final String OPTION = "--landing";
  static final String SAMPLES = "data-samples/returns";

  @Option(
      names = OPTION,
      paramLabel = "DIR",
      description =
          "The landing folder of operators' returns (landing/<operator>/<file>, as the portal"
              + " writes it), any Hadoop file system URI. Default: the bundled "
              + SAMPLES
              + ", only when no input is given at all.")
  String landing;

  /** The old spelling of {@code study}, kept hidden for one release. */
  @Option(
      names = "--returns",
      hidden = true,
      paramLabel = "DIR",
      description = "Old spelling of " + OPTION + ", kept for one release.")
  void returns(String folder) {
    landing = folder;
  }

  Inputs.Input input() {
    return new Inputs.Input(OPTION, landing, SAMPLES);
  }
}
