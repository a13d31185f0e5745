package org.spamtraffic.intake;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.spamtraffic.schema.ReturnFormat;
import org.spamtraffic.schema.Rule;
import org.spamtraffic.schema.TableContract;
import org.spamtraffic.validate.FileOwner;
import org.spamtraffic.validate.Messages;
import org.spamtraffic.validate.Problem;
import org.spamtraffic.validate.ReturnChecks;
import org.spamtraffic.warehouse.Contracts;

/**
 * The driver-side book of one ingest run: every file found, in the order received (those an earlier
 * run recorded, {@link RecordedFile}, with the new ones this run reads); which are duplicates; what
 * the aggregations over the checked rows say of each; and, from that, the cross-row problems, the
 * live submission of each operator and period, each file's status and counts. Everything here is
 * small (one entry per file, one group per operator, period and type).
 */
final class Submissions {
  /** One file and what is known of it. */
  static final class Entry {
    final ReturnFile file;
    // A file an earlier run recorded, not read again (null for a file read by this run).
    final RecordedFile recorded;
    // Its modification time as listed, or null.
    Long modifiedAt;
    // Its sheet, when a recorded file gets new findings (the record does not hold it).
    String sheet;
    // Period-jump warnings recorded with it, which this run replaces (recorded files only).
    long replacedJumpWarnings;
    final String id;
    final String duplicateOf;
    // The operator whose landing folder the file is in, or null: see FileOwner.
    final String sender;
    final List<FileFinding> findings = new ArrayList<>();
    long rows;
    long valid;
    long skipped;
    long formulas;
    String readError;
    String fileOperator;
    String anyOperator;
    long crossRejected;
    long warnings;
    final Set<String> acceptedPeriods = new TreeSet<>();
    final Set<String> livePeriods = new TreeSet<>();
    final Set<String> supersedes = new LinkedHashSet<>();
    final Map<String, String> replacedBy = new TreeMap<>();
    String status;
    String message;
    Entry original;
    ReturnChecks.Tally tally;
    ReturnChecks.Verdict verdict;

    /** The operator the file is about, as far as its rows (or its original's) tell. */
    String operator() {
      if (original != null) {
        return original.operator();
      }
      return fileOperator != null ? fileOperator : anyOperator;
    }

    Entry(ReturnFile file, String id, String duplicateOf, String sender) {
      this.file = file;
      this.recorded = null;
      this.id = id;
      this.duplicateOf = duplicateOf;
      this.sender = sender;
      this.fileOperator = sender;
      this.findings.addAll(file.findings());
    }

    /** A recorded file: its counts and accepted periods as recorded, its other findings kept. */
    Entry(RecordedFile recorded, String sender) {
      this.file = recorded.asReturnFile();
      this.recorded = recorded;
      this.id = recorded.id();
      this.duplicateOf = recorded.duplicateOf();
      this.sender = sender;
      this.fileOperator = recorded.operator();
      this.anyOperator = recorded.operator();
      this.rows = recorded.rowsRead();
      this.modifiedAt = recorded.modifiedAtMillis();
      this.acceptedPeriods.addAll(recorded.periods());
    }

    FileOwner owner() {
      return FileOwner.of(sender, fileOperator);
    }

    boolean failed() {
      if (recorded != null) {
        return recorded.failed();
      }
      return !file.readable() || readError != null;
    }

    boolean read() {
      return recorded == null && duplicateOf == null && file.readable();
    }

    long rejected() {
      if (recorded != null) {
        return recorded.rowsRejected();
      }
      return failed() ? 0 : rows - valid + crossRejected;
    }

    long accepted() {
      if (recorded != null) {
        return recorded.rowsAccepted();
      }
      return failed() ? 0 : rows - rejected();
    }

    String sheet() {
      return sheet != null ? sheet : file.sheet();
    }
  }

