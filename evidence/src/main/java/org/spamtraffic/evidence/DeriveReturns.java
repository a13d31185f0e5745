package org.spamtraffic.evidence;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.spamtraffic.evidence.content.ContentRules;
import org.spamtraffic.evidence.ip.IpLocation;
import org.spamtraffic.evidence.log.CallRates;
import org.spamtraffic.evidence.log.LogDerivers;
import org.spamtraffic.evidence.log.LogLayout;
import org.spamtraffic.evidence.mail.MailArchive;
import org.spamtraffic.evidence.mail.MailDeriver;
import org.spamtraffic.evidence.mail.MailOptions;
import org.spamtraffic.evidence.phone.CarrierNames;
import org.spamtraffic.evidence.phone.Senders;

/**
 * Derives one operator's return from its evidence, in one thread, without Spark: reads every file
 * whole, turns each input into an outcome ({@link Derivation}), counts ({@link Tally}) and writes
 * the return and its side files ({@link ReturnFiles}). The Spark job of the jobs module takes the
 * same {@link Derivation} to tasks that read parts of files on any Hadoop file system.
 */
public final class DeriveReturns {
  /**
   * Evidence of one kind at a path: a file, or a folder read recursively (hidden files and Maildir
   * {@code tmp/} folders, which hold messages still being delivered, are not read).
   */
  public record Input(EvidenceKind kind, String path) implements Serializable {}

  /**
   * What to derive.
   *
   * @param operator the operator
   * @param inputs the evidence
   * @param periods which period(s)
   * @param serviceSizes subscribers or mailboxes per spam type (every type read needs one)
   * @param completeLogs whether the firewall logs and CDRs hold all traffic of the period
   * @param mail how mail is read
   * @param layouts the layout of each kind of log (the documented one when absent)
   * @param callsPerDay the call-rate threshold, or null for none (then only the verdict column
   *     marks spam calls)
   * @param shortCallSeconds the longest call the call-rate rule counts
   * @param ipData the folder holding the ip-location-db packages
   * @param carriers carrier names for number ranges
   */
  public record Options(
      Operator operator,
      List<Input> inputs,
      PeriodScope periods,
      Map<String, Long> serviceSizes,
      boolean completeLogs,
      MailOptions mail,
      Map<EvidenceKind, LogLayout> layouts,
      Integer callsPerDay,
      int shortCallSeconds,
      Path ipData,
      CarrierNames carriers) {

    /** Checks that every spam type read has a service size and the threshold is sensible. */
    public Options {
      inputs = List.copyOf(inputs);
      serviceSizes = Map.copyOf(serviceSizes);
      Map<EvidenceKind, LogLayout> given = new EnumMap<>(EvidenceKind.class);
      given.putAll(layouts);
      layouts = given;
      if (inputs.isEmpty()) {
        throw new IllegalArgumentException("No evidence given: name at least one file or folder");
      }
      for (Input in : inputs) {
        Long size = serviceSizes.get(in.kind().spamType());
        if (size == null || size < 0) {
          throw new IllegalArgumentException(
              "The return needs the service size for "
                  + in.kind().spamType()
                  + " (subscribers, or mailboxes for email): give --service-size "
                  + in.kind().spamType()
                  + "=N");
        }
      }
      if (callsPerDay != null && callsPerDay < 2) {
        throw new IllegalArgumentException(
            "--calls-per-day must be at least 2, not " + callsPerDay);
      }
      if (shortCallSeconds < 0) {
        throw new IllegalArgumentException(
            "--short-call-seconds must be 0 or more, not " + shortCallSeconds);
      }
    }

    /** The kinds of evidence read. */
    public Set<EvidenceKind> kinds() {
      Set<EvidenceKind> k = new TreeSet<>();
      inputs.forEach(i -> k.add(i.kind()));
      return k;
    }

    /** The layout of {@code kind}'s logs. */
    public LogLayout layout(EvidenceKind kind) {
      return layouts.getOrDefault(kind, LogLayout.documented());
    }
  }

  /**
   * What a run did.
   *
   * @param out the folder written
   * @param tally the counts
   * @param rows return rows written
   */
  public record Result(Path out, Tally tally, int rows) {}

  private final Options options;

  /** A derivation of {@code options}. */
  public DeriveReturns(Options options) {
    this.options = options;
  }

