package org.spamtraffic.survey.form;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@link FormReader} made of an XLSForm: the form when it has no errors, and every finding
 * (all of them, not just the first, so a designer can fix a form in one go).
 *
 * @param source the file or folder read
 * @param form the form, or null when there are errors
 * @param findings every problem found (errors and warnings), in sheet order
 */
public record FormReading(String source, Form form, List<FormFinding> findings) {
  /** Whether the form was read without errors. */
  public boolean ok() {
    return form != null && errors().isEmpty();
  }

  /** The errors: what makes KoboToolbox, ODK or SurveyCTO refuse the form. */
  public List<FormFinding> errors() {
    return findings.stream().filter(FormFinding::isError).toList();
  }

  /** The warnings: the form is usable. */
  public List<FormFinding> warnings() {
    return findings.stream().filter(f -> !f.isError()).toList();
  }

  /**
   * The form.
   *
   * @throws IllegalArgumentException listing the errors, when there are any
   */
  public Form orThrow() {
    if (!ok()) {
      throw new IllegalArgumentException(
          "The XLSForm "
              + source
              + " has "
              + errors().size()
              + " error(s):\n  "
              + errors().stream().map(FormFinding::toString).collect(Collectors.joining("\n  ")));
    }
    return form;
  }
}