  /** A service-level group of one submission. */
  record ServiceKey(String submissionId, ReturnChecks.GroupKey group) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, Entry> byId = new LinkedHashMap<>();
  // submission → row → every row with that row's key (itself included), for repeated keys only
  private final Map<String, Map<Long, List<Long>>> duplicateRows = new HashMap<>();
  private final Map<ServiceKey, Long> duplicateRowsPerGroup = new HashMap<>();
  private final Map<ServiceKey, Long> duplicateDetectedPerGroup = new HashMap<>();

  /**
   * The book of the files {@code inspected} in the landing folder {@code landingRoot} (a URI in the
   * form the file system lists files), whose layout by operator names each file's sender.
   */
  Submissions(List<ReturnFile> inspected, String landingRoot) {
    this(List.of(), inspected, landingRoot, Map.of());
  }

  /**
   * The book of the files {@code recorded} by earlier runs and the files {@code inspected} by this
   * one (none recorded), together in the order received, as if all were read by this run: a
   * recorded file keeps its id, a new one gets the id a run over all of them would give it (the
   * caller makes sure no new file is an earlier copy of a recorded one: see {@link
   * LandingChanges}). {@code modifiedAt}: the files' modification times as listed, by URI.
   */
  Submissions(
      List<RecordedFile> recorded,
      List<ReturnFile> inspected,
      String landingRoot,
      Map<String, Long> modifiedAt) {
    record Received(long at, String uri, RecordedFile recorded, ReturnFile file) {}
    List<Received> ordered = new ArrayList<>();
    recorded.forEach(r -> ordered.add(new Received(r.receivedAtMillis(), r.uri(), r, null)));
    inspected.forEach(f -> ordered.add(new Received(f.receivedAtMillis(), f.uri(), null, f)));
    ordered.sort(Comparator.comparingLong(Received::at).thenComparing(Received::uri));
    Map<String, String> firstBySha = new HashMap<>();
    Map<String, Integer> copies = new HashMap<>();
    for (Received received : ordered) {
      if (received.recorded() != null) {
        RecordedFile r = received.recorded();
        Entry e = new Entry(r, FileOwner.senderInLanding(landingRoot, r.uri()));
        e.modifiedAt = modifiedAt.get(r.uri()); // a touched file's new time
        copies.merge(r.sha256().substring(0, 16), 1, Integer::sum);
        if (r.duplicateOf() == null && r.sizeBytes() > 0) {
          firstBySha.putIfAbsent(r.sha256(), r.id());
        }
        entries.add(e);
        byId.put(e.id, e);
        continue;
      }
      ReturnFile f = received.file();
      String first = firstBySha.get(f.sha256());
      Entry e;
      if (first == null || f.sizeBytes() == 0) {
        String id = f.contentId();
        int n = copies.merge(id, 1, Integer::sum);
        e = new Entry(f, n == 1 ? id : id + "~" + n, null, sender(landingRoot, f));
        firstBySha.putIfAbsent(f.sha256(), e.id);
      } else {
        int n = copies.merge(f.contentId(), 1, Integer::sum);
        e = new Entry(f, f.contentId() + "~" + n, first, sender(landingRoot, f));
        e.findings.add(new FileFinding("file.duplicate", first, null));
        e.original = byId.get(first);
      }
      e.modifiedAt = modifiedAt.get(f.uri());
      entries.add(e);
      byId.put(e.id, e);
    }
  }

  private static String sender(String landingRoot, ReturnFile f) {
    return FileOwner.senderInLanding(landingRoot, f.uri());
  }

  /** Submissions whose file is read in several chunks. */
  java.util.Set<String> chunkedIds() {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (Entry e : entries) {
      if (e.read() && !e.file.chunks().isEmpty()) {
        out.add(e.id);
      }
    }
    return out;
  }

  List<ReadTask> readTasks() {
    List<ReadTask> tasks = new ArrayList<>();
    for (Entry e : entries) {
      if (e.read()) {
        tasks.addAll(ReadTask.of(e.id, e.file));
      }
    }
    return tasks;
  }

