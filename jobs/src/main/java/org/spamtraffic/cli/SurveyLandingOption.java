package org.spamtraffic.cli;

import picocli.CommandLine.Option;

/** {@code --survey-landing DIR}: the folder of questionnaire responses, read recursively. */
final class SurveyLandingOption {
  static final String OPTION = "--survey-landing";
  static final String SAMPLES = "data-samples/survey";

  @Option(
      names = OPTION,
      paramLabel = "DIR",
      description =
          "The folder of questionnaire responses (KoboToolbox, ODK, SurveyCTO exports, offline"
              + " forms), read recursively, any Hadoop file system URI. Default: the bundled "
              + SAMPLES
              + ", only when no input is given at all.")
  String landing;

  /** The old spelling of {@code study}, kept hidden for one release. */
  @Option(
      names = "--survey",
      hidden = true,
      paramLabel = "DIR",
      description = "Old spelling of " + OPTION + ", kept for one release.")
  void survey(String folder) {
    landing = folder;
  }

  Inputs.Input input() {
    return new Inputs.Input(OPTION, landing, SAMPLES);
  }
}
