package org.spamtraffic.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Validates one file. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Validates one file")
final class ValidateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("validate is being built");
  }
}
