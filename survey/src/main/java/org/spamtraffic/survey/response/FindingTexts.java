package org.spamtraffic.survey.response;

import org.spamtraffic.language.Catalogue;
import org.spamtraffic.language.Language;

/** The findings' catalogue in one language, making {@link Message}s (key, arguments and text). */
final class FindingTexts {
  private final Catalogue catalogue;

  FindingTexts(Language language) {
    this.catalogue = SubmissionChecker.catalogue(language);
  }

  /** The message {@code key} with {@code args} (values, or nested messages). */
  Message text(String key, Object... args) {
    return Message.of(catalogue, key, args);
  }

  Language language() {
    return catalogue.language();
  }
}
