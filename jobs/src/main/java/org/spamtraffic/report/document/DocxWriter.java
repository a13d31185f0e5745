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
 * Lays a {@link ReportDocument} out as a Word document (.docx, POI XWPF) shaped as a TSAG
 * contribution: the first-page block (sector, study period, document number and meeting
 * placeholders) and cover table, a page header with the page number and document number from the
 * second page on, a table of contents whose page numbers are PAGEREF fields to bookmarked headings
 * (numbered 1, 1.1; annexes A, A.1), A4 with 2 cm margins, Word's own styles (Heading 1 and 2,
 * Caption, TOC 1 and 2), text for the author highlighted, each figure as its PNG at its printed
 * size followed by a numbered caption (a {@code SEQ Figure} field, so Word can list the figures),
 * each table preceded by a numbered title and with a filled header row that repeats across pages.
 */
public final class DocxWriter {
  private static final String HEADER_FILL = "1F4E79";

  /** The font of Chinese text (fonts-noto-cjk). */
  static final String CJK_FONT = "Noto Sans CJK SC";

  /** The font of Arabic text (fonts-noto-core). */
  static final String ARABIC_FONT = "Noto Naskh Arabic";

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
      headers(doc, report.header());
      // Word asks to update fields (contents, page references) on opening; LibreOffice lays the
      // page references out itself.
      doc.enforceUpdateFields();
      String title = report.cover().title(labels.get("cover.title"));
      doc.getProperties().getCoreProperties().setTitle(title);
      doc.getProperties().getCoreProperties().setCreator("spamtraffic");
      doc.getProperties().getCoreProperties().setCreated(Optional.of(Date.from(createdAt)));
      firstPage(doc, report.header());
      cover(doc, report);
      List<Heading> headings = headings(report);
      paragraph(doc, "TOCHeading", labels.get("contents"));
      contents(doc, headings);
      int[] figure = {0};
      int[] table = {0};
      int next = 0;
      for (ReportDocument.Section s :
          java.util.stream.Stream.concat(report.sections().stream(), report.annexes().stream())
              .toList()) {
        Heading h = headings.get(next++);
        heading(doc, "Heading1", h);
        for (ReportDocument.Block block : s.blocks()) {
          if (block instanceof ReportDocument.Subheading) {
            heading(doc, "Heading2", headings.get(next++));
          } else {
            block(doc, report, block, pngs, figure, table, headings);
          }
        }
      }
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the report document", e);
    }
  }

  /** A numbered heading: its number, text, level and bookmark (for the contents' page numbers). */
  private record Heading(String number, String text, int level, String bookmark) {}

  /** Every heading in order: sections 1, 2..., their subheadings 1.1...; annexes A, A.1... */
  private List<Heading> headings(ReportDocument report) {
    List<Heading> out = new java.util.ArrayList<>();
    int section = 0;
    for (ReportDocument.Section s : report.sections()) {
      section++;
      addHeadings(out, Integer.toString(section), s.heading(), s);
    }
    char annex = 'A';
    for (ReportDocument.Section s : report.annexes()) {
      String letter = Character.toString(annex++);
      addHeadings(out, letter, labels.format("annex", letter, s.heading()), s);
    }
    return out;
  }

  private void addHeadings(
      List<Heading> out, String number, String text, ReportDocument.Section s) {
    boolean annex = Character.isLetter(number.charAt(0));
    out.add(new Heading(annex ? "" : number, text, 1, "_Toc" + (out.size() + 1)));
    int sub = 0;
    for (ReportDocument.Block b : s.blocks()) {
      if (b instanceof ReportDocument.Subheading h) {
        sub++;
        out.add(new Heading(number + "." + sub, h.text(), 2, "_Toc" + (out.size() + 1)));
      }
    }
  }

  private void block(
      XWPFDocument doc,
      ReportDocument report,
      ReportDocument.Block block,
      Map<String, byte[]> pngs,
      int[] figure,
      int[] table,
      List<Heading> headings) {
    if (block instanceof ReportDocument.Paragraph p) {
      paragraph(doc, "Normal", report.resolve(p.text(), labels));
    } else if (block instanceof ReportDocument.Bullets b) {
      for (String item : b.items()) {
        paragraph(doc, "ListBullet", "•\t" + report.resolve(item, labels));
      }
    } else if (block instanceof ReportDocument.Numbered n) {
      for (int i = 0; i < n.items().size(); i++) {
        paragraph(doc, "ListNumber", "[" + (i + 1) + "]\t" + n.items().get(i));
      }
    } else if (block instanceof ReportDocument.Editable e) {
      paragraph(doc, "Editable", report.resolve(e.text(), labels));
    } else if (block instanceof ReportDocument.Missing m) {
      paragraph(doc, "Note", report.resolve(m.text(), labels));
    } else if (block instanceof ReportDocument.Figure f) {
      figure[0]++;
      figure(doc, f, pngs.get(f.chart().frame().id()));
      caption(doc, "FigureCaption", "Figure", labels.get("figure"), figure[0], f.caption());
    } else if (block instanceof ReportDocument.Table t) {
      table[0]++;
      caption(doc, "Caption", "Table", labels.get("table"), table[0], t.title());
      table(doc, report, t);
    }
  }

  /** The contents: one line per heading, its page a PAGEREF to the heading's bookmark. */
  private static void contents(XWPFDocument doc, List<Heading> headings) {
    for (Heading h : headings) {
      XWPFParagraph p = doc.createParagraph();
      p.setStyle(h.level() == 1 ? "TOC1" : "TOC2");
      p.createRun().setText(h.number().isEmpty() ? h.text() : h.number() + "\t" + h.text());
      p.createRun().addTab();
      CTSimpleField page = p.getCTP().addNewFldSimple();
      page.setInstr(" PAGEREF " + h.bookmark() + " \\h ");
      page.addNewR().addNewT().setStringValue("1");
    }
  }

  private static void heading(XWPFDocument doc, String style, Heading h) {
    XWPFParagraph p = doc.createParagraph();
    p.setStyle(style);
    java.math.BigInteger id = java.math.BigInteger.valueOf(h.bookmark().hashCode() & 0x7fffffff);
    org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBookmark start =
        p.getCTP().addNewBookmarkStart();
    start.setName(h.bookmark());
    start.setId(id);
    p.createRun().setText(h.number().isEmpty() ? h.text() : h.number() + "\t" + h.text());
    p.getCTP().addNewBookmarkEnd().setId(id);
  }

  /**
   * Page header of every page but the first, as on ITU documents: "- 3 -" and the document number.
   * The page number is there only: there is no footer.
   */
  private void headers(XWPFDocument doc, ReportDocument.Header header) {
    CTSectPr sect = doc.getDocument().getBody().getSectPr();
    sect.addNewTitlePg();
    doc.createHeader(org.apache.poi.wp.usermodel.HeaderFooterType.FIRST).createParagraph();
    org.apache.poi.xwpf.usermodel.XWPFHeader other =
        doc.createHeader(org.apache.poi.wp.usermodel.HeaderFooterType.DEFAULT);
    XWPFParagraph page = other.createParagraph();
    page.setStyle("Header");
    page.createRun().setText("- ");
    page.getCTP().addNewFldSimple().setInstr(" PAGE ");
    page.createRun().setText(" -");
    XWPFParagraph number = other.createParagraph();
    number.setStyle("Header");
    number.createRun().setText(header.documentNumber());
  }

  /** The block of the first page, as on TSAG documents: sector, study period, number, meeting. */
  private void firstPage(XWPFDocument doc, ReportDocument.Header header) {
    XWPFTable t = doc.createTable(3, 2);
    t.setWidth("100%");
    rightToLeft(t);
    noBorders(t);
    t.setBottomBorder(XWPFTable.XWPFBorderType.SINGLE, 8, 0, "000000");
    coverCell(t.getRow(0).getCell(0), labels.get("header.sector"), true, false);
    coverCell(t.getRow(0).getCell(1), header.documentNumber(), true, true);
    coverCell(t.getRow(1).getCell(0), header.studyPeriod(), false, false);
    coverCell(t.getRow(1).getCell(1), header.original(), false, true);
    coverCell(t.getRow(2).getCell(0), header.questions(), false, false);
    coverCell(t.getRow(2).getCell(1), header.meeting(), false, true);
    XWPFParagraph kind = doc.createParagraph();
    kind.setStyle("DocKind");
    kind.createRun().setText(header.kind());
  }

  /** The cover table: Source, Title, Purpose, Contact, Keywords, Abstract. */
  private void cover(XWPFDocument doc, ReportDocument report) {
    Map<String, String> fields = report.cover().fields();
    XWPFTable t = doc.createTable(fields.size(), 2);
    t.setWidth("100%");
    rightToLeft(t);
    noBorders(t);
    t.setInsideHBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "808080");
    t.setBottomBorder(XWPFTable.XWPFBorderType.SINGLE, 8, 0, "000000");
    // Label column narrow, text column wide (twentieths of a point; 9638 is A4 less the margins).
    org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid grid =
        t.getCTTbl().getTblGrid();
    if (grid != null && grid.sizeOfGridColArray() == 2) {
      grid.getGridColArray(0).setW(BigInteger.valueOf(1800));
      grid.getGridColArray(1).setW(BigInteger.valueOf(7838));
    }
    int r = 0;
    for (Map.Entry<String, String> e : fields.entrySet()) {
      XWPFTableRow row = t.getRow(r++);
      row.getCell(0).setWidth("1800");
      row.getCell(1).setWidth("7838");
      coverCell(row.getCell(0), e.getKey(), true, false);
      coverCell(row.getCell(1), e.getValue(), false, false);
    }
    doc.createParagraph().setStyle("Normal");
  }

  private static void coverCell(XWPFTableCell cell, String text, boolean bold, boolean right) {
    XWPFParagraph p = cell.getParagraphs().get(0);
    p.setStyle("CoverText");
    if (right) {
      p.setAlignment(ParagraphAlignment.RIGHT);
    }
    String[] lines = text.split("\n");
    XWPFRun run = p.createRun();
    run.setBold(bold);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        run.addBreak();
      }
      run.setText(lines[i]);
    }
  }

  /** An Arabic table reads from the right: its first column on the right (bidiVisual). */
  private void rightToLeft(XWPFTable t) {
    if (labels.rightToLeft()) {
      org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblPr pr =
          t.getCTTbl().getTblPr() == null ? t.getCTTbl().addNewTblPr() : t.getCTTbl().getTblPr();
      pr.addNewBidiVisual();
    }
  }

  private static void noBorders(XWPFTable t) {
    XWPFTable.XWPFBorderType none = XWPFTable.XWPFBorderType.NONE;
    t.setTopBorder(none, 0, 0, "FFFFFF");
    t.setBottomBorder(none, 0, 0, "FFFFFF");
    t.setLeftBorder(none, 0, 0, "FFFFFF");
    t.setRightBorder(none, 0, 0, "FFFFFF");
    t.setInsideHBorder(none, 0, 0, "FFFFFF");
    t.setInsideVBorder(none, 0, 0, "FFFFFF");
  }

  /**
   * The styles, with the document's language and fonts: every run is marked with the report's
   * language (spell checking, hyphenation, the right font for each script); Chinese text takes Noto
   * Sans CJK SC and Arabic Noto Naskh Arabic (CI installs both, fonts-noto-cjk and fonts-noto-core;
   * Word substitutes its own where they are missing); Arabic paragraphs run right to left (bidi, in
   * the paragraph defaults, so every paragraph is).
   */
  private void styles(XWPFDocument doc) throws IOException {
    try (InputStream in =
        DocxWriter.class
            .getClassLoader()
            .getResourceAsStream("spamtraffic/report/docx-styles.xml")) {
      if (in == null) {
        throw new IllegalStateException("Missing resource spamtraffic/report/docx-styles.xml");
      }
      String xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      String tag = labels.documentTag();
      xml =
          xml.replace(
                  "<w:lang w:val=\"en-GB\"/>",
                  "<w:lang w:val=\""
                      + tag
                      + "\" w:eastAsia=\""
                      + (tag.startsWith("zh") ? tag : "zh-CN")
                      + "\" w:bidi=\""
                      + (labels.rightToLeft() ? tag : "ar-SA")
                      + "\"/>")
              .replace("w:eastAsia=\"Times New Roman\"", "w:eastAsia=\"" + CJK_FONT + "\"")
              .replace("w:cs=\"Times New Roman\"", "w:cs=\"" + ARABIC_FONT + "\"");
      if (labels.rightToLeft()) {
        xml =
            xml.replace("<w:pPrDefault>\n      <w:pPr>", "<w:pPrDefault>\n      <w:pPr><w:bidi/>");
      }
      doc.createStyles().setStyles(StylesDocument.Factory.parse(xml).getStyles());
    } catch (XmlException e) {
      throw new IllegalStateException("docx-styles.xml is not valid WordprocessingML", e);
    }
  }

  private static void page(XWPFDocument doc) {
    CTSectPr sect =
        doc.getDocument().getBody().isSetSectPr()
            ? doc.getDocument().getBody().getSectPr()
            : doc.getDocument().getBody().addNewSectPr();
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

  private void table(XWPFDocument doc, ReportDocument report, ReportDocument.Table t) {
    int columns = t.header().size();
    XWPFTable table = doc.createTable(t.rows().size() + 1, columns);
    table.setWidth("100%");
    rightToLeft(table);
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
        cellRun(row.getCell(c), t.numeric().get(c)).setText(report.resolve(cells.get(c), labels));
      }
    }
    // A note under the table (units, withheld cells), or an empty paragraph, so that two tables
    // never merge into one.
    XWPFParagraph note = doc.createParagraph();
    note.setStyle(t.note().isEmpty() ? "Normal" : "TableNote");
    if (!t.note().isEmpty()) {
      note.createRun().setText(t.note());
    }
  }

  private static XWPFRun cellRun(XWPFTableCell cell, boolean numeric) {
    XWPFParagraph p = cell.getParagraphs().get(0);
    p.setStyle("TableText");
    p.setAlignment(numeric ? ParagraphAlignment.RIGHT : ParagraphAlignment.LEFT);
    return p.createRun();
  }
}
