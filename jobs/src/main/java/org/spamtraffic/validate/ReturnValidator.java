package org.spamtraffic.validate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.spamtraffic.intake.FileFinding;
import org.spamtraffic.intake.FileInspector;
import org.spamtraffic.intake.RawRow;
import org.spamtraffic.intake.ReturnFile;
import org.spamtraffic.intake.RowSource;
import org.spamtraffic.schema.Rule;

/**
 * Checks one operator file without Spark: {@code bin/spamtraffic validate}, the portal and the
 * annotated workbook use it. Same readers and the same rules as {@code ingest-returns} (a test runs
 * both over the sample files and compares every finding).
 */
public final class ReturnValidator {
  /** Options: limits and how many findings to keep. */
  public record Options(FileInspector.Limits limits, int maxFindings) {
    /** Default limits, 100,000 findings kept. */
    public static final Options DEFAULT = new Options(FileInspector.Limits.DEFAULT, 100_000);
  }

  private final Configuration conf;
  private final Options options;

  /** A validator reading through the local file system (or {@code conf}'s). */
  public ReturnValidator(Configuration conf, Options options) {
    this.conf = conf;
    this.options = options;
  }

  /** Checks the file at {@code uri}, sender unknown. Bad content is reported, never thrown. */
  public ValidationReport validate(String uri) {
    return validate(uri, null);
  }

  /**
   * Checks the file at {@code uri} as sent by operator {@code sender} (the portal's token, {@code
   * validate --operator}; null when unknown): rows naming another operator are rejected ({@link
   * FileOwner}). Bad content is reported, never thrown.
   */
  public ValidationReport validate(String uri, String sender) {
    ReturnFile file = new FileInspector(conf, options.limits()).inspect(uri);
    List<Finding> findings = new ArrayList<>();
    Map<String, Long> byRule = new TreeMap<>();
    long warnings = 0;
    for (FileFinding f : file.findings()) {
      findings.add(Finding.of(f));
      byRule.merge(f.rule(), 1L, Long::sum);
      if (f.level() != Rule.Level.ERROR) {
        warnings++;
      }
    }
    if (!file.readable()) {
      return new ValidationReport(file, 0, 0, 0, warnings, 0, 0, byRule, findings, false);
    }
    long read = 0;
    long skipped = 0;
    long formulas = 0;
    Map<Long, List<Problem>> rowProblems = new TreeMap<>();
    List<ReturnChecks.ValidRow> valid = new ArrayList<>();
    try (RowSource rows = RowSource.open(file, conf)) {
      while (rows.hasNext()) {
        RawRow r = rows.next();
        formulas += r.formulaCells();
        if (r.kind() != RawRow.Kind.DATA) {
          skipped++;
          continue;
        }
        read++;
        RowCheck.Checked checked =
            RowCheck.check(r.cells(), r.fieldCount(), file.mapping().width());
        if (checked.valid()) {
          valid.add(new ReturnChecks.ValidRow(r.row(), checked));
        } else {
          rowProblems.put(r.row(), checked.problems());
        }
      }
    } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // The same finding and status ("failed") as ingest-returns gives a file that fails half way.
      FileFinding f = new FileFinding("file.unreadable", FileInspector.describe(e), null);
      findings.add(Finding.of(f));
      byRule.merge(f.rule(), 1L, Long::sum);
      return new ValidationReport(
          file.withFinding(f), 0, 0, 0, warnings, 0, 0, byRule, findings, false);
    }
    ReturnChecks.check(valid, sender)
        .forEach((row, ps) -> rowProblems.computeIfAbsent(row, k -> new ArrayList<>()).addAll(ps));
    long rejected = 0;
    boolean truncated = false;
    String sheet = file.sheet();
    for (Map.Entry<Long, List<Problem>> e : rowProblems.entrySet()) {
      boolean error = false;
      for (Problem p : e.getValue()) {
        byRule.merge(p.rule(), 1L, Long::sum);
        if (p.level() == Rule.Level.ERROR) {
          error = true;
        } else {
          warnings++;
        }
        if (findings.size() < options.maxFindings()) {
          findings.add(Finding.of(sheet, e.getKey(), p));
        } else {
          truncated = true;
        }
      }
      if (error) {
        rejected++;
      }
    }
    if (skipped > 0) {
      FileFinding f = new FileFinding("file.blank_lines", Long.toString(skipped), null);
      findings.add(0, Finding.of(f));
      byRule.merge(f.rule(), 1L, Long::sum);
      warnings++;
    }
    if (formulas > 0) {
      FileFinding f = new FileFinding("file.formulas", Long.toString(formulas), null);
      findings.add(0, Finding.of(f));
      byRule.merge(f.rule(), 1L, Long::sum);
      warnings++;
    }
    if (read == 0) {
      FileFinding f = new FileFinding("file.header_only", null, null);
      findings.add(0, Finding.of(f));
      byRule.merge(f.rule(), 1L, Long::sum);
    }
    return new ValidationReport(
        file,
        read,
        read - rejected,
        rejected,
        warnings,
        skipped,
        formulas,
        byRule,
        findings,
        truncated);
  }
}
