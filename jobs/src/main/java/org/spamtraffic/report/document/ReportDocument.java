package org.spamtraffic.report.document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.spamtraffic.report.chart.Chart;

/**
 * The report draft as data, shaped as a TSAG contribution: a header (document number and meeting
 * placeholders), a cover table (source, title, purpose, contact, keywords, abstract), numbered
 * sections, then annexes; every number already printed as text from a published table. Figures and
 * tables are numbered in document order; text refers to them by id ({@code [[figure:ID]]}, {@code
 * [[table:ID]]}), resolved by {@link #resolve}. {@link DocxWriter} lays it out; tests read the
 * numbers back from here and from the .docx.
 *
 * @param header the page header and first-page block
 * @param cover the cover table
 * @param sections the numbered sections, in order
 * @param annexes the annexes (lettered), in order
 */
public record ReportDocument(
    Header header, Cover cover, List<Section> sections, List<Section> annexes) {
  private static final Pattern REFERENCE = Pattern.compile("\\[\\[(figure|table):([^\\]]+)]]");

  public ReportDocument {
    sections = List.copyOf(sections);
    annexes = List.copyOf(annexes);
  }

  /**
   * The block above the cover table, and the page header of later pages.
   *
   * @param documentNumber the document number, a placeholder for the author ("TSAG-TD[xxx]")
   * @param studyPeriod "Study Period 2025-2028"
   * @param meeting place and dates, a placeholder
   * @param original "Original: English"
   * @param questions "Question(s): N/A"
   * @param kind the document kind line ("CONTRIBUTION")
   */
  public record Header(
      String documentNumber,
      String studyPeriod,
      String meeting,
      String original,
      String questions,
      String kind) {}

  /**
   * The cover table of a TSAG contribution: each field's label and text.
   *
   * @param fields label → text, in order (Source, Title, Purpose, Contact, Keywords, Abstract)
   */
  public record Cover(Map<String, String> fields) {
    public Cover {
      fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The document title (the Title field). */
    public String title(String titleLabel) {
      return fields.getOrDefault(titleLabel, "");
    }
  }

  /**
   * A numbered section (or a lettered annex).
   *
   * @param heading section heading
   * @param blocks its content
   */
  public record Section(String heading, List<Block> blocks) {
    public Section {
      blocks = List.copyOf(blocks);
    }
  }

  /** A piece of a section. */
  public sealed interface Block
      permits Paragraph, Subheading, Bullets, Figure, Table, Missing, Editable, Numbered {}

  /** A paragraph of body text; may refer to figures and tables by id. */
  public record Paragraph(String text) implements Block {}

  /** A second-level heading, numbered n.m. */
  public record Subheading(String text) implements Block {}

  /** A bulleted list. */
  public record Bullets(List<String> items) implements Block {
    public Bullets {
      items = List.copyOf(items);
    }
  }

  /** A numbered list (references: [1], [2]...). */
  public record Numbered(List<String> items) implements Block {
    public Numbered {
      items = List.copyOf(items);
    }
  }

  /** Text for the author to write or edit (conclusions, proposals): marked so it is seen. */
  public record Editable(String text) implements Block {}

  /**
   * A chart with its caption; numbered "Figure n" when laid out.
   *
   * @param chart the chart (drawn from its PNG)
   * @param caption what it shows, one sentence
   * @param table the published table it was built from
   * @param cells values the chart would draw, withheld ones included
   * @param withheld of those, how many are withheld
   */
  public record Figure(Chart chart, String caption, String table, int cells, int withheld)
      implements Block {
    /** The id text refers to it by: the chart's id. */
    public String id() {
      return chart.frame().id();
    }
  }

  /**
   * A table with its title; numbered "Table n" when laid out.
   *
   * @param id what text refers to it by
   * @param title what it shows
   * @param header column headings
   * @param rows cells as printed
   * @param numeric which columns hold numbers (right-aligned)
   * @param source the published table it was built from
   * @param note a line under the table (units, withheld cells), or empty
   */
  public record Table(
      String id,
      String title,
      List<String> header,
      List<List<String>> rows,
      List<Boolean> numeric,
      String source,
      String note)
      implements Block {
    public Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
      numeric = List.copyOf(numeric);
      for (List<String> r : rows) {
        if (r.size() != header.size()) {
          throw new IllegalArgumentException(
              "Table '" + title + "': a row has " + r.size() + " cells for " + header.size());
        }
      }
    }

    /** Printed cells of numeric columns. */
    public int figureCells() {
      int n = 0;
      for (List<String> r : rows) {
        for (int c = 0; c < r.size(); c++) {
          if (numeric.get(c) && !r.get(c).equals(Printed.NONE)) {
            n++;
          }
        }
      }
      return n;
    }

    /** Numeric cells printed as withheld. */
    public int withheldCells(String withheldWord) {
      int n = 0;
      for (List<String> r : rows) {
        for (int c = 0; c < r.size(); c++) {
          if (numeric.get(c) && r.get(c).equals(withheldWord)) {
            n++;
          }
        }
      }
      return n;
    }
  }

  /** What a section cannot show, and why (an input table the warehouse does not have). */
  public record Missing(String text) implements Block {}

  /** Sections, then annexes. */
  public Stream<Section> allSections() {
    return Stream.concat(sections.stream(), annexes.stream());
  }

  /** Every figure, in document order. */
  public List<Figure> figures() {
    return allSections()
        .flatMap(s -> s.blocks().stream())
        .filter(Figure.class::isInstance)
        .map(Figure.class::cast)
        .toList();
  }

  /** Every table, in document order. */
  public List<Table> tables() {
    return allSections()
        .flatMap(s -> s.blocks().stream())
        .filter(Table.class::isInstance)
        .map(Table.class::cast)
        .toList();
  }

  /** Figure and table numbers by id. */
  public Map<String, Integer> numbers() {
    Map<String, Integer> out = new LinkedHashMap<>();
    List<Figure> figures = figures();
    for (int i = 0; i < figures.size(); i++) {
      out.put("figure:" + figures.get(i).id(), i + 1);
    }
    List<Table> tables = tables();
    for (int i = 0; i < tables.size(); i++) {
      out.put("table:" + tables.get(i).id(), i + 1);
    }
    return out;
  }

  /**
   * {@code text} with its references replaced by "Figure 3", "Table 2" in {@code labels}' words; a
   * reference to a figure that was not drawn (all its values withheld) says so.
   */
  public String resolve(String text, Labels labels) {
    Map<String, Integer> numbers = numbers();
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Integer n = numbers.get(m.group(1) + ":" + m.group(2));
      // A figure every value of which is withheld is not drawn (a note stands in its place).
      String words =
          // A no-break space: "Figure" and its number never part at a line end.
          n == null ? labels.get("reference.not-drawn") : labels.get(m.group(1)) + "\u00a0" + n;
      m.appendReplacement(out, Matcher.quoteReplacement(words));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The ids of figures and tables that no text refers to. */
  public List<String> unreferenced() {
    List<String> texts = new ArrayList<>();
    allSections()
        .flatMap(s -> s.blocks().stream())
        .forEach(
            b -> {
              if (b instanceof Paragraph p) {
                texts.add(p.text());
              } else if (b instanceof Bullets l) {
                texts.addAll(l.items());
              }
            });
    String all = String.join("\n", texts);
    return numbers().keySet().stream().filter(k -> !all.contains("[[" + k + "]]")).toList();
  }

  /** A reference to a figure, for text. */
  public static String figureRef(String id) {
    return "[[figure:" + id + "]]";
  }

  /** A reference to a table, for text. */
  public static String tableRef(String id) {
    return "[[table:" + id + "]]";
  }
}
