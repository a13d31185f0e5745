package org.spamtraffic.report.document;

import java.util.List;
import org.spamtraffic.report.chart.Chart;

/**
 * The report draft as data: a title block and sections of paragraphs, figures and tables, every
 * number already printed as text from a published table. {@link DocxWriter} lays it out; tests read
 * the numbers back from here and from the .docx.
 *
 * @param title document title
 * @param subtitle line under the title (study and date of the data)
 * @param sections the sections, in order
 */
public record ReportDocument(String title, String subtitle, List<Section> sections) {
  public ReportDocument {
    sections = List.copyOf(sections);
  }

  /**
   * A numbered section.
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
  public sealed interface Block permits Paragraph, Subheading, Bullets, Figure, Table, Missing {}

  /** A paragraph of body text. */
  public record Paragraph(String text) implements Block {}

  /** A second-level heading. */
  public record Subheading(String text) implements Block {}

  /** A bulleted list. */
  public record Bullets(List<String> items) implements Block {
    public Bullets {
      items = List.copyOf(items);
    }
  }

  /**
   * A chart with its caption; numbered "Figure n" when laid out.
   *
   * @param chart the chart (drawn from its PNG)
   * @param caption what it shows, one sentence
   * @param table the published table it was built from
   */
  public record Figure(Chart chart, String caption, String table) implements Block {}

  /**
   * A table with its title; numbered "Table n" when laid out.
   *
   * @param title what it shows
   * @param header column headings
   * @param rows cells as printed
   * @param numeric which columns hold numbers (right-aligned)
   * @param source the published table it was built from
   */
  public record Table(
      String title,
      List<String> header,
      List<List<String>> rows,
      List<Boolean> numeric,
      String source)
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
  }

  /** What a section cannot show, and why (an input table the warehouse does not have). */
  public record Missing(String text) implements Block {}

  /** Every figure, in document order. */
  public List<Figure> figures() {
    return sections.stream()
        .flatMap(s -> s.blocks().stream())
        .filter(Figure.class::isInstance)
        .map(Figure.class::cast)
        .toList();
  }

  /** Every table, in document order. */
  public List<Table> tables() {
    return sections.stream()
        .flatMap(s -> s.blocks().stream())
        .filter(Table.class::isInstance)
        .map(Table.class::cast)
        .toList();
  }
}
