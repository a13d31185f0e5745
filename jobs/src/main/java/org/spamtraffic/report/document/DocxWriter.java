package org.spamtraffic.report.document;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.util.Units;
import org.apache.poi.xwpf.usermodel.Document;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.apache.xmlbeans.XmlException;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSimpleField;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.StylesDocument;
import org.spamtraffic.report.chart.ChartStyle;

/**
 * Lays a {@link ReportDocument} out as a Word document (.docx, POI XWPF): A4 with 2 cm margins,
 * Word's own styles (Title, Heading 1 and 2, Caption), each figure as its PNG at its printed size
 * followed by a numbered caption (a {@code SEQ Figure} field, so Word can list the figures), each
 * table preceded by a numbered title and with a filled header row that repeats across pages.
 */
public final class DocxWriter {
  private static final String HEADER_FILL = "1F4E79";

  private final Labels labels;

  /** A writer that numbers figures and tables with {@code labels}' words. */
  public DocxWriter(Labels labels) {
    this.labels = labels;
  }

  /**
   * The document as .docx bytes.
   *
   * @param report the content
   * @param pngs each figure's PNG, by chart id
   * @param createdAt the document's creation time (the only part that differs between two runs on
   *     the same inputs)
   */
  public byte[] write(ReportDocument report, Map<String, byte[]> pngs, Instant createdAt) {
    try (XWPFDocument doc = new XWPFDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      styles(doc);
      page(doc);
      doc.getProperties().getCoreProperties().setTitle(report.title());
      doc.getProperties().getCoreProperties().setCreator("spamtraffic");
      doc.getProperties().getCoreProperties().setCreated(Optional.of(Date.from(createdAt)));
      paragraph(doc, "Title", report.title());
      paragraph(doc, "Subtitle", report.subtitle());
      int figure = 0;
      int table = 0;
      int section = 0;
      for (ReportDocument.Section s : report.sections()) {
        section++;
        paragraph(doc, "Heading1", section + "\t" + s.heading());
        for (ReportDocument.Block block : s.blocks()) {
          if (block instanceof ReportDocument.Paragraph p) {
            paragraph(doc, "Normal", p.text());
          } else if (block instanceof ReportDocument.Subheading h) {
            paragraph(doc, "Heading2", h.text());
          } else if (block instanceof ReportDocument.Bullets b) {
            for (String item : b.items()) {
              paragraph(doc, "ListBullet", "•\t" + item);
            }
          } else if (block instanceof ReportDocument.Missing m) {
            paragraph(doc, "Note", m.text());
          } else if (block instanceof ReportDocument.Figure f) {
            figure++;
            figure(doc, f, pngs.get(f.chart().frame().id()));
            caption(doc, "FigureCaption", "Figure", labels.get("figure"), figure, f.caption());
          } else if (block instanceof ReportDocument.Table t) {
            table++;
            caption(doc, "Caption", "Table", labels.get("table"), table, t.title());
            table(doc, t);
          }
        }
      }
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the report document", e);
    }
  }

  private static void styles(XWPFDocument doc) throws IOException {
    try (InputStream in =
        DocxWriter.class
            .getClassLoader()
            .getResourceAsStream("spamtraffic/report/docx-styles.xml")) {
      if (in == null) {
        throw new IllegalStateException("Missing resource spamtraffic/report/docx-styles.xml");
      }
      doc.createStyles().setStyles(StylesDocument.Factory.parse(in).getStyles());
    } catch (XmlException e) {
      throw new IllegalStateException("docx-styles.xml is not valid WordprocessingML", e);
    }
  }

  private static void page(XWPFDocument doc) {
    CTSectPr sect = doc.getDocument().getBody().addNewSectPr();
    CTPageSz size = sect.addNewPgSz();
    size.setW(BigInteger.valueOf(11906)); // A4, in twentieths of a point
    size.setH(BigInteger.valueOf(16838));
    CTPageMar margins = sect.addNewPgMar();
    BigInteger twoCm = BigInteger.valueOf(1134);
    margins.setTop(twoCm);
    margins.setBottom(twoCm);
    margins.setLeft(twoCm);
    margins.setRight(twoCm);
    margins.setHeader(BigInteger.valueOf(567));
    margins.setFooter(BigInteger.valueOf(567));
    margins.setGutter(BigInteger.ZERO);
  }

