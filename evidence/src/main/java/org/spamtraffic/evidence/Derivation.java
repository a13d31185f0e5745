package org.spamtraffic.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import org.spamtraffic.evidence.log.CallRates;
import org.spamtraffic.evidence.log.LogDerivers;
import org.spamtraffic.evidence.log.LogLayout;
import org.spamtraffic.evidence.log.LogReader;
import org.spamtraffic.evidence.mail.MailArchive;
import org.spamtraffic.evidence.mail.MailDeriver;

/**
 * Everything that turns parts of evidence files into outcomes, for one operator: the one path both
 * engines take (the plain {@link DeriveReturns} reads whole files in one thread; the Spark job
 * gives each task parts of files). Serializable, so a Spark job broadcasts one copy with the IP
 * data.
 */
public final class Derivation implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Bytes of one file from a position (buffered), whatever the file system. */
  public interface Source {
    /** The file's bytes from byte {@code position}. */
    InputStream open(long position) throws IOException;
  }

  private final MailArchive archive;
  private final MailDeriver mail;
  private final LogDerivers logs;
  private final Map<EvidenceKind, LogLayout> layouts;
  private final boolean reportsAlsoInLog;
  private final CallRates rates;

  /**
   * @param archive how mail files are read
   * @param mail the mail deriver (null when no mail is read)
   * @param logs the log derivers
   * @param layouts the layout of each kind of log read
   * @param reportsAlsoInLog whether a firewall log is read alongside 7726 reports
   * @param rates the call-rate rule, or null until the first pass found it (or none is set)
   */
  public Derivation(
      MailArchive archive,
      MailDeriver mail,
      LogDerivers logs,
      Map<EvidenceKind, LogLayout> layouts,
      boolean reportsAlsoInLog,
      CallRates rates) {
    this.archive = archive;
    this.mail = mail;
    this.logs = logs;
    this.layouts = Map.copyOf(layouts);
    this.reportsAlsoInLog = reportsAlsoInLog;
    this.rates = rates;
  }

  /** This derivation with the call-rate rule found by the first pass. */
  public Derivation withCallRates(CallRates found) {
    return new Derivation(archive, mail, logs, layouts, reportsAlsoInLog, found);
  }

  /** The call-rate rule in use, or null. */
  public CallRates callRates() {
    return rates;
  }

  /** Reads {@code part} and gives the outcome of every input in it to {@code out}. */
  public void read(FilePart part, Source source, Consumer<Outcome> out) {
    if (part.length() == 0) {
      if (part.first()) {
        out.accept(new Outcome.Unusable(part.kind(), Where.file(part.file()), "file.empty", ""));
      }
      return;
    }
    try {
      if (part.kind() == EvidenceKind.EMAIL) {
        boolean mbox = isMbox(source);
        try (InputStream in = source.open(PartInput.seekPosition(part))) {
          archive.read(part, mbox, in, m -> out.accept(mail.derive(m)));
        }
        return;
      }
      LogLayout layout = layouts.get(part.kind());
      LogReader reader = new LogReader(part.kind(), layout);
      LogReader.Header header = reader.header(firstLine(source));
      String missing = String.join(", ", header.missing());
      if (missing.isEmpty()
          && part.kind() == EvidenceKind.VOICE
          && rates == null
          && !header.index().containsKey(LogLayout.Column.VERDICT)) {
        // Without a verdict and without a call-rate threshold no call could ever be spam.
        missing = "verdict (or set a call-rate threshold)";
      }
      if (!missing.isEmpty()) {
        if (part.first()) {
          out.accept(
              new Outcome.Unusable(
                  part.kind(), Where.file(part.file()), "file.missing_columns", missing));
        }
        return;
      }
      try (InputStream in = source.open(PartInput.seekPosition(part))) {
        reader.read(
            part,
            header,
            in,
            row ->
                out.accept(
                    part.kind() == EvidenceKind.VOICE
                        ? logs.voice(row, layout, rates)
                        : logs.sms(part.kind(), row, layout, reportsAlsoInLog)),
            out::accept);
      }
    } catch (IOException | RuntimeException e) {
      out.accept(
          new Outcome.Unusable(
              part.kind(),
              new Where(part.file(), part.start(), 0),
              "file.unreadable",
              e.getClass().getSimpleName()));
    }
  }

  /** The first pass of the call-rate rule: counts the calls of {@code part} per caller-day. */
  public void countCalls(FilePart part, Source source, CallRates.Counter counter) {
    if (part.kind() != EvidenceKind.VOICE || part.length() == 0) {
      return;
    }
    LogLayout layout = layouts.get(EvidenceKind.VOICE);
    LogReader reader = new LogReader(EvidenceKind.VOICE, layout);
    try {
      LogReader.Header header = reader.header(firstLine(source));
      if (!header.missing().isEmpty()) {
        return; // the second pass reports the file
      }
      try (InputStream in = source.open(PartInput.seekPosition(part))) {
        reader.read(
            part,
            header,
            in,
            row -> LogDerivers.callerDay(row, layout).ifPresent(counter::add),
            u -> {});
      }
    } catch (IOException | RuntimeException e) {
      // The second pass reads the same bytes and reports the failure.
    }
  }

  private static boolean isMbox(Source source) throws IOException {
    try (InputStream in = source.open(0)) {
      byte[] head = in.readNBytes(1024);
      return MailArchive.isMbox(head, head.length);
    }
  }

  private static byte[] firstLine(Source source) throws IOException {
    try (InputStream in = source.open(0)) {
      byte[] head = in.readNBytes(1 << 16);
      int end = 0;
      while (end < head.length && head[end] != '\n') {
        end++;
      }
      return Arrays.copyOf(head, end);
    }
  }
}