  /**
   * Takes what the checking pass saw of each submission: counts, the file's operator (its sender's,
   * else the operator of its first valid row) and the tally of its valid rows.
   */
  void record(Map<String, CheckingPass.Part> parts) {
    for (CheckingPass.Part p : parts.values()) {
      Entry e = byId.get(p.submissionId);
      e.rows = p.rows;
      e.valid = p.valid;
      e.skipped = p.skipped;
      e.formulas = p.formulas;
      e.anyOperator = p.anyOperator;
      if (p.readError != null) {
        e.readError = p.readError;
      }
      e.tally = p.tally;
      if (p.tally.fileOperator() != null) {
        // The sender, when known, owns the file whatever its rows say.
        e.fileOperator = FileOwner.of(e.sender, p.tally.fileOperator()).operator();
      }
    }
  }

  /**
   * Rows whose key hash repeated: compares their exact keys. Each row: submission, source row, the
   * key columns, spam detected.
   */
  void recordDuplicates(List<Row> rows) {
    List<String> key = ReturnFormat.v1().key();
    Map<List<Object>, List<Row>> byKey = new LinkedHashMap<>();
    for (Row r : rows) {
      List<Object> k = new ArrayList<>();
      k.add(r.getString(0));
      for (int i = 0; i < key.size(); i++) {
        k.add(r.get(2 + i));
      }
      byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
    }
    int operator = key.indexOf("operator_id");
    int period = key.indexOf("period");
    int type = key.indexOf("spam_type");
    for (Map.Entry<List<Object>, List<Row>> group : byKey.entrySet()) {
      if (group.getValue().size() < 2) {
        continue;
      }
      String submission = (String) group.getKey().get(0);
      Entry e = byId.get(submission);
      String op = (String) group.getKey().get(1 + operator);
      if (e == null || !op.equals(e.fileOperator)) {
        continue; // rows of another operator are rejected by FileOwner's rule instead
      }
      List<Long> rowNumbers = group.getValue().stream().map(r -> r.getLong(1)).sorted().toList();
      ServiceKey gk =
          new ServiceKey(
              submission,
              new ReturnChecks.GroupKey(
                  op,
                  (String) group.getKey().get(1 + period),
                  (String) group.getKey().get(1 + type)));
      for (Row r : group.getValue()) {
        duplicateRows
            .computeIfAbsent(submission, s -> new HashMap<>())
            .put(r.getLong(1), rowNumbers);
        duplicateRowsPerGroup.merge(gk, 1L, Long::sum);
        duplicateDetectedPerGroup.merge(gk, r.getLong(2 + key.size()), Long::sum);
      }
    }
  }

  /**
   * Decides cross-row problems, accepted and live periods, statuses and warnings, the period jumps
   * from the checking pass's tallies: a run that read every file.
   */
  void decide(double jumpFactor) {
    decide();
    periodJumps(jumpFactor);
    countWarnings();
  }

  /** Judges the period jumps of every operator, on the figures of the files this run read. */
  void periodJumps(double jumpFactor) {
    periodJumps(jumpFactor, tallyFigures());
  }

  /**
   * Decides cross-row problems of the files read, accepted and live periods, and statuses; the
   * period jumps are left to {@link #periodJumps} and the warnings to {@link #countWarnings}.
   */
  void decide() {
    for (Entry e : entries) {
      if (e.readError != null) {
        e.findings.add(new FileFinding("file.unreadable", e.readError, null));
      }
      if (e.read() && e.readError == null && e.rows == 0) {
        e.findings.add(new FileFinding("file.header_only", null, null));
      }
      if (e.skipped > 0) {
        e.findings.add(new FileFinding("file.blank_lines", Long.toString(e.skipped), null));
      }
      if (e.formulas > 0) {
        e.findings.add(new FileFinding("file.formulas", Long.toString(e.formulas), null));
      }
    }
    rejectedGroups.clear();
    for (Entry e : entries) {
      if (e.failed() || e.tally == null) {
        continue;
      }
      e.verdict = ReturnChecks.decide(e.tally, e.sender);
      for (Map.Entry<ReturnChecks.GroupKey, ReturnChecks.Group> ge : e.tally.groups().entrySet()) {
        ServiceKey k = new ServiceKey(e.id, ge.getKey());
        long rows = ge.getValue().rows();
        if (e.verdict.otherOperator(ge.getKey().operatorId())
            || e.verdict.groupProblems().containsKey(ge.getKey())) {
          e.crossRejected += rows;
          rejectedGroups.add(k);
          continue;
        }
        long duplicates = duplicateRowsPerGroup.getOrDefault(k, 0L);
        e.crossRejected += duplicates;
        if (rows > duplicates) {
          e.acceptedPeriods.add(ge.getKey().period());
        }
      }
    }
    List<Entry> recordedOnly = entries.stream().filter(e -> e.recorded != null).toList();
    for (Map.Entry<List<String>, List<Entry>> c : candidates(recordedOnly).entrySet()) {
      Entry winner = c.getValue().get(c.getValue().size() - 1);
      wasLive.computeIfAbsent(winner.id, k -> new TreeSet<>()).add(c.getKey().get(1));
    }
    decideLive();
    for (Entry e : entries) {
      e.status = status(e);
    }
  }