  /** Derives the return into the folder {@code out} (created; files there are replaced). */
  public Result run(Path out) {
    try {
      Files.createDirectories(out);
      IpLocation ip =
          options.kinds().contains(EvidenceKind.EMAIL) ? IpLocation.load(options.ipData()) : null;
      Derivation d = derivation(options, ip);
      List<FilePart> parts = new ArrayList<>();
      for (Input in : options.inputs()) {
        for (Path f : files(Path.of(in.path()))) {
          parts.add(FilePart.whole(in.kind(), f.toString(), Files.size(f)));
        }
      }
      if (options.callsPerDay() != null && options.kinds().contains(EvidenceKind.VOICE)) {
        CallRates.Counter counter = new CallRates.Counter();
        for (FilePart p : parts) {
          d.countCalls(p, source(Path.of(p.file())), counter);
        }
        d = d.withCallRates(counter.rule(options.callsPerDay(), options.shortCallSeconds()));
      }
      Tally tally = new Tally();
      try (CsvWriter unusable =
          ReturnFiles.csv(Files.newOutputStream(out.resolve(ReturnFiles.UNUSABLE)))) {
        unusable.writeRecord(ReturnFiles.UNUSABLE_HEADER);
        for (FilePart p : parts) {
          d.read(
              p,
              source(Path.of(p.file())),
              o -> {
                tally.add(p.kind(), o);
                if (o instanceof Outcome.Unusable u) {
                  unusable.writeRecord(ReturnFiles.unusableRow(u));
                }
              });
        }
      }
      ReturnFiles.Settings settings = settings(options, d, ip);
      int rows =
          ReturnFiles.writeReturn(
              settings, tally, Files.newOutputStream(out.resolve(ReturnFiles.RETURN)));
      ReturnFiles.writeDerivation(
          tally, Files.newOutputStream(out.resolve(ReturnFiles.DERIVATION)));
      Map<String, Object> summary = ReturnFiles.summary(settings, tally, rows);
      summary.put("engine", "plain Java, one thread");
      ReturnFiles.writeSummary(summary, Files.newOutputStream(out.resolve(ReturnFiles.SUMMARY)));
      return new Result(out, tally, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the return to " + out + ": " + e.getMessage(), e);
    }
  }

  /** The derivation of {@code options}, with {@code ip} loaded when mail is read. */
  public static Derivation derivation(Options options, IpLocation ip) {
    ContentRules rules = ContentRules.standard();
    MailDeriver mail =
        ip == null ? null : new MailDeriver(options.mail(), ip, rules, options.periods());
    Senders senders = new Senders(options.operator().country(), options.carriers());
    LogDerivers logs =
        new LogDerivers(
            options.operator().country(),
            senders,
            rules,
            options.periods(),
            phoneDataNote(options));
    Map<EvidenceKind, LogLayout> layouts = new EnumMap<>(EvidenceKind.class);
    for (EvidenceKind k : options.kinds()) {
      if (k.isLog()) {
        layouts.put(k, options.layout(k));
      }
    }
    return new Derivation(
        new MailArchive(options.mail().maxMessageBytes()),
        mail,
        logs,
        layouts,
        options.kinds().contains(EvidenceKind.SMS),
        null);
  }

  private static String phoneDataNote(Options options) {
    return "data.phone=libphonenumber "
        + libphonenumberVersion()
        + ", carrier data "
        + options.carriers().version();
  }

  /** The version of libphonenumber on the class path. */
  public static String libphonenumberVersion() {
    try (InputStream in =
        DeriveReturns.class.getResourceAsStream(
            "/META-INF/maven/com.googlecode.libphonenumber/libphonenumber/pom.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** What the return needs beyond the counts, and what the summary says of data and options. */
  public static ReturnFiles.Settings settings(Options o, Derivation d, IpLocation ip) {
    Set<String> reported = new TreeSet<>();
    if (o.kinds().contains(EvidenceKind.SMS_REPORTS)) {
      reported.add("sms");
    }
    if (o.kinds().contains(EvidenceKind.EMAIL)
        && o.mail().mailbox() == MailOptions.Mailbox.REPORTS) {
      reported.add("email");
    }
    Map<String, Object> about = new LinkedHashMap<>();
    about.put("periods", o.periods().toString());
    Map<String, Object> data = new LinkedHashMap<>();
    if (ip != null) {
      data.put("ip", ip.sources());
    }
    data.put("content_rules", ContentRules.FILE + " version " + ContentRules.standard().version());
    data.put("phone", "libphonenumber " + libphonenumberVersion());
    data.put(
        "carrier",
        o.carriers().available()
            ? "libphonenumber carrier data "
                + o.carriers().version()
                + " (Debian libphonenumber8-java)"
            : "none installed");
    about.put("data", data);
    Map<String, Object> opts = new LinkedHashMap<>();
    if (o.kinds().contains(EvidenceKind.EMAIL)) {
      opts.put("mailbox", o.mail().mailbox().name().toLowerCase(java.util.Locale.ROOT));
      opts.put("trusted_networks", o.mail().trusted().blocks());
      Map<String, Object> routes = new LinkedHashMap<>();
      o.mail().routes().forEach((route, nets) -> routes.put(route, nets.blocks()));
      opts.put("mail_routes", routes);
    }
    Map<String, String> layouts = new LinkedHashMap<>();
    for (EvidenceKind k : o.kinds()) {
      if (k.isLog()) {
        layouts.put(k.code(), o.layout(k).source());
      }
    }
    if (!layouts.isEmpty()) {
      opts.put("layouts", layouts);
    }
    if (d.callRates() != null) {
      opts.put("calls_per_day", d.callRates().callsPerDay());
      opts.put("short_call_seconds", d.callRates().shortCallSeconds());
      opts.put("caller_days_at_or_above_threshold", d.callRates().busyCallerDays());
    }
    opts.put("complete_logs", o.completeLogs());
    opts.put("service_sizes", new java.util.TreeMap<>(o.serviceSizes()));
    about.put("options", opts);
    return new ReturnFiles.Settings(
        o.operator(), o.serviceSizes(), o.completeLogs(), reported, about);
  }

  /** The files of {@code path}, sorted; fails when the path does not exist. */
  static List<Path> files(Path path) throws IOException {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new IllegalArgumentException("Evidence not found: " + path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile).filter(p -> !hidden(path, p)).sorted().toList();
    }
  }

  private static boolean hidden(Path root, Path file) {
    String rel = root.relativize(file).toString().replace('\\', '/');
    return EvidenceFiles.skipped(rel, d -> Files.isDirectory(root.resolve(d)));
  }

  private static Derivation.Source source(Path file) {
    return position -> {
      FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
      ch.position(position);
      return new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
    };
  }
}
