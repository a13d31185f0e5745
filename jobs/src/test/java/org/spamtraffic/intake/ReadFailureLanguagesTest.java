package org.spamtraffic.intake;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.spamtraffic.language.Catalogue;
import org.spamtraffic.language.Language;
import org.spamtraffic.validate.Finding;
import org.spamtraffic.validate.Messages;
import org.spamtraffic.validate.Phrases;

/**
 * What a French (or Spanish, Arabic, Chinese, Russian) operator reads when their return cannot be
 * read: the whole finding in their language (the cause and what to do, not only the rule's opening
 * words), numbers as their language writes them, and nothing of the library's own English (the
 * technical detail goes to the log only). English findings keep their words.
 */
class ReadFailureLanguagesTest {
  private static final List<Language> OTHERS =
      List.of(
          Language.FRENCH, Language.SPANISH, Language.ARABIC, Language.CHINESE, Language.RUSSIAN);

  /** Latin words a finding in Arabic, Chinese or Russian keeps: programs, formats, codes. */
  private static final Set<String> KEPT =
      Set.of(
          "Excel",
          "LibreOffice",
          "CSV",
          "UTF",
          "XLSX",
          "xlsx",
          "XLS",
          "XML",
          "zip",
          "ZIP",
          "PDF",
          "Office",
          "VBA",
          "OLE",
          "ActiveX",
          "Windows",
          "xlsm");

  /** English words of these findings that no French or Spanish finding has. */
  private static final Set<String> ENGLISH_WORDS =
      Set.of(
          "the",
          "it",
          "its",
          "is",
          "and",
          "of",
          "to",
          "from",
          "line",
          "fields",
          "workbook",
          "read",
          "save",
          "send",
          "copy",
          "folder",
          "quotes",
          "while",
          "than",
          "this",
          "longer",
          "unexpected",
          "problem",
          "system",
          "broken",
          "memory",
          "allowed",
          "starts",
          "usually");

  /** One finding for every cause ReadFailure tells apart, by what the test made happen. */
  private static Map<String, Finding> findings() {
    Map<String, Finding> out = new LinkedHashMap<>();
    put(out, "gone", FileFormat.UNKNOWN, new NoSuchFileException("r.csv"));
    put(out, "denied", FileFormat.UNKNOWN, new AccessDeniedException("r.csv"));
    put(out, "encoding", FileFormat.CSV, new MalformedInputException(1));
    put(out, "zip", FileFormat.XLSX, new java.util.zip.ZipException("invalid entry size"));
    put(out, "xml", FileFormat.XLSX, new javax.xml.stream.XMLStreamException("Unexpected '<'"));
    put(out, "xls", FileFormat.XLS, new IllegalStateException("Block 13 not found."));
    put(out, "xlsx", FileFormat.XLSX, new IndexOutOfBoundsException("Index -1 out of bounds"));
    put(out, "old excel", FileFormat.UNKNOWN, new OldExcelFormatException("BIFF5"));
    put(out, "header fields", FileFormat.CSV, csv("line 1", "1000 fields"));
    put(out, "fields", FileFormat.CSV, csv("line 1234", "1000 fields"));
    put(out, "open quote", FileFormat.CSV, fieldSize());
    put(out, "memory", FileFormat.CSV, new OutOfMemoryError("Java heap space"));
    put(out, "nested", FileFormat.CSV, new StackOverflowError());
    put(out, "unexpected", FileFormat.CSV, new IllegalArgumentException("boom"));
    // What validate and ingest-returns say when a file fails while its rows are read.
    described(out, "storage", new IOException("Connection reset"));
    described(out, "save again", new IllegalArgumentException("boom"));
    described(out, "csv while reading", csv("line 77", "1000 fields"));
    described(out, "library", brokenWorkbook());
    return out;
  }

  @Test
  void everyReadFailureIsSaidWhollyInTheOperatorsLanguage() {
    List<String> left = new ArrayList<>();
    for (Map.Entry<String, Finding> e : findings().entrySet()) {
      Finding f = e.getValue();
      String english = f.message(Language.ENGLISH);
      for (Language l : OTHERS) {
        String message = f.message(l);
        if (message.equals(english)) {
          left.add(e.getKey() + " in " + l.code() + " is the English: " + message);
        }
        for (String word : englishWords(message, l)) {
          left.add(e.getKey() + " in " + l.code() + ": " + word + " in: " + message);
        }
      }
    }
    assertThat(left).isEmpty();
  }