  /** Counts each file's warnings: its findings below error, and those recorded with it. */
  void countWarnings() {
    for (Entry e : entries) {
      long found = e.findings.stream().filter(f -> f.level() != Rule.Level.ERROR).count();
      e.warnings =
          e.recorded == null ? found : e.recorded.warnings() - e.replacedJumpWarnings + found;
    }
  }

  // The service-level groups rejected across rows, of the files this run read.
  private final Set<ServiceKey> rejectedGroups = new LinkedHashSet<>();
  // Recorded submission → the periods in which it was live before this run's files came.
  private final Map<String, Set<String>> wasLive = new HashMap<>();

  /** (operator, period) → the files with accepted rows for it, in the order received. */
  private static Map<List<String>, List<Entry>> candidates(List<Entry> entries) {
    Map<List<String>, List<Entry>> candidates =
        new TreeMap<>(Comparator.comparing(Object::toString));
    for (Entry e : entries) {
      if (e.failed() || e.duplicateOf != null) {
        continue;
      }
      for (String p : e.acceptedPeriods) {
        candidates.computeIfAbsent(List.of(e.fileOperator, p), k -> new ArrayList<>()).add(e);
      }
    }
    return candidates;
  }

  private void decideLive() {
    for (Map.Entry<List<String>, List<Entry>> c : candidates(entries).entrySet()) {
      List<Entry> list = c.getValue();
      Entry winner = list.get(list.size() - 1); // entries are in the order received
      String period = c.getKey().get(1);
      winner.livePeriods.add(period);
      for (Entry other : list) {
        if (other != winner) {
          winner.supersedes.add(other.id);
          other.replacedBy.put(period, winner.id);
        }
      }
    }
  }

  private static String status(Entry e) {
    if (e.duplicateOf != null) {
      return "duplicate";
    }
    if (e.failed()) {
      return "failed";
    }
    if (e.accepted() == 0) {
      return "rejected";
    }
    if (!e.acceptedPeriods.isEmpty() && e.livePeriods.isEmpty()) {
      e.message = "superseded for " + String.join(", ", e.replacedBy.keySet());
      return "superseded";
    }
    if (!e.replacedBy.isEmpty()) {
      e.message =
          "periods "
              + String.join(", ", e.replacedBy.keySet())
              + " superseded by a later submission";
    }
    return e.rejected() == 0 ? "accepted" : "accepted_with_rejects";
  }

  /**
   * The spam detected of one live submission for one operator, type and period: what the period
   * jumps are judged on.
   */
  record LiveFigure(
      String submissionId, String operatorId, String spamType, String period, long detected) {}

