package org.spamtraffic.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.derive.DeriveReturnsJob;
import org.spamtraffic.evidence.DeriveReturns;
import org.spamtraffic.evidence.EvidenceKind;
import org.spamtraffic.evidence.EvidenceText;
import org.spamtraffic.evidence.Operator;
import org.spamtraffic.evidence.PeriodScope;
import org.spamtraffic.evidence.ReturnFiles;
import org.spamtraffic.evidence.Tally;
import org.spamtraffic.evidence.ip.NetworkList;
import org.spamtraffic.evidence.log.LogLayout;
import org.spamtraffic.evidence.mail.MailOptions;
import org.spamtraffic.evidence.phone.CarrierNames;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.validate.Finding;
import org.spamtraffic.validate.ReturnValidator;
import org.spamtraffic.validate.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Derives an operator's return from its evidence: the plain library in one thread, or with {@code
 * --spark} the Spark job; then checks the return with the rules of validate. Help and messages come
 * from the evidence catalogue ({@link EvidenceText#BUNDLE}).
 */
@Command(
    name = "derive-returns",
    mixinStandardHelpOptions = true,
    resourceBundle = EvidenceText.BUNDLE,
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/spamtraffic derive-returns --operator-id KE-KILIMA \\",
      "      --operator-name Kilima --country KEN --sms sms-firewall.csv \\",
      "      --service-size sms=4800000"
    },
    sortOptions = false)
final class DeriveReturnsCommand implements Callable<Integer> {
  @Option(
      names = "--operator-id",
      paramLabel = "ID",
      required = true,
      descriptionKey = "derive.operator-id")
  String operatorId;

  @Option(
      names = "--operator-name",
      paramLabel = "NAME",
      required = true,
      descriptionKey = "derive.operator-name")
  String operatorName;

  @Option(
      names = "--country",
      paramLabel = "XXX",
      required = true,
      descriptionKey = "derive.country")
  String country;

  @Option(names = "--email", paramLabel = "PATH", descriptionKey = "derive.email")
  List<String> email = new ArrayList<>();

  @Option(names = "--sms", paramLabel = "PATH", descriptionKey = "derive.sms")
  List<String> sms = new ArrayList<>();

  @Option(names = "--sms-reports", paramLabel = "PATH", descriptionKey = "derive.sms-reports")
  List<String> smsReports = new ArrayList<>();

  @Option(names = "--voice", paramLabel = "PATH", descriptionKey = "derive.voice")
  List<String> voice = new ArrayList<>();

  @Option(names = "--period", paramLabel = "PERIOD", descriptionKey = "derive.period")
  String period;

  @Option(names = "--by", paramLabel = "UNIT", defaultValue = "month", descriptionKey = "derive.by")
  String by;

  @Option(names = "--service-size", paramLabel = "TYPE=N", descriptionKey = "derive.service-size")
  Map<String, Long> serviceSizes = new LinkedHashMap<>();

  @Option(names = "--trusted", paramLabel = "CIDR", descriptionKey = "derive.trusted")
  List<String> trusted = new ArrayList<>();

  @Option(names = "--trusted-file", paramLabel = "FILE", descriptionKey = "derive.trusted-file")
  Path trustedFile;

  @Option(
      names = "--mailbox",
      paramLabel = "KIND",
      defaultValue = "trap",
      descriptionKey = "derive.mailbox")
  String mailbox;

  @Option(names = "--mail-route", paramLabel = "ROUTE=CIDR", descriptionKey = "derive.mail-route")
  Map<String, String> mailRoutes = new LinkedHashMap<>();

  @Option(names = "--layout", paramLabel = "KIND=FILE", descriptionKey = "derive.layout")
  Map<String, Path> layouts = new LinkedHashMap<>();

  @Option(names = "--calls-per-day", paramLabel = "N", descriptionKey = "derive.calls-per-day")
  Integer callsPerDay;

  @Option(
      names = "--short-call-seconds",
      paramLabel = "SECONDS",
      defaultValue = "10",
      descriptionKey = "derive.short-call-seconds")
  int shortCallSeconds;

  @Option(names = "--complete-logs", descriptionKey = "derive.complete-logs")
  boolean completeLogs;

  @Option(names = "--ip-data", paramLabel = "DIR", descriptionKey = "derive.ip-data")
  Path ipData;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "derived-return",
      descriptionKey = "derive.out")
  String out;

  @Option(names = "--spark", descriptionKey = "derive.spark")
  boolean spark;

  @Option(names = "--master", paramLabel = "URL", descriptionKey = "derive.master")
  String master;

  @Option(
      names = "--part-size",
      paramLabel = "BYTES",
      defaultValue = "67108864",
      descriptionKey = "derive.part-size")
  long partBytes;

  @Option(names = "--no-validate", descriptionKey = "derive.no-validate")
  boolean noValidate;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    DeriveReturns.Options options = options();
    PrintWriter o = spec.commandLine().getOut();
    Tally tally;
    int rows;
    if (spark) {
      Logging.configure(false);
      SparkSession session =
          SparkSessions.create("spamtraffic derive-returns", master, Map.of(), false);
      try {
        DeriveReturnsJob.Result r =
            new DeriveReturnsJob(session)
                .run(new DeriveReturnsJob.Options(options, out, partBytes));
        tally = r.tally();
        rows = r.rows();
      } finally {
        session.stop();
      }
    } else {
      DeriveReturns.Result r = new DeriveReturns(options).run(Path.of(out));
      tally = r.tally();
      rows = r.rows();
    }
    print(tally, rows, o);
    int code = 0;
    if (rows == 0) {
      o.println(EvidenceText.format("cli.no_rows", options.periods()));
      code = 1;
    } else if (!noValidate) {
      code = validate(o);
    }
    o.flush();
    return code;
  }

  private DeriveReturns.Options options() throws IOException {
    List<DeriveReturns.Input> inputs = new ArrayList<>();
    email.forEach(p -> inputs.add(new DeriveReturns.Input(EvidenceKind.EMAIL, p)));
    sms.forEach(p -> inputs.add(new DeriveReturns.Input(EvidenceKind.SMS, p)));
    smsReports.forEach(p -> inputs.add(new DeriveReturns.Input(EvidenceKind.SMS_REPORTS, p)));
    voice.forEach(p -> inputs.add(new DeriveReturns.Input(EvidenceKind.VOICE, p)));
    List<String> trustedBlocks = new ArrayList<>(trusted);
    if (trustedFile != null) {
      for (String line : Files.readAllLines(trustedFile)) {
        String t = line.replaceAll("#.*", "").trim();
        if (!t.isEmpty()) {
          trustedBlocks.add(t);
        }
      }
    }
    Map<String, NetworkList> routes = new LinkedHashMap<>();
    mailRoutes.forEach(
        (route, cidr) -> routes.put(route, NetworkList.of(List.of(cidr.split(",")))));
    Map<EvidenceKind, LogLayout> logLayouts = new EnumMap<>(EvidenceKind.class);
    layouts.forEach((kind, file) -> logLayouts.put(EvidenceKind.of(kind), LogLayout.read(file)));
    Map<String, Long> sizes = new LinkedHashMap<>();
    serviceSizes.forEach((k, v) -> sizes.put(k.trim().toLowerCase(Locale.ROOT), v));
    return new DeriveReturns.Options(
        new Operator(operatorId, operatorName, country),
        inputs,
        period != null ? PeriodScope.only(period) : PeriodScope.every(granularity()),
        sizes,
        completeLogs,
        new MailOptions(
            NetworkList.of(trustedBlocks),
            routes,
            MailOptions.Mailbox.of(mailbox),
            MailOptions.DEFAULT_MAX_MESSAGE_BYTES,
            MailOptions.DEFAULT_MAX_TEXT_CHARS),
        logLayouts,
        callsPerDay,
        shortCallSeconds,
        ipData != null ? ipData : defaultIpData(),
        CarrierNames.debian());
  }

  private PeriodScope.Granularity granularity() {
    try {
      return PeriodScope.Granularity.valueOf(by.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--by '" + by + "' is not month or quarter", e);
    }
  }

  private static Path defaultIpData() {
    String home = System.getenv("SPAMTRAFFIC_HOME");
    return Path.of(home == null ? "." : home, "evidence", "data", "ip-location-db");
  }

  private void print(Tally tally, int rows, PrintWriter o) {
    tally
        .inputs()
        .forEach(
            (kind, in) -> {
              o.println(
                  EvidenceText.format(
                      "cli.summary",
                      kind.code(),
                      String.format(Locale.ROOT, "%,d", in.read()),
                      String.format(Locale.ROOT, "%,d", in.used()),
                      String.format(Locale.ROOT, "%,d", in.spam()),
                      String.format(Locale.ROOT, "%,d", in.clean()),
                      String.format(Locale.ROOT, "%,d", in.unusable())));
              in.byReason()
                  .forEach(
                      (reason, n) ->
                          o.println(
                              EvidenceText.format(
                                  "cli.reason",
                                  String.format(Locale.ROOT, "%,d", n),
                                  reason,
                                  EvidenceText.unusable(reason, "…"))));
            });
    o.println(EvidenceText.format("cli.wrote", rows, out + "/" + ReturnFiles.RETURN));
  }

  private int validate(PrintWriter o) {
    ValidationReport r =
        new ReturnValidator(new Configuration(), ReturnValidator.Options.DEFAULT)
            .validate(out + "/" + ReturnFiles.RETURN);
    o.println(
        EvidenceText.format(
            "cli.validated",
            r.status(),
            r.rowsRead(),
            r.rowsAccepted(),
            r.rowsRejected(),
            r.warnings()));
    int shown = 0;
    for (Finding f : r.findings()) {
      if (shown++ >= 10) {
        break;
      }
      o.println(EvidenceText.format("cli.validate_finding", f.level(), f.rule(), f.message()));
    }
    return r.clean() ? 0 : 1;
  }
}
