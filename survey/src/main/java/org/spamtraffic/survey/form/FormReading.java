package org.spamtraffic.survey.form;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@link FormReader} made of an XLSForm: the form when it has no errors, and every error found
 * (all of them, not just the first, so a designer can fix a form in one go).
 *
 * @param source the file or folder read
 * @param form the form, or null when there are errors
 * @param errors every problem found, with sheet and row
 */
public record FormReading(String source, Form form, List<FormError> errors) {
  /** Whether the form was read without errors. */
  public boolean ok() {
    return errors.isEmpty() && form != null;
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
              + errors.size()
              + " error(s):\n  "
              + errors.stream().map(FormError::toString).collect(Collectors.joining("\n  ")));
    }
    return form;
  }
}