  /**
   * The live figures of the files this run read, from the checking pass's tallies (the rows that
   * stay in {@code returns}: groups not rejected across rows, duplicate keys left out, live periods
   * only).
   */
  private List<LiveFigure> tallyFigures() {
    List<LiveFigure> out = new ArrayList<>();
    for (Entry e : entries) {
      if (e.failed() || e.tally == null) {
        continue;
      }
      for (Map.Entry<ReturnChecks.GroupKey, ReturnChecks.Group> ge : e.tally.groups().entrySet()) {
        ReturnChecks.GroupKey g = ge.getKey();
        ServiceKey k = new ServiceKey(e.id, g);
        if (rejectedGroups.contains(k) || !e.livePeriods.contains(g.period())) {
          continue;
        }
        long detected = ge.getValue().detected() - duplicateDetectedPerGroup.getOrDefault(k, 0L);
        out.add(new LiveFigure(e.id, g.operatorId(), g.spamType(), g.period(), detected));
      }
    }
    return out;
  }

  /**
   * Warns where an operator's spam for a type jumps by more than {@code factor} against its
   * previous period, on the submission live for the later period. {@code figures}: the live figures
   * of every operator judged (a run over some operators passes only theirs).
   */
  void periodJumps(double factor, List<LiveFigure> figures) {
    Map<List<String>, TreeMap<String, long[]>> series =
        new TreeMap<>(Comparator.comparing(Object::toString));
    Map<List<String>, Entry> owner = new HashMap<>();
    for (LiveFigure f : figures) {
      List<String> key = List.of(f.operatorId(), f.spamType());
      series
          .computeIfAbsent(key, x -> new TreeMap<>())
          .merge(f.period(), new long[] {f.detected()}, (a, b) -> new long[] {a[0] + b[0]});
      owner.put(List.of(f.operatorId(), f.spamType(), f.period()), byId.get(f.submissionId()));
    }
    for (Map.Entry<List<String>, TreeMap<String, long[]>> s : series.entrySet()) {
      for (Map.Entry<String, long[]> p : s.getValue().entrySet()) {
        String previous = previousPeriod(p.getKey());
        long[] before = s.getValue().get(previous);
        if (before == null || before[0] == 0 || p.getValue()[0] == 0) {
          continue;
        }
        double ratio = p.getValue()[0] / (double) before[0];
        if (ratio >= factor || ratio <= 1 / factor) {
          Entry e = owner.get(List.of(s.getKey().get(0), s.getKey().get(1), p.getKey()));
          e.findings.add(
              new FileFinding(
                  "period_jump",
                  s.getKey().get(1) + " in " + p.getKey(),
                  String.format(
                      Locale.ROOT, "x%.1f (from %d to %d)", ratio, before[0], p.getValue()[0])));
        }
      }
    }
  }

  /** The period before a canonical quarter or month. */
  static String previousPeriod(String period) {
    int year = Integer.parseInt(period.substring(0, 4));
    if (period.charAt(5) == 'Q') {
      int q = period.charAt(6) - '0';
      return q == 1 ? (year - 1) + "-Q4" : year + "-Q" + (q - 1);
    }
    int m = Integer.parseInt(period.substring(5, 7));
    return m == 1 ? (year - 1) + "-12" : String.format(Locale.ROOT, "%d-%02d", year, m - 1);
  }

  // ---- what the Spark side needs -------------------------------------------------------------

  /**
   * Submission → the verdict across its rows and the rows whose key repeats, for every submission
   * with rows rejected across rows: rows of another operator than the file's, groups whose service
   * levels disagree, duplicate keys. Empty in the usual case.
   */
  Map<String, CrossRows> crossRows() {
    Map<String, CrossRows> out = new TreeMap<>();
    for (Entry e : entries) {
      if (e.failed() || e.verdict == null) {
        continue;
      }
      Set<String> others = new TreeSet<>();
      e.tally.groups().keySet().stream()
          .map(ReturnChecks.GroupKey::operatorId)
          .filter(e.verdict::otherOperator)
          .forEach(others::add);
      Map<Long, List<Long>> dups = duplicateRows.getOrDefault(e.id, Map.of());
      if (!others.isEmpty() || !e.verdict.groupProblems().isEmpty() || !dups.isEmpty()) {
        out.put(e.id, new CrossRows(e.verdict, others, new HashMap<>(dups)));
      }
    }
    return out;
  }

