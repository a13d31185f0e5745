package org.spamtraffic.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The byte scanner of {@link WorkbookScan} gives the same verdict however the inflated bytes are
 * cut into buffers (a tag cut by a buffer's end takes the byte-by-byte path), and its rewrite of
 * ISO date cells changes exactly one byte per cell.
 */
class WorkbookScanTest {
  private static final String SHEET =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns=\"x\"><sheetData>"
          + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>operator_id</t></is></c>"
          + "<c r='B1' t='s'><v>0</v></c></row>"
          + "<row r=\"2\" spans=\"1:3\"><c r=\"A2\" s=\"3\" t=\"d\"><v>2025-02-14T00:00:00</v></c>"
          + "<c r=\"XFD2\"><v>12</v></c><!-- a note, with < and > --><c r=\"C2\"/></row>"
          + "</sheetData><mergeCells><mergeCell ref=\"A1:B1\"/></mergeCells></worksheet>";

  private record Verdict(String rule, long isoDates, long maxShared, int merged) {}

  private static Verdict scan(String xml, int chunk, ByteArrayOutputStream sink)
      throws IOException {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    WorkbookScan.XmlPart part = new WorkbookScan.XmlPart("xl/worksheets/sheet1.xml");
    for (int at = 0; at < bytes.length && part.problem == null; at += chunk) {
      // A fresh copy per buffer, as an inflater fills a reused buffer.
      byte[] buffer = Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + chunk));
      part.feed(buffer, 0, buffer.length, sink);
    }
    if (part.problem == null) {
      part.end();
    }
    return new Verdict(
        part.problem == null ? null : part.problem.rule(),
        part.isoDateCells,
        part.maxSharedIndex,
        part.mergedRanges);
  }

  @Test
  void aValidSheetPassesWhateverTheBufferSize() throws IOException {
    Verdict whole = scan(SHEET, 1 << 16, null);
    assertThat(whole).isEqualTo(new Verdict(null, 1, 0, 1));
    for (int chunk = 1; chunk <= 64; chunk++) {
      assertThat(scan(SHEET, chunk, null)).as("chunks of %d bytes", chunk).isEqualTo(whole);
    }
  }

  @Test
  void theRewriteRetypesIsoDateCellsOnlyWhateverTheBufferSize() throws IOException {
    String expected = SHEET.replace("t=\"d\"", "t=\"e\"");
    for (int chunk : new int[] {1, 2, 3, 5, 7, 11, 64, 1 << 16}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      scan(SHEET, chunk, out);
      assertThat(out.toString(StandardCharsets.UTF_8))
          .as("chunks of %d", chunk)
          .isEqualTo(expected);
    }
  }

  @Test
  void hostileMarkupIsFoundWhateverTheBufferSize() throws IOException {
    String[][] cases = {
      {SHEET.replace("XFD2", "FXSHRXV2"), "file.bad_cell_reference"},
      {SHEET.replace("XFD2", "XFE2"), "file.bad_cell_reference"},
      {SHEET.replace("r=\"C2\"", "r=\"C0\""), "file.bad_cell_reference"},
      {SHEET.replace("<row r=\"2\"", "<row r=\"1048577\""), "file.bad_cell_reference"},
      {SHEET.replace("t='s'", "t='q'"), "file.damaged"},
      {SHEET.replace("s=\"3\"", "s=\"x\""), "file.damaged"},
      {SHEET.replace("<v>0</v>", "<v>0x1</v>"), "file.damaged"},
      {SHEET.replace("?>", "?><!DOCTYPE x [<!ENTITY a \"b\">]>"), "file.xml_doctype"},
      {SHEET.replace("<sheetData>", "<sheetData><![CDATA[x]]>"), "file.xml_doctype"},
      {SHEET.replace("</worksheet>", ""), "file.damaged"},
      {
        SHEET.replace("operator_id", "x".repeat(WorkbookScan.MAX_TOKEN_BYTES + 1)),
        "file.oversized_part"
      },
      {
        SHEET.replace("<sheetData>", "<a>".repeat(200) + "</a>".repeat(200) + "<sheetData>"),
        "file.oversized_part"
      }
    };
    for (String[] c : cases) {
      for (int chunk : new int[] {1, 3, 7, 64, 1 << 16}) {
        assertThat(scan(c[0], chunk, null).rule())
            .as("%s in chunks of %d", c[1], chunk)
            .isEqualTo(c[1]);
      }
    }
  }

  @Test
  void referencesAreCheckedAgainstTheLastColumnAndRow() {
    for (String ok : new String[] {"A1", "$A$1", "xfd1048576", "XFD1048576", "AA10"}) {
      byte[] b = ok.getBytes(StandardCharsets.US_ASCII);
      assertThat(WorkbookScan.validReference(b, 0, b.length)).as(ok).isTrue();
    }
    for (String bad : new String[] {"", "A", "1", "A0", "XFE1", "AAAA1", "A1048577", "@1", "A-1"}) {
      byte[] b = bad.getBytes(StandardCharsets.US_ASCII);
      assertThat(WorkbookScan.validReference(b, 0, b.length)).as(bad).isFalse();
    }
  }
}
