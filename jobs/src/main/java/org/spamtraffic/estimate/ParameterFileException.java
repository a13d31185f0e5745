package org.spamtraffic.estimate;

import java.util.List;

/** A parameter file that cannot be used, with every problem found in it, each one actionable. */
public final class ParameterFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  ParameterFileException(String source, List<String> problems) {
    super(message(source, problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, one sentence each. */
  public List<String> problems() {
    return problems;
  }

  private static String message(String source, List<String> problems) {
    StringBuilder b = new StringBuilder("Parameter file ").append(source).append(": ");
    if (problems.size() == 1) {
      return b.append(problems.get(0)).toString();
    }
    b.append(problems.size()).append(" problems:");
    for (String p : problems) {
      b.append(System.lineSeparator()).append("  - ").append(p);
    }
    return b.toString();
  }
}