  /**
   * What one submission's rows rejected across rows are.
   *
   * @param verdict the rules across its rows
   * @param otherOperators operators of valid rows that are not the file's
   * @param duplicates row → every row with its key, for rows whose key repeats
   */
  record CrossRows(
      ReturnChecks.Verdict verdict, Set<String> otherOperators, Map<Long, List<Long>> duplicates)
      implements java.io.Serializable {
    /** The problems across rows of one valid row (empty when it has none). */
    List<Problem> problems(String operator, String period, String spamType, long row) {
      return verdict.problems(operator, period, spamType, duplicates.get(row));
    }
  }

  /** Every submission, by id. */
  Set<String> ids() {
    return byId.keySet();
  }

  /** The periods whose rows of {@code submission} belong in {@code returns}. */
  Set<String> livePeriods(String submission) {
    Entry e = byId.get(submission);
    return e == null || e.failed() ? Set.of() : e.livePeriods;
  }

  /** Whether the rows of {@code submission} for {@code period} belong in {@code returns}. */
  boolean live(String submission, String period) {
    Entry e = byId.get(submission);
    return e != null && !e.failed() && e.livePeriods.contains(period);
  }

  /**
   * Submission → whose file it is: its landing folder's operator, else the operator of its first
   * valid row ({@link FileOwner}).
   */
  Map<String, FileOwner> fileOwners() {
    Map<String, FileOwner> out = new HashMap<>();
    for (Entry e : entries) {
      if (e.fileOperator != null && !e.failed()) {
        out.put(e.id, e.owner());
      }
    }
    return out;
  }

  /** Submissions whose rows must be left out entirely (failed while reading). */
  List<String> failedIds() {
    return entries.stream().filter(Entry::failed).map(e -> e.id).toList();
  }