  @Test
  void theEnglishFindingKeepsItsWordsAndTheTranslationItsNumbers() {
    Map<String, Finding> all = findings();
    assertThat(all.get("gone").message(Language.ENGLISH))
        .isEqualTo("The file could not be read: it is no longer in the landing folder.");
    assertThat(all.get("gone").value()).isEqualTo("it is no longer in the landing folder");
    assertThat(all.get("gone").message(Language.FRENCH))
        .isEqualTo("Le fichier n’a pas pu être lu : il n’est plus dans le dossier de dépôt.");
    assertThat(all.get("fields").message(Language.ENGLISH))
        .isEqualTo(
            "The file could not be read: line 1,234 has more than 1,000 fields; check the"
                + " separator and the quotes on that line.");
    // The line is said as French writes it, inside the phrase, with its number.
    assertThat(all.get("fields").message(Language.FRENCH))
        .isEqualTo(
            "Le fichier n’a pas pu être lu : la ligne 1\u202f234 a plus de 1\u202f000 champs ;"
                + " vérifiez le séparateur et les guillemets de cette ligne.");
    assertThat(all.get("header fields").rule()).isEqualTo("file.too_many_columns");
    assertThat(all.get("library").value())
        .endsWith("; open it in Excel or LibreOffice, save it again, and send the new copy");
  }

  /**
   * Every phrase code puts into a file finding (what a file is, what a workbook holds that a return
   * may not, why it cannot be read) is said in each language: none is left in English.
   */
  @Test
  void everyPhraseIsSaidInEveryLanguage() {
    List<String> left = new ArrayList<>();
    for (String key : Phrases.keys()) {
      if (key.contains(".part.")) {
        continue; // only ever inside another phrase, checked there
      }
      Object[] args =
          new Object
              [Catalogue.arguments(
                      Messages.catalogue(Language.ENGLISH).pattern(Phrases.PREFIX + key))
                  .size()];
      java.util.Arrays.fill(args, 7L);
      String english = Phrases.english(key, args);
      for (Language l : OTHERS) {
        String said = Phrases.in(l, english);
        if (said.equals(english)) {
          left.add(key + " in " + l.code() + " is the English: " + english);
        }
        for (String word : englishWords(said, l)) {
          left.add(key + " in " + l.code() + ": " + word + " in: " + said);
        }
      }
    }
    assertThat(Phrases.keys()).hasSizeGreaterThan(50);
    assertThat(left).isEmpty();
  }

  @Test
  void aListOfPhrasesIsSaidAsTheLanguageJoinsAList() {
    String english =
        String.join(
            ", ",
            Phrases.english("content.activex"),
            Phrases.english("content.links"),
            Phrases.english("content.ole"));
    assertThat(Messages.render(Language.FRENCH, "file.active_content", null, english, null))
        .startsWith(
            "Le classeur contient des contrôles ActiveX, des liaisons vers d’autres classeurs (dans"
                + " Excel : Données, Modifier les liens, Rompre la liaison) et des objets incorporés"
                + " (OLE), ");
  }

  @Test
  void aValueThatIsNoPhraseStaysAsItIs() {
    // A sheet an operator called "line 5", in a file rule's {value}: "line 5" is a phrase only
    // inside another ("line 5 has more than 1,000 fields"), never a whole value.
    assertThat(Messages.render(Language.FRENCH, "file.hidden_sheets", null, "line 5", null))
        .isEqualTo("Des feuilles masquées ont été ignorées : line 5.");
  }

  private static void put(Map<String, Finding> out, String name, FileFormat format, Throwable e) {
    out.put(name, Finding.of(ReadFailure.finding("r", format, e)));
  }

  private static void described(Map<String, Finding> out, String name, Throwable e) {
    out.put(name, Finding.of(new FileFinding("file.unreadable", ReadFailure.describe(e), null)));
  }

  /** FastCSV's own words when a record breaks one of its limits. */
  private static Throwable csv(String line, String limit) {
    return new CsvParseException(
        "Exception when reading first record",
        new CsvParseException(
            "Record starting at " + line + " has surpassed the maximum limit of " + limit));
  }

  private static Throwable fieldSize() {
    return new CsvParseException(
        "Field at index 3 in record starting at line 40 exceeds the max field size of 16777216"
            + " characters");
  }

  /** What POI throws for a file that starts as a zip and is none. */
  private static Throwable brokenWorkbook() {
    byte[] bytes = "PK\u0003\u0004 not a zip at all".getBytes(StandardCharsets.ISO_8859_1);
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      throw new AssertionError("POI read a broken workbook");
    } catch (IOException | RuntimeException e) {
      return e;
    }
  }

  private static List<String> englishWords(String message, Language language) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("[A-Za-z]+").matcher(message);
    while (m.find()) {
      String w = m.group();
      boolean english =
          switch (language) {
            case ARABIC, CHINESE, RUSSIAN -> !KEPT.contains(w);
            default -> ENGLISH_WORDS.contains(w.toLowerCase(Locale.ROOT));
          };
      if (english) {
        out.add(w);
      }
    }
    return out;
  }
}