  private static XWPFParagraph paragraph(XWPFDocument doc, String style, String text) {
    XWPFParagraph p = doc.createParagraph();
    p.setStyle(style);
    XWPFRun run = p.createRun();
    run.setText(text);
    return p;
  }

  private static void figure(XWPFDocument doc, ReportDocument.Figure f, byte[] png) {
    XWPFParagraph p = doc.createParagraph();
    p.setStyle("Normal");
    p.setAlignment(ParagraphAlignment.CENTER);
    p.setKeepNext(true);
    if (png == null) {
      throw new IllegalStateException("No PNG for figure " + f.chart().frame().id());
    }
    double w = ChartStyle.points(f.chart().frame().widthCm());
    double h = ChartStyle.points(f.chart().frame().heightCm());
    try {
      p.createRun()
          .addPicture(
              new ByteArrayInputStream(png),
              Document.PICTURE_TYPE_PNG,
              f.chart().frame().id() + ".png",
              Units.toEMU(w),
              Units.toEMU(h));
    } catch (InvalidFormatException | IOException e) {
      throw new IllegalStateException("Cannot insert figure " + f.chart().frame().id(), e);
    }
  }

  /** "Figure 3 – text", the number a SEQ field so that Word can renumber and list them. */
  private static void caption(
      XWPFDocument doc, String style, String sequence, String word, int number, String text) {
    XWPFParagraph p = doc.createParagraph();
    p.setStyle(style);
    p.createRun().setText(word + " ");
    CTSimpleField field = p.getCTP().addNewFldSimple();
    field.setInstr(" SEQ " + sequence + " \\* ARABIC ");
    field.addNewR().addNewT().setStringValue(Integer.toString(number));
    p.createRun().setText(" – " + text);
  }

  private static void table(XWPFDocument doc, ReportDocument.Table t) {
    int columns = t.header().size();
    XWPFTable table = doc.createTable(t.rows().size() + 1, columns);
    table.setWidth("100%");
    XWPFTable.XWPFBorderType single = XWPFTable.XWPFBorderType.SINGLE;
    table.setTopBorder(single, 4, 0, "808080");
    table.setBottomBorder(single, 4, 0, "808080");
    table.setInsideHBorder(single, 2, 0, "BFBFBF");
    table.setInsideVBorder(XWPFTable.XWPFBorderType.NONE, 0, 0, "FFFFFF");
    table.setLeftBorder(XWPFTable.XWPFBorderType.NONE, 0, 0, "FFFFFF");
    table.setRightBorder(XWPFTable.XWPFBorderType.NONE, 0, 0, "FFFFFF");
    XWPFTableRow head = table.getRow(0);
    head.setRepeatHeader(true);
    head.setCantSplitRow(true);
    for (int c = 0; c < columns; c++) {
      XWPFTableCell cell = head.getCell(c);
      cell.setColor(HEADER_FILL);
      XWPFRun run = cellRun(cell, t.numeric().get(c));
      run.setBold(true);
      run.setColor("FFFFFF");
      run.setText(t.header().get(c));
    }
    for (int r = 0; r < t.rows().size(); r++) {
      XWPFTableRow row = table.getRow(r + 1);
      row.setCantSplitRow(true);
      List<String> cells = t.rows().get(r);
      for (int c = 0; c < columns; c++) {
        cellRun(row.getCell(c), t.numeric().get(c)).setText(cells.get(c));
      }
    }
    // An empty paragraph after the table, so that two tables never merge into one.
    doc.createParagraph().setStyle("Normal");
  }

  private static XWPFRun cellRun(XWPFTableCell cell, boolean numeric) {
    XWPFParagraph p = cell.getParagraphs().get(0);
    p.setStyle("TableText");
    p.setAlignment(numeric ? ParagraphAlignment.RIGHT : ParagraphAlignment.LEFT);
    return p.createRun();
  }
}