  Dataset<Row> liveFrame(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Entry e : entries) {
      for (String p : e.livePeriods) {
        rows.add(RowFactory.create(e.id, p, true));
      }
    }
    StructType schema =
        new StructType()
            .add("submission_id", DataTypes.StringType)
            .add("period", DataTypes.StringType)
            .add("_live_flag", DataTypes.BooleanType);
    return spark.createDataFrame(rows, schema);
  }

  Dataset<Row> filesFrame(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Entry e : entries) {
      rows.add(RowFactory.create(e.id, e.file.uri()));
    }
    StructType schema =
        new StructType()
            .add("submission_id", DataTypes.StringType)
            .add("file", DataTypes.StringType);
    return spark.createDataFrame(rows, schema);
  }

  /** File-level findings and warnings as rows of {@code rejects}. */
  Dataset<Row> fileFindingsFrame(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Entry e : entries) {
      for (FileFinding f : e.findings) {
        boolean rowLevel = ReturnFormat.v1().rule(f.rule()).scope().equals("return");
        String message =
            rowLevel
                ? Messages.render(f.rule(), "spam_detected", f.value(), f.other())
                : f.message();
        rows.add(
            RowFactory.create(
                e.id,
                e.operator(),
                e.file.uri(),
                e.sheet(),
                null,
                rowLevel ? "spam_detected" : null,
                f.value(),
                f.rule(),
                f.level().code(),
                message));
      }
    }
    return spark.createDataFrame(rows, rejectsSchema());
  }

  static StructType rejectsSchema() {
    return Contracts.sparkSchema(TableContract.load("rejects"));
  }

  Dataset<Row> frame(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Entry e : entries) {
      ReturnFile f = e.file;
      String message = e.message;
      if (message == null) {
        message =
            e.findings.stream()
                .filter(x -> x.level() == Rule.Level.ERROR)
                .map(FileFinding::message)
                .findFirst()
                .orElse(null);
        if (message == null && e.recorded != null && e.replacedBy.isEmpty()) {
          message = e.recorded.message(); // the first error its findings gave, when read
        }
      }
      String supersededBy =
          "superseded".equals(e.status)
              ? e.replacedBy.values().stream().max(Comparator.naturalOrder()).orElse(null)
              : null;
      rows.add(
          RowFactory.create(
              e.id,
              e.operator(),
              e.acceptedPeriods.isEmpty() ? null : e.acceptedPeriods.toArray(String[]::new),
              f.uri(),
              f.fileName(),
              f.format().code(),
              f.sha256(),
              f.sizeBytes(),
              new Timestamp(f.receivedAtMillis()),
              e.failed() ? 0L : e.rows,
              e.accepted(),
              e.rejected(),
              e.warnings,
              e.status,
              message,
              e.duplicateOf,
              e.supersedes.isEmpty() ? null : e.supersedes.toArray(String[]::new),
              supersededBy,
              ReturnFormat.v1().version(),
              e.modifiedAt == null ? null : new Timestamp(e.modifiedAt)));
    }
    return spark.createDataFrame(rows, Contracts.sparkSchema(TableContract.load("submissions")));
  }

  // ---- what an incremental run needs --------------------------------------------------------

  /**
   * Recorded submission → the periods it was live in before this run and is no longer (a new file
   * replaces it there): its rows of those periods leave {@code returns}.
   */
  Map<String, Set<String>> periodsLeaving() {
    Map<String, Set<String>> out = new TreeMap<>();
    wasLive.forEach(
        (id, before) -> {
          Set<String> lost = new TreeSet<>(before);
          lost.removeAll(byId.get(id).livePeriods);
          if (!lost.isEmpty()) {
            out.put(id, lost);
          }
        });
    return out;
  }

  /**
   * The operators whose live figures this run's files change (a new file with accepted rows, which
   * may replace recorded ones): their period jumps are judged again.
   */
  Set<String> operatorsChanged() {
    Set<String> out = new TreeSet<>();
    for (Entry e : entries) {
      if (e.recorded == null && !e.failed() && e.duplicateOf == null) {
        if (!e.acceptedPeriods.isEmpty()) {
          out.add(e.fileOperator);
        }
      }
    }
    return out;
  }

  /** The recorded submissions of {@code operators}, whose period jumps are judged again. */
  List<String> recordedOf(Set<String> operators) {
    return entries.stream()
        .filter(e -> e.recorded != null && !e.failed() && operators.contains(e.fileOperator))
        .map(e -> e.id)
        .toList();
  }

  /** The period-jump warnings recorded with each of the submissions judged again. */
  void replacedJumpWarnings(Map<String, Long> bySubmission) {
    bySubmission.forEach((id, n) -> byId.get(id).replacedJumpWarnings = n);
  }

  /** The recorded files that got new findings, whose sheet their rejects name. */
  List<String> recordedWithNewFindings() {
    return entries.stream()
        .filter(e -> e.recorded != null && !e.findings.isEmpty())
        .map(e -> e.file.uri())
        .toList();
  }

  /** The sheets of recorded files, by URI, as inspected again. */
  void sheets(Map<String, String> byUri) {
    for (Entry e : entries) {
      if (e.recorded != null && byUri.containsKey(e.file.uri())) {
        e.sheet = byUri.get(e.file.uri());
      }
    }
  }

  /** Files this run read (the others were recorded by earlier runs). */
  int filesRead() {
    return (int) entries.stream().filter(e -> e.recorded == null).count();
  }

  IngestReturns.Result result(long returnsRows, long commit, String rebuilt) {
    long read = 0;
    long accepted = 0;
    long rejected = 0;
    long warnings = 0;
    int failed = 0;
    int duplicates = 0;
    for (Entry e : entries) {
      read += e.failed() ? 0 : e.rows;
      accepted += e.accepted();
      rejected += e.rejected();
      warnings += e.warnings;
      failed += "failed".equals(e.status) ? 1 : 0;
      duplicates += "duplicate".equals(e.status) ? 1 : 0;
    }
    return new IngestReturns.Result(
        entries.size(),
        failed,
        duplicates,
        read,
        accepted,
        rejected,
        warnings,
        returnsRows,
        commit,
        filesRead(),
        rebuilt);
  }
}
