package org.spamtraffic.report.table;

import org.spamtraffic.language.Catalogue;
import org.spamtraffic.language.Language;
import org.spamtraffic.schema.TableContract;

/**
 * What a published table and its columns hold, in one of the six languages: the table contract's
 * own texts ({@code schemas/tables}) in English, their translations from the catalogue {@value
 * #CATALOGUE} otherwise ({@code contract.<table>.description}, {@code contract.<table>.row}, {@code
 * contract.<table>.column.<column>}). The contracts stay the one English source; the translations
 * are plain text (not MessageFormat patterns), as the contracts are.
 */
public final class ContractTexts {
  /** The catalogue of the contracts' translations. */
  public static final String CATALOGUE = "spamtraffic.report.contracts";

  private final Language language;
  private final Catalogue catalogue;

  private ContractTexts(Language language) {
    this.language = language;
    this.catalogue = Catalogue.of(CATALOGUE, language);
  }

  /** The texts in {@code language}. */
  public static ContractTexts of(Language language) {
    return new ContractTexts(language);
  }

  /** The key of what {@code table} holds. */
  public static String descriptionKey(String table) {
    return "contract." + table + ".description";
  }

  /** The key of what one row of {@code table} means. */
  public static String rowKey(String table) {
    return "contract." + table + ".row";
  }

  /** The key of what {@code column} of {@code table} holds. */
  public static String columnKey(String table, String column) {
    return "contract." + table + ".column." + column;
  }

  /** What the table holds. */
  public String description(TableContract contract) {
    return text(descriptionKey(contract.name()), contract.description());
  }

  /** What one row of the table means. */
  public String row(TableContract contract) {
    return text(rowKey(contract.name()), contract.row());
  }

  /** What the column holds, with its unit. */
  public String column(TableContract contract, TableContract.Column column) {
    return text(columnKey(contract.name(), column.name()), column.description());
  }

  private String text(String key, String english) {
    // A text not translated yet reads in English, as every catalogue falls back to its source.
    return language == Language.ENGLISH || !catalogue.has(key) ? english : catalogue.pattern(key);
  }
}
