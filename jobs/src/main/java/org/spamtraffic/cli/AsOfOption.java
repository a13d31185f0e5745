package org.spamtraffic.cli;

import org.spamtraffic.warehouse.Warehouse;
import picocli.CommandLine.Option;

/** {@code --as-of N}: read the study as it was at warehouse commit N. */
final class AsOfOption {
  @Option(
      names = "--as-of",
      paramLabel = "COMMIT",
      description =
          "Read the study as it was at this warehouse commit (default: the latest;"
              + " bin/spamtraffic show lists the commits).")
  Long commit;

  /** The warehouse as of the commit asked for, or as it is. */
  Warehouse apply(Warehouse warehouse) {
    return commit == null ? warehouse : warehouse.asOf(commit);
  }
}
